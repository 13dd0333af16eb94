package io.poollab.workload;

/**
 * The figures of the real one-million-word list ("One Million English Words", the guide's
 * {@code 1m_words.txt}), which the generated stand-in reproduces.
 *
 * <p>Counts follow Python's {@code readlines()} (universal newlines), as {@link WordList} does:
 * 1,049,938 lines, 979,250 distinct words, no word longer than 32 bytes.
 *
 * <pre>{@code
 * long lines = ReferenceList.linesOfLength(8);   // 196,395 eight-byte words
 * }</pre>
 */
public final class ReferenceList {

  /** Lines (words) in the real list. */
  public static final long WORDS = 1_049_938L;

  /** Distinct words (and distinct SHA-512 digests) in the real list. */
  public static final long DISTINCT = 979_250L;

  /** The longest word, in bytes. */
  public static final int MAX_LENGTH = 32;

  // lines of each length 0..32 in bytes, from the real list
  private static final long[] LINES = {
    3, 117, 1616, 25549, 67050, 109753, 148578, 161437, 196395, 94474, 73790,
    55147, 39800, 26868, 17801, 11525, 7228, 4559, 2894, 1871, 1196,
    784, 562, 363, 240, 160, 106, 70, 1, 0, 0, 0, 1
  };

  // distinct words of each length 0..32, from the real list
  private static final long[] DISTINCT_WORDS = {
    1, 55, 1258, 23090, 59749, 97571, 132901, 146621, 178566, 94473, 73790,
    55147, 39799, 26868, 17801, 11525, 7228, 4559, 2894, 1871, 1196,
    784, 562, 363, 240, 160, 106, 70, 1, 0, 0, 0, 1
  };

  private ReferenceList() {}

  /**
   * Lines of the real list whose word is {@code length} bytes long (terminator excluded).
   *
   * @param length a word length, 0 to {@link #MAX_LENGTH}
   * @return the number of lines
   * @throws IllegalArgumentException when the length is out of range
   */
  public static long linesOfLength(int length) {
    return LINES[checkLength(length)];
  }

  /**
   * Distinct words of the real list that are {@code length} bytes long.
   *
   * @param length a word length, 0 to {@link #MAX_LENGTH}
   * @return the number of distinct words
   * @throws IllegalArgumentException when the length is out of range
   */
  public static long distinctOfLength(int length) {
    return DISTINCT_WORDS[checkLength(length)];
  }

  private static int checkLength(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length must be between 0 and " + MAX_LENGTH + ", was " + length);
    }
    return length;
  }
}
