package io.poollab.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/**
 * Picks the word list the lab uses when none is named: the real list if the user placed it in
 * the datasets folder, otherwise the generated stand-in, generated once on first use.
 *
 * <ol>
 *   <li>{@code datasets/1m_words.txt}, then {@code datasets/1m_words.txt.zip}: the real list;</li>
 *   <li>else {@code datasets/standin_1m_words.txt}, reused when present with the expected checksum,
 *       otherwise written by {@link StandInGenerator} ({@link ReferenceList#WORDS} words,
 *       {@link StandInGenerator#DEFAULT_SEED}) to a temporary file and moved into place.</li>
 * </ol>
 *
 * <pre>{@code
 * Path words = DefaultDataset.resolve(Path.of("datasets"));
 * }</pre>
 */
public final class DefaultDataset {

  /** The real list, as the user may place it in the datasets folder. */
  public static final String REAL_TXT = "1m_words.txt";

  /** The real list, zipped as it is downloaded. */
  public static final String REAL_ZIP = "1m_words.txt.zip";

  /** The generated stand-in. */
  public static final String STAND_IN = "standin_1m_words.txt";

  private DefaultDataset() {}

  /**
   * The real list if present in {@code datasetsDir}, else the stand-in (generated if needed).
   *
   * @param datasetsDir the datasets folder (created if missing)
   * @return the word file to use
   * @throws UncheckedIOException when the stand-in cannot be written
   */
  public static Path resolve(Path datasetsDir) {
    return resolve(datasetsDir, done -> { });
  }

  /**
   * As {@link #resolve(Path)}, reporting the lines written when the stand-in is generated.
   *
   * @param datasetsDir the datasets folder (created if missing)
   * @param progress called with lines written so far, only while generating
   * @return the word file to use
   * @throws UncheckedIOException when the stand-in cannot be written
   */
  public static Path resolve(Path datasetsDir, LongConsumer progress) {
    Path real = datasetsDir.resolve(REAL_TXT);
    if (Files.isRegularFile(real)) {
      return real;
    }
    Path zip = datasetsDir.resolve(REAL_ZIP);
    if (Files.isRegularFile(zip)) {
      return zip;
    }
    Path standIn = datasetsDir.resolve(STAND_IN);
    if (isValidStandIn(standIn)) {
      return standIn;
    }
    try {
      Files.createDirectories(datasetsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the datasets folder " + datasetsDir, e);
    }
    StandInGenerator.write(standIn, ReferenceList.WORDS, StandInGenerator.DEFAULT_SEED, progress);
    return standIn;
  }

  /**
   * Whether {@link #resolve} will have to generate the stand-in (so a caller can say so first).
   *
   * @param datasetsDir the datasets folder
   * @return true when neither the real list nor a complete stand-in is there
   */
  public static boolean needsGeneration(Path datasetsDir) {
    return !Files.isRegularFile(datasetsDir.resolve(REAL_TXT))
        && !Files.isRegularFile(datasetsDir.resolve(REAL_ZIP))
        && !isValidStandIn(datasetsDir.resolve(STAND_IN));
  }

  /**
   * Whether a stand-in is the one this generator writes: a broken write has the wrong size, an
   * older generator's list the right size (the histogram fixes it) but other bytes.
   */
  private static boolean isValidStandIn(Path standIn) {
    try {
      return Files.isRegularFile(standIn)
          && Files.size(standIn) == StandInGenerator.expectedBytes(ReferenceList.WORDS)
          && StandInGenerator.DEFAULT_SHA256.equals(sha256(standIn));
    } catch (IOException e) {
      return false;
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return WordHasher.hex(digest.digest());
  }
}
