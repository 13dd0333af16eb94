package io.poollab.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The guide's {@code hash_word}: the SHA-512 digest of a word's UTF-8 bytes, as 128 lowercase
 * hex digits.
 *
 * <p>Two forms: {@link #sha512Hex(String)} makes a new {@link MessageDigest} per call, as the
 * guide does; {@link #sha512Hex(MessageDigest, String)} reuses one the caller owns (one per
 * worker, made by the pool's initializer), since a {@code MessageDigest} is not thread-safe.
 *
 * <pre>{@code
 * String hex = WordHasher.sha512Hex("hello");
 * WorkerLocal<MessageDigest> digest = WorkerLocal.of(WordHasher::newDigest);
 * pool.map(w -> WordHasher.sha512Hex(digest.get(), w), words);
 * }</pre>
 */
public final class WordHasher {

  /** The digest's name in the JDK's security providers. */
  public static final String ALGORITHM = "SHA-512";

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private WordHasher() {}

  /**
   * A new SHA-512 digest.
   *
   * @return a fresh digest
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
    }
  }

  /**
   * The hex SHA-512 digest of {@code word}, with a new digest for this call.
   *
   * @param word the word (its UTF-8 bytes are hashed)
   * @return 128 lowercase hex digits
   */
  public static String sha512Hex(String word) {
    return hex(newDigest().digest(word.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The hex SHA-512 digest of {@code word}, with a digest the caller owns (reset first, so a
   * digest left half-used is still right).
   *
   * @param digest a SHA-512 digest used by this thread only
   * @param word the word (its UTF-8 bytes are hashed)
   * @return 128 lowercase hex digits
   */
  public static String sha512Hex(MessageDigest digest, String word) {
    digest.reset();
    return hex(digest.digest(word.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Lowercase hex of some bytes, through a lookup table into a Latin-1 (compact) string.
   *
   * @param bytes the bytes
   * @return two hex digits per byte
   */
  public static String hex(byte[] bytes) {
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0x0F];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
