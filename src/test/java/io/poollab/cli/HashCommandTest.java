package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.workload.StandInGenerator;
import io.poollab.workload.WordHasher;
import io.poollab.workload.WordList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class HashCommandTest {

  @TempDir static Path dir;
  static Path list;
  static int words;
  static int distinctHashes;

  @BeforeAll
  static void writeASmallList() {
    list = dir.resolve("words.txt");
    StandInGenerator.write(list, 20_000, 11);
    List<String> loaded = WordList.load(list);
    words = loaded.size();
    Set<String> hashes = new HashSet<>();
    for (String word : loaded) {
      hashes.add(WordHasher.sha512Hex(word));
    }
    distinctHashes = hashes.size();
  }

  private static void assertGuideOutput(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Loaded " + words + " words from " + list);
    assertThat(lines.get(1)).isEqualTo("Done, with " + distinctHashes + " hashes");
    assertThat(distinctHashes).isLessThan(words); // the list has repeats; the set drops them
  }

  @ParameterizedTest
  @ValueSource(strings = {"map", "imap", "imap_unordered", "map_async"})
  void shouldPrintTheGuidesLinesForEveryPoolMethod(String method) {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--method", method,
        "--workers", "2");
    assertGuideOutput(run);
    assertThat(run.out()).contains("Pool " + method + " (2 workers, chunksize default=");
    assertThat(run.err()).isEmpty(); // no progress bar when not on a terminal
  }

  @Test
  void shouldTakeAChunksizeAndAPerWorkerDigest() {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--method", "imap_unordered",
        "--chunksize", "100", "--digest", "per-worker", "--workers", "3");
    assertGuideOutput(run);
    assertThat(run.out()).contains("Pool imap_unordered (3 workers, chunksize 100, digest per-worker)");
  }

  @Test
  void shouldRunSerially() {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--serial");
    assertGuideOutput(run);
    assertThat(run.out()).contains("Serial (digest new): ").doesNotContain("Pool");
  }

  @Test
  void shouldCompareWithSerialAndPrintTheSpeedUp() {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--compare-serial",
        "--repeat", "2");
    assertGuideOutput(run);
    assertThat(run.out())
        .containsPattern("Pool map \\(\\d+ workers, chunksize default=\\d+, digest new\\): "
            + "[0-9.]+ s \\(fastest of 2 runs: [0-9.]+, [0-9.]+ s\\)")
        .containsPattern("Serial \\(digest new\\): [0-9.]+ s")
        .containsPattern("Speed-up: [0-9.]+x \\(serial time / pool time\\)");
  }

  @Test
  void shouldLoadAZippedList() throws IOException {
    Path zip = dir.resolve("words.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("words.txt"));
      out.write("a\r\nb\r\na\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.closeEntry();
    }
    CliRun run = CliRun.of("hash", "--dataset", zip.toString(), "--workers", "2");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Loaded 3 words from " + zip + System.lineSeparator()
        + "Done, with 2 hashes");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "--workers=0", "--chunksize=0", "--method=starmap", "--digest=old", "--repeat=0",
    "--workers=two", "--zzz"
  })
  void shouldExitTwoWithUsageOnABadFlag(String flag) {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), flag);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: benchmarks.jar hash");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldExitTwoSuggestingAFlagForAMisspelledOne() {
    // picocli prints suggestions instead of the usage when it has some; still exit code 2
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--no-progres");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--no-progres'").contains("--no-progress");
  }

  @Test
  void shouldExplainWhatABadFlagAllows() {
    assertThat(CliRun.of("hash", "--method", "starmap").err())
        .contains("'starmap' is not a method; expected one of [map, imap, imap_unordered, map_async]");
    assertThat(CliRun.of("hash", "--workers", "0").err())
        .contains("--workers must be at least 1, was 0");
  }

  @Test
  void shouldRefuseSerialWithPoolFlags() {
    CliRun run = CliRun.of("hash", "--dataset", list.toString(), "--serial", "--workers", "4");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--serial runs no pool, so --workers does not apply");
    CliRun both = CliRun.of("hash", "--dataset", list.toString(), "--serial", "--compare-serial");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");
  }

  @Test
  void shouldExitTwoNamingAMissingOrMalformedDataset() throws IOException {
    Path missing = dir.resolve("missing.txt");
    CliRun run = CliRun.of("hash", "--dataset", missing.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--dataset: " + missing + ": no such file");

    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xFE, '\n'});
    CliRun malformed = CliRun.of("hash", "--dataset", bad.toString());
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains(bad + ": line 2: not valid UTF-8");
    // a data error is not a typing error: one line, no usage
    assertThat(run.err().strip().lines()).singleElement().asString().startsWith("hash: --dataset: ");
    assertThat(malformed.err()).doesNotContain("Usage");
  }

  @Test
  void shouldRefuseAnEmptyDataset() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    CliRun run = CliRun.of("hash", "--dataset", empty.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("hash: --dataset " + empty + " holds no words; give a list with at least one word per line");
    assertThat(run.out()).doesNotContain("Done");
  }

  @Test
  void shouldRefuseAListOfBlankLinesInOneLine() throws IOException {
    Path blank = Files.writeString(dir.resolve("blank.txt"), "\n\n\n");
    Path spaces = Files.writeString(dir.resolve("spaces.txt"), " \r\n\t");

    CliRun run = CliRun.of("hash", "--dataset", blank.toString(), "--no-progress");
    CliRun spaced = CliRun.of("hash", "--dataset", spaces.toString(), "--no-progress");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("hash: --dataset " + blank + " holds no words: its 3 lines are all"
        + " blank; give a list with at least one word per line (blank lines among words are kept, as the"
        + " guide's readlines() keeps them)");
    assertThat(run.out()).isEmpty();
    assertThat(spaced.exitCode()).isEqualTo(2);
    assertThat(spaced.err()).contains(spaces + " holds no words: its 2 lines are all blank").doesNotContain("Usage");
  }

  @Test
  void shouldKeepBlankLinesAmongWordsAsTheGuideCountsThem() throws IOException {
    // the guide's readlines() counts every line: an empty one is an empty word, hashed like any
    Path gaps = Files.writeString(dir.resolve("gaps.txt"), "alpha\n\nbeta\r\n\r\nalpha\n");

    CliRun run = CliRun.of("hash", "--dataset", gaps.toString(), "--serial", "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Loaded 5 words from " + gaps).contains("Done, with 3 hashes");
  }
}
