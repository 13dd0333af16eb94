package io.poollab.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads a word list: one word per line, UTF-8, from a text file or from a {@code .zip} archive
 * holding one text file.
 *
 * <p>Lines end with LF, CRLF or a lone CR (Python's universal newlines, which is how the guide's
 * {@code readlines()} counts the real list's 1,049,938 lines: it holds one stray CR). The
 * terminator is not part of the word; empty lines give empty words; a last line without a
 * terminator is still a word; a leading UTF-8 byte order mark is dropped. In a zip archive,
 * directories and {@code __MACOSX/} entries (macOS resource-fork junk) are ignored and exactly one
 * other entry must remain.
 *
 * <p>Loading reads the bytes at once, splits them itself and turns ASCII lines straight into
 * strings; only lines with non-ASCII bytes go through a strict UTF-8 decoder, so malformed input
 * is reported with its line number instead of being replaced.
 *
 * <pre>{@code
 * List<String> words = WordList.load(Path.of("datasets/1m_words.txt.zip"));
 * System.out.println("Loaded " + words.size() + " words");
 * }</pre>
 */
public final class WordList {

  private static final String EXPECTED =
      "expected a UTF-8 text file with one word per line, or a .zip holding one such file";

  private WordList() {}

  /**
   * Loads every word of a text file or of the single text file inside a {@code .zip} archive.
   *
   * @param file the word file ({@code .zip}, by its name, is read as an archive)
   * @return the words in file order, unmodifiable
   * @throws DatasetException when the file is missing, a directory, unreadable, not UTF-8, or
   *     a zip archive without exactly one text file
   */
  public static List<String> load(Path file) {
    checkFile(file);
    if (isZip(file)) {
      return loadZip(file);
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new DatasetException(file, "is " + Files.size(file) + " bytes; at most "
            + MAX_BYTES + " bytes can be loaded into memory at once");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw readFailure(file, e);
    }
    return parse(file, "", bytes, bytes.length);
  }

  /** The largest text a Java byte array holds. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  static boolean isZip(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  private static void checkFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (Files.isDirectory(file)) {
      throw new DatasetException(file, "is a directory; " + EXPECTED);
    }
    if (!Files.exists(file)) {
      throw new DatasetException(file, "no such file; " + EXPECTED);
    }
  }

  /** Turns a failed read into the error users see; package-private for the tests. */
  static DatasetException readFailure(Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new DatasetException(file, "cannot be read (permission denied)", e);
    }
    if (e instanceof NoSuchFileException) {
      return new DatasetException(file, "no such file; " + EXPECTED, e);
    }
    return new DatasetException(file, "cannot be read: " + e, e);
  }

  private static List<String> loadZip(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      List<ZipEntry> texts = new ArrayList<>();
      zip.stream()
          .filter(e -> !e.isDirectory() && !e.getName().startsWith("__MACOSX/"))
          .forEach(texts::add);
      if (texts.isEmpty()) {
        throw new DatasetException(file, "the zip archive holds no text file; " + EXPECTED);
      }
      if (texts.size() > 1) {
        throw new DatasetException(file, "the zip archive holds " + texts.size()
            + " files " + texts.stream().map(ZipEntry::getName).toList()
            + "; expected exactly one text file (directories and __MACOSX/ entries are ignored)");
      }
      ZipEntry entry = texts.get(0);
      if (entry.getSize() > MAX_BYTES) {
        throw new DatasetException(file, "entry " + entry.getName() + " is " + entry.getSize()
            + " bytes; at most " + MAX_BYTES + " bytes can be loaded into memory at once");
      }
      byte[] bytes;
      try (InputStream in = zip.getInputStream(entry)) {
        bytes = in.readAllBytes();
      }
      return parse(file, "entry " + entry.getName() + ", ", bytes, bytes.length);
    } catch (ZipException e) {
      throw new DatasetException(file, "is not a valid zip archive (" + e.getMessage() + "); "
          + EXPECTED, e);
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /**
   * Splits UTF-8 bytes into words at LF, CRLF and lone CR.
   *
   * @param file named in errors
   * @param where prefix for the line number in errors (the zip entry), may be empty
   */
  static List<String> parse(Path file, String where, byte[] bytes, int length) {
    List<String> words = new ArrayList<>(Math.max(16, length / 8));
    CharsetDecoder decoder = null;
    int start = 0;
    if (length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      start = 3; // a byte order mark is not part of the first word
    }
    long line = 1;
    int nonAscii = 0; // OR of every byte of the current line: bit 7 set means not ASCII
    int i = start;
    while (i < length) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        if (nonAscii >= 0x80) {
          if (decoder == null) {
            decoder = newDecoder();
          }
          words.add(decode(decoder, file, where, line, bytes, start, i - start));
        } else {
          // ASCII is a subset of both: Latin-1 is the JDK's fastest path to a compact String
          words.add(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
        }
        i += (b == '\r' && i + 1 < length && bytes[i + 1] == '\n') ? 2 : 1;
        start = i;
        line++;
        nonAscii = 0;
      } else {
        nonAscii |= b & 0xFF;
        i++;
      }
    }
    if (start < length) { // the last line has no terminator
      if (nonAscii >= 0x80) {
        words.add(decode(decoder == null ? newDecoder() : decoder, file, where, line, bytes,
            start, length - start));
      } else {
        words.add(new String(bytes, start, length - start, StandardCharsets.ISO_8859_1));
      }
    }
    return Collections.unmodifiableList(words);
  }

  private static CharsetDecoder newDecoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static String decode(CharsetDecoder decoder, Path file, String where, long line,
      byte[] bytes, int offset, int count) {
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, count));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new DatasetException(file, where + "line " + line
          + ": not valid UTF-8 (" + e.getMessage() + "); " + EXPECTED, e);
    }
  }
}
