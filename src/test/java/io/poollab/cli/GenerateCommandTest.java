package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.workload.StandInGenerator;
import io.poollab.workload.WordList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class GenerateCommandTest {

  @TempDir Path dir;

  @Test
  void shouldWriteTheAskedNumberOfWords() throws IOException {
    Path out = dir.resolve("sub").resolve("list.txt"); // folders are created
    CliRun run = CliRun.of("generate", "--words", "12345", "--out", out.toString(),
        "--seed", "9");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(WordList.load(out)).hasSize(12_345);
    assertThat(Files.size(out)).isEqualTo(StandInGenerator.expectedBytes(12_345));
    assertThat(run.out()).startsWith("Wrote 12345 words (" + Files.size(out)
        + " bytes, seed 9) to " + out + " in ");
  }

  @Test
  void shouldWriteTheSameBytesForTheSameSeed() throws IOException {
    Path first = dir.resolve("a.txt");
    Path second = dir.resolve("b.txt");
    assertThat(CliRun.of("generate", "--words", "5000", "--out", first.toString()).exitCode())
        .isZero();
    StandInGenerator.write(second, 5000, StandInGenerator.DEFAULT_SEED);
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void shouldRefuseToOverwriteAnExistingFile() throws IOException {
    Path mine = Files.writeString(dir.resolve("1m_words.txt"), "my real list\n");

    CliRun run = CliRun.of("generate", "--words", "10", "--out", mine.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("generate: --out " + mine + " already exists; give the path of a"
        + " new file (the lab does not overwrite a file it did not create: remove it first to regenerate)");
    assertThat(mine).hasContent("my real list\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(mine); // no temporary file left beside it
    }
  }

  @Test
  void shouldExitTwoOnBadFlags() {
    CliRun negative = CliRun.of("generate", "--words", "-1", "--out", dir.resolve("x").toString());
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("--words must be between 1 and").contains("was -1")
        .contains("Usage: benchmarks.jar generate");

    CliRun noOut = CliRun.of("generate", "--words", "10");
    assertThat(noOut.exitCode()).isEqualTo(2);
    assertThat(noOut.err()).contains("Missing required option: '--out=PATH'");

    CliRun directory = CliRun.of("generate", "--out", dir.toString());
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory");
  }

  @Test
  void shouldRefuseZeroWordsAndWriteNothing() throws IOException {
    Path out = dir.resolve("g0.txt");

    CliRun zero = CliRun.of("generate", "--words", "0", "--out", out.toString());

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--words must be between 1 and " + StandInGenerator.MAX_WORDS + ", was 0");
    assertThat(out).doesNotExist();
  }

  @Test
  void shouldWriteOneWordThatHashCanUse() throws IOException {
    Path out = dir.resolve("g1.txt");

    CliRun one = CliRun.of("generate", "--words", "1", "--out", out.toString());

    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(WordList.load(out)).singleElement().asString().isNotBlank();
  }

  @Test
  void shouldStateAFolderProblemInOneLineWithoutTheUsage() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "mine");
    Path under = file.resolve("sub.txt");
    Path deeper = file.resolve("a").resolve("b.txt");

    CliRun run = CliRun.of("generate", "--words", "10", "--out", under.toString());
    CliRun deep = CliRun.of("generate", "--words", "10", "--out", deeper.toString());
    CliRun directory = CliRun.of("generate", "--words", "10", "--out", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("generate: --out " + under + ": its folder cannot be made, " + file
        + " is a file; give the path of a new file in a folder");
    assertThat(deep.exitCode()).isEqualTo(2);
    assertThat(deep.err().strip().lines()).singleElement().asString().contains(file + " is a file");
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err().strip()).isEqualTo("generate: --out " + dir
        + " is a directory; give the path of the file to write");
    assertThat(file).hasContent("mine");
  }
}
