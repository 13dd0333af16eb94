package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordListTest {

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  @Test
  void shouldSplitLfLines() throws IOException {
    assertThat(WordList.load(write("lf.txt", "alpha\nbeta\ngamma\n")))
        .containsExactly("alpha", "beta", "gamma");
  }

  @Test
  void shouldStripCrlfTerminators() throws IOException {
    assertThat(WordList.load(write("crlf.txt", "alpha\r\nbeta\r\ngamma\r\n")))
        .containsExactly("alpha", "beta", "gamma");
  }

  @Test
  void shouldTreatALoneCrAsALineBreakLikePythonReadlines() throws IOException {
    // the real list holds one "com\re" line, which Python counts as two lines
    assertThat(WordList.load(write("cr.txt", "col\r\ncom\re\r\ncon\n")))
        .containsExactly("col", "com", "e", "con");
  }

  @Test
  void shouldKeepEmptyLinesAsEmptyWords() throws IOException {
    assertThat(WordList.load(write("empty-lines.txt", "a\r\n\r\n\nb\n\n")))
        .containsExactly("a", "", "", "b", "");
  }

  @Test
  void shouldKeepALastLineWithoutTerminator() throws IOException {
    assertThat(WordList.load(write("no-final-break.txt", "a\r\nlast")))
        .containsExactly("a", "last");
  }

  @Test
  void shouldLoadAnEmptyFileAsNoWords() throws IOException {
    assertThat(WordList.load(write("empty.txt", ""))).isEmpty();
  }

  @Test
  void shouldDecodeUtf8AndDropAByteOrderMark() throws IOException {
    assertThat(WordList.load(write("utf8.txt", "\uFEFFcafé\r\nnaïve\n日本\n")))
        .containsExactly("café", "naïve", "日本");
  }

  @Test
  void shouldKeepTabsAndPunctuationInsideWords() throws IOException {
    assertThat(WordList.load(write("punct.txt", "a\tb\r\nx-y's\n")))
        .containsExactly("a\tb", "x-y's");
  }

  @Test
  void shouldLoadTheOneTextFileOfAZipIgnoringMacosxAndDirectories() throws IOException {
    Path zip = zip("words.txt.zip", Map.of(
        "words/", new byte[0],
        "words/list.txt", "one\r\ntwo\r\n".getBytes(StandardCharsets.UTF_8),
        "__MACOSX/words/._list.txt", new byte[] {0, 5, 22, 7, (byte) 0xFF}));
    assertThat(WordList.load(zip)).containsExactly("one", "two");
  }

  @Test
  void shouldNameAMissingFile() {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> WordList.load(missing))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file")
        .hasMessageContaining("expected a UTF-8 text file");
  }

  @Test
  void shouldRefuseADirectory() {
    assertThatThrownBy(() -> WordList.load(dir))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("is a directory");
  }

  @Test
  void shouldNameTheLineOfMalformedUtf8() throws IOException {
    byte[] bytes = {'o', 'k', '\r', '\n', 'f', 'i', 'n', 'e', '\n', 'b', (byte) 0xC3, '(', '\n'};
    Path file = write("latin.txt", bytes);
    assertThatThrownBy(() -> WordList.load(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("not valid UTF-8")
        .satisfies(e -> assertThat(((DatasetException) e).file()).isEqualTo(file));
  }

  @Test
  void shouldNameTheLineOfMalformedUtf8OnAnUnterminatedLastLine() throws IOException {
    Path file = write("tail.txt", new byte[] {'a', '\n', (byte) 0xFF});
    assertThatThrownBy(() -> WordList.load(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void shouldNameTheEntryAndLineOfMalformedUtf8InAZip() throws IOException {
    Path zip = zip("bad.zip", Map.of("list.txt", new byte[] {'a', '\n', (byte) 0x80, '\n'}));
    assertThatThrownBy(() -> WordList.load(zip))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(zip.toString())
        .hasMessageContaining("entry list.txt, line 2: not valid UTF-8");
  }

  @Test
  void shouldRefuseAZipWithoutATextFile() throws IOException {
    Path zip = zip("empty.zip", Map.of("dir/", new byte[0], "__MACOSX/._x", new byte[] {1}));
    assertThatThrownBy(() -> WordList.load(zip))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(zip.toString())
        .hasMessageContaining("holds no text file");
  }

  @Test
  void shouldRefuseAZipWithSeveralTextFiles() throws IOException {
    Path zip = zip("two.zip", Map.of(
        "a.txt", "a\n".getBytes(StandardCharsets.UTF_8),
        "b.txt", "b\n".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> WordList.load(zip))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("holds 2 files")
        .hasMessageContaining("a.txt")
        .hasMessageContaining("b.txt")
        .hasMessageContaining("expected exactly one text file");
  }

  @Test
  void shouldRefuseAFileNamedZipThatIsNotAZip() throws IOException {
    Path fake = write("fake.zip", "just text\n");
    assertThatThrownBy(() -> WordList.load(fake))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(fake.toString())
        .hasMessageContaining("not a valid zip archive");
  }

  @Test
  void shouldReportAnUnreadableFile() throws IOException {
    Path file = write("locked.txt", "secret\n");
    DatasetException e = WordList.readFailure(file, new AccessDeniedException(file.toString()));
    assertThat(e).hasMessage(file + ": cannot be read (permission denied)");
    assertThat(e.file()).isEqualTo(file);
  }

  @Test
  void shouldRefuseAFileWithoutReadPermission() throws IOException {
    Path file = write("locked.txt", "secret\n");
    assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "POSIX permissions");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    // root reads every file whatever its permissions; the test above covers the mapping then
    assumeTrue(!Files.isReadable(file), "permissions are enforced for this user");
    assertThatThrownBy(() -> WordList.load(file))
        .isInstanceOf(DatasetException.class)
        .hasMessage(file + ": cannot be read (permission denied)");
  }

  @Test
  void shouldReturnAnUnmodifiableList() throws IOException {
    List<String> words = WordList.load(write("w.txt", "a\n"));
    assertThatThrownBy(() -> words.add("b")).isInstanceOf(UnsupportedOperationException.class);
  }
}
