package io.poollab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dataset a run used, as recorded in {@code metadata.json}.
 *
 * <pre>{@code
 * DatasetInfo d = DatasetInfo.of(Path.of("datasets/standin_1m_words.txt"), 1_049_938, 100_000);
 * d.sha256();   // hex SHA-256 of the file's bytes
 * }</pre>
 *
 * @param path the file's absolute path
 * @param sha256 the lowercase hex SHA-256 of the file's bytes
 * @param words the number of words in the file
 * @param wordsUsed how many of them the benchmarks used (a profile may use a slice)
 */
public record DatasetInfo(String path, String sha256, long words, long wordsUsed) {

  /** Checks the fields. */
  public DatasetInfo {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path must not be blank");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, was " + sha256);
    }
    if (words < 0 || wordsUsed < 0 || wordsUsed > words) {
      throw new IllegalArgumentException(
          "words and wordsUsed must satisfy 0 <= wordsUsed <= words, were " + words + ", " + wordsUsed);
    }
  }

  /**
   * Describes a dataset file.
   *
   * @param file the file
   * @param words its word count
   * @param limit the benchmarks' word limit, 0 for all
   * @return the description, with the file's checksum
   */
  public static DatasetInfo of(Path file, long words, long limit) {
    long used = limit > 0 ? Math.min(limit, words) : words;
    return new DatasetInfo(file.toAbsolutePath().normalize().toString(), sha256(file), words, used);
  }

  /**
   * The lowercase hex SHA-256 of a file's bytes.
   *
   * @param file the file
   * @return 64 hex digits
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file + " to checksum it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
