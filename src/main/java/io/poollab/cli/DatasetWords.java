package io.poollab.cli;

import io.poollab.workload.DatasetException;
import io.poollab.workload.WordList;
import java.nio.file.Path;
import java.util.List;

/**
 * The words of the list a command hashes ({@code hash}, {@code bench}, {@code check --against}):
 * {@link WordList#load} with the lab's one rule on top, in one place, so that every command
 * refuses the same lists with the same line. A list that cannot be read, or that holds no word
 * (an empty file, or one whose every line is blank), is a {@link DataError} naming the file and
 * what is allowed.
 *
 * <p>Blank lines among words stay words, empty ones: the guide's {@code readlines()} keeps them,
 * and the lab's counts (1,049,938 lines of the real list) are the guide's. Only a list that holds
 * nothing else is refused: hashing it would time a loop over empty strings and report one hash.
 *
 * <pre>{@code
 * List<String> words = DatasetWords.load(Path.of("datasets/1m_words.txt.zip"));
 * }</pre>
 */
final class DatasetWords {

  private DatasetWords() {}

  /**
   * Loads a word list to hash.
   *
   * @param path the list, as the user gave it or the default one
   * @return its words, blank lines among them included
   * @throws DataError when the list cannot be read or holds no word
   */
  static List<String> load(Path path) {
    List<String> words;
    try {
      words = WordList.load(path);
    } catch (DatasetException e) {
      throw new DataError("--dataset: " + e.getMessage(), e);
    }
    if (words.isEmpty()) {
      throw new DataError("--dataset " + path + " holds no words; give a list with at least one word per line");
    }
    // short-circuits at the first word: a real list costs nothing here
    if (words.stream().allMatch(String::isBlank)) {
      throw new DataError("--dataset " + path + " holds no words: its " + words.size() + " line"
          + (words.size() == 1 ? " is" : "s are all") + " blank; give a list with at least one word per line"
          + " (blank lines among words are kept, as the guide's readlines() keeps them)");
    }
    return words;
  }
}
