package io.poollab.report;

import java.util.Locale;

/**
 * How many words a run hashed, said the same way everywhere (page header, headline, machine
 * table, summary): the quick profile hashes a slice of the list, and a figure from 100,000 words
 * must never read as one from the whole list.
 *
 * <pre>{@code
 * Words.used(run.metadata().dataset());   // "first 100,000 of 1,049,938 words" or "1,049,938 words"
 * }</pre>
 */
public final class Words {

  private Words() {}

  /**
   * The words used, e.g. {@code first 100,000 of 1,049,938 words}, {@code 1,049,938 words}, or
   * {@code words unknown} when the metadata does not say.
   *
   * @param dataset the run's dataset
   * @return the phrase
   */
  public static String used(RunMetadata.Dataset dataset) {
    if (dataset.words() == 0) {
      return dataset.wordsUsed() > 0 ? count(dataset.wordsUsed()) + " words" : "words unknown";
    }
    return sliced(dataset)
        ? "first " + count(dataset.wordsUsed()) + " of " + count(dataset.words()) + " words"
        : count(dataset.words()) + " words";
  }

  /**
   * The object of "hashing ...": {@code the first 100,000 of 1,049,938 words}, {@code all
   * 1,049,938 words}, or {@code the word list} when the count is unknown.
   *
   * @param dataset the run's dataset
   * @return the phrase
   */
  public static String hashed(RunMetadata.Dataset dataset) {
    if (dataset.words() == 0) {
      return dataset.wordsUsed() > 0 ? count(dataset.wordsUsed()) + " words" : "the word list";
    }
    return sliced(dataset) ? "the " + used(dataset) : "all " + used(dataset);
  }

  /**
   * Whether the benchmarks used only the first part of the list.
   *
   * @param dataset the run's dataset
   * @return true when fewer words were used than the list holds
   */
  public static boolean sliced(RunMetadata.Dataset dataset) {
    return dataset.wordsUsed() > 0 && dataset.wordsUsed() < dataset.words();
  }

  /** A count with thousands separators: {@code 1,049,938}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
