package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guide's figures on the real list, when the shared copy is there (skipped otherwise). */
class RealListTest {

  private static final Path REAL = Path.of("..", "shared", "datasets", "1m_words.txt.zip");

  @Test
  @Timeout(60)
  void shouldGiveTheGuidesWordAndHashCounts() {
    assumeTrue(Files.isRegularFile(REAL), "the real list is at " + REAL.toAbsolutePath());
    List<String> words = WordList.load(REAL);
    assertThat(words).hasSize((int) ReferenceList.WORDS);

    MessageDigest digest = WordHasher.newDigest();
    Set<String> hashes = new HashSet<>();
    int[] histogram = new int[ReferenceList.MAX_LENGTH + 1];
    for (String word : words) {
      hashes.add(WordHasher.sha512Hex(digest, word));
      histogram[word.length()]++;
    }
    assertThat(hashes).hasSize((int) ReferenceList.DISTINCT);
    for (int length = 0; length <= ReferenceList.MAX_LENGTH; length++) {
      assertThat((long) histogram[length]).as("words of length %d", length)
          .isEqualTo(ReferenceList.linesOfLength(length));
    }
  }
}
