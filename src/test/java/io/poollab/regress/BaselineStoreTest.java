package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

  @TempDir Path tmp;

  private Path reports() {
    return tmp.resolve("reports");
  }

  private Path run(String name, long seed) {
    return SyntheticRun.wordJob(seed, 100, 52, 60, 0.01).writeTo(tmp.resolve("runs").resolve(name));
  }

  @Test
  void shouldCarryOverTheFilesItDidNotWriteAndReplaceItsOwn() throws IOException {
    Path old = BaselineStore.update(java.util.List.of(run("a", 1), run("b", 2)), reports());
    Files.writeString(old.resolve("thresholds.txt"), "speedup:*=25%\n");
    Files.writeString(old.resolve("NOTES.md"), "recorded on the quiet host\n");
    Files.writeString(Files.createDirectories(old.resolve("notes")).resolve("2026-01.txt"), "day one\n");
    Files.writeString(old.resolve("runs/a/why.txt"), "first of three\n");
    Files.writeString(Files.createDirectories(old.resolve("histograms")).resolve("README"), "one log per fork\n");

    Path stored = BaselineStore.update(java.util.List.of(run("a", 3), run("c", 4)), reports());

    assertThat(stored).isEqualTo(old);
    assertThat(stored.resolve("thresholds.txt")).hasContent("speedup:*=25%");
    assertThat(stored.resolve("NOTES.md")).hasContent("recorded on the quiet host");
    assertThat(stored.resolve("notes/2026-01.txt")).hasContent("day one");
    assertThat(stored.resolve("runs/a/why.txt")).hasContent("first of three");
    assertThat(stored.resolve("histograms/README")).hasContent("one log per fork");
    // the lab's own files are the new runs', and the run it no longer keeps is gone
    assertThat(stored.resolve("runs/c/jmh.json")).exists();
    assertThat(stored.resolve("runs/b")).doesNotExist();
    assertThat(stored.resolve("runs/a/jmh.json")).hasSameTextualContentAs(tmp.resolve("runs/a/jmh.json"));
    assertThat(CheckInput.load(stored, "baseline").figures()).isNotEmpty();
    try (Stream<Path> left = Files.list(stored.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("linux-x86_64-2c");
    }
  }

  @Test
  void shouldRefuseAFileOfItsOwnInTheFolderOfARunItNoLongerKeepsAndChangeNothing() throws IOException {
    Path old = BaselineStore.update(java.util.List.of(run("a", 1), run("b", 2)), reports());
    Files.writeString(old.resolve("runs/b/why.txt"), "the noisy one\n");
    String jmh = Files.readString(old.resolve("jmh.json"));

    assertThatThrownBy(() -> BaselineStore.update(run("c", 3), reports()))
        .isInstanceOf(CheckInputException.class)
        .hasMessageContaining("the baseline " + old + " holds runs/b/why.txt, which the lab did not write");

    assertThat(old.resolve("runs/b/why.txt")).hasContent("the noisy one");
    assertThat(old.resolve("jmh.json")).hasContent(jmh);
    try (Stream<Path> left = Files.list(old.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("linux-x86_64-2c");
    }
  }

  @Test
  void shouldKeepTheFolderPermissionsOfTheOldBaselineAndNotMakeANewOneOwnerOnly() throws IOException {
    Path first = BaselineStore.update(run("a", 1), reports());
    Path probe = Files.createDirectory(tmp.resolve("a-new-folder"));
    // a new baseline folder gets what any new folder gets here, not createTempDirectory's 0700
    assertThat(Files.getPosixFilePermissions(first)).isEqualTo(Files.getPosixFilePermissions(probe));

    Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxr-x---"));
    Path second = BaselineStore.update(run("b", 2), reports());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second))).isEqualTo("rwxr-x---");
  }

  @Test
  void shouldKnowWhichFilesOfABaselineItWrites() {
    assertThat(BaselineStore.writtenByTheLab(Path.of("jmh.json"))).isTrue();
    assertThat(BaselineStore.writtenByTheLab(Path.of("rounds.json"))).isTrue();
    assertThat(BaselineStore.writtenByTheLab(Path.of("histograms/X.y-impl=A-fork12.hlog"))).isTrue();
    assertThat(BaselineStore.writtenByTheLab(Path.of("runs/q-1/metadata.json"))).isTrue();
    assertThat(BaselineStore.writtenByTheLab(Path.of("runs/q-1/histograms/X-fork1.hlog"))).isTrue();
    assertThat(BaselineStore.writtenByTheLab(Path.of("thresholds.txt"))).isFalse();
    assertThat(BaselineStore.writtenByTheLab(Path.of("NOTES.md"))).isFalse();
    assertThat(BaselineStore.writtenByTheLab(Path.of("histograms/mine.hlog"))).isFalse();
    assertThat(BaselineStore.writtenByTheLab(Path.of("runs/jmh.json"))).isFalse();
    assertThat(BaselineStore.writtenByTheLab(Path.of("notes/jmh.json"))).isFalse();
  }
}
