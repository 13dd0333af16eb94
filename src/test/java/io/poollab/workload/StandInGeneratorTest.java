package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StandInGeneratorTest {

  private static final String REAL_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-./;@^_";

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void shouldMatchTheRealHistogramAndDistinctCountAtTheDefaultSize() throws IOException {
    Path out = dir.resolve("standin.txt");
    AtomicLong lastProgress = new AtomicLong(-1);
    StandInGenerator.write(out, ReferenceList.WORDS, StandInGenerator.DEFAULT_SEED,
        lastProgress::set);

    assertThat(lastProgress.get()).isEqualTo(ReferenceList.WORDS);
    assertThat(Files.size(out)).isEqualTo(StandInGenerator.expectedBytes(ReferenceList.WORDS));
    List<String> words = WordList.load(out);
    assertThat(words).hasSize((int) ReferenceList.WORDS);
    long[] histogram = histogram(words);
    for (int length = 0; length <= ReferenceList.MAX_LENGTH; length++) {
      assertThat(histogram[length]).as("words of length %d", length)
          .isEqualTo(ReferenceList.linesOfLength(length));
    }
    long distinct = new HashSet<>(words).size();
    assertThat(distinct).isCloseTo(ReferenceList.DISTINCT,
        org.assertj.core.data.Offset.offset(ReferenceList.DISTINCT / 100));
    assertThat(distinct).isEqualTo(ReferenceList.DISTINCT); // exact by construction
    // the published checksum: the list is the same, byte for byte, on every machine
    assertThat(sha256(out)).isEqualTo(StandInGenerator.DEFAULT_SHA256)
        .isEqualTo("7f36d4f14dce03ad9527b7287231bcc3ccde3bc0134f8bc98f5dfe2c081367cc");
  }

  @Test
  void shouldEndEveryLineWithCrlfAndUseOnlyTheRealAlphabet() throws IOException {
    Path out = dir.resolve("small.txt");
    StandInGenerator.write(out, 20_000, 7);
    byte[] bytes = Files.readAllBytes(out);
    int lines = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        assertThat(bytes[i - 1]).as("byte before LF at %d", i).isEqualTo((byte) '\r');
        lines++;
      } else if (bytes[i] != '\r') {
        assertThat(REAL_ALPHABET.indexOf(bytes[i])).as("byte %d at %d", bytes[i], i)
            .isNotNegative();
      }
    }
    assertThat(lines).isEqualTo(20_000);
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
  }

  @Test
  void shouldBeByteForByteReproducibleForASeed() throws IOException {
    Path first = dir.resolve("first.txt");
    Path second = dir.resolve("second.txt");
    Path otherSeed = dir.resolve("other.txt");
    StandInGenerator.write(first, 50_000, 42);
    StandInGenerator.write(second, 50_000, 42);
    StandInGenerator.write(otherSeed, 50_000, 43);
    assertThat(sha256(first)).isEqualTo(sha256(second));
    assertThat(sha256(otherSeed)).isNotEqualTo(sha256(first));
    assertThat(Files.size(otherSeed)).isEqualTo(Files.size(first)); // same histogram, other words
  }

  @Test
  void shouldScaleTheHistogramAndDistinctShareForOtherSizes() throws IOException {
    long size = 100_000;
    Path out = dir.resolve("scaled.txt");
    StandInGenerator.write(out, size, StandInGenerator.DEFAULT_SEED);
    List<String> words = WordList.load(out);
    assertThat(words).hasSize((int) size);
    long[] histogram = histogram(words);
    for (int length = 0; length <= ReferenceList.MAX_LENGTH; length++) {
      double proportional = (double) ReferenceList.linesOfLength(length) * size
          / ReferenceList.WORDS;
      assertThat((double) histogram[length]).as("words of length %d", length)
          .isCloseTo(proportional, org.assertj.core.data.Offset.offset(1.0));
    }
    double distinctShare = (double) new HashSet<>(words).size() / size;
    double realShare = (double) ReferenceList.DISTINCT / ReferenceList.WORDS;
    assertThat(distinctShare).isCloseTo(realShare, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void shouldApportionLineQuotasThatAddUpExactly() {
    for (long size : new long[] {0, 1, 2, 33, 1000, 999_999, 10_000_000, 100_000_000}) {
      long[] quotas = StandInGenerator.lineQuotas(size);
      assertThat(java.util.Arrays.stream(quotas).sum()).as("size %d", size).isEqualTo(size);
    }
    long[] real = StandInGenerator.lineQuotas(ReferenceList.WORDS);
    for (int length = 0; length <= ReferenceList.MAX_LENGTH; length++) {
      assertThat(real[length]).isEqualTo(ReferenceList.linesOfLength(length));
    }
  }

  @Test
  void shouldWriteAnEmptyListForZeroWords() throws IOException {
    Path out = dir.resolve("none.txt");
    StandInGenerator.write(out, 0, 1);
    assertThat(Files.size(out)).isZero();
  }

  @Test
  void shouldLeaveNoTemporaryFileBehind() throws IOException {
    StandInGenerator.write(dir.resolve("clean.txt"), 1000, 1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("clean.txt");
    }
  }

  @Test
  void shouldRefuseANegativeOrHugeSize() {
    assertThatThrownBy(() -> StandInGenerator.write(dir.resolve("x"), -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("words must be between 0 and")
        .hasMessageContaining("was -1");
    assertThatThrownBy(() -> StandInGenerator.expectedBytes(StandInGenerator.MAX_WORDS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReportAnUnwritableTarget() {
    Path out = dir.resolve("no-such-folder").resolve("list.txt");
    assertThatThrownBy(() -> StandInGenerator.write(out, 10, 1))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining(out.toString());
  }

  private static long[] histogram(List<String> words) {
    long[] histogram = new long[ReferenceList.MAX_LENGTH + 1];
    for (String word : words) {
      histogram[word.length()]++;
    }
    return histogram;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return WordHasher.hex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
