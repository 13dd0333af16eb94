package io.poollab.bench;

/**
 * The {@code chunksize} param: {@code default} (the call without a chunksize, the pool's own
 * choice) or a positive integer.
 *
 * <pre>{@code
 * Chunksize.parse("default");   // 0: use the implementation's default
 * Chunksize.parse("1000");      // 1000
 * }</pre>
 */
public final class Chunksize {

  /** The param value meaning "let the implementation choose". */
  public static final String DEFAULT = "default";

  private Chunksize() {}

  /**
   * Parses a param value.
   *
   * @param value {@code default} or a positive integer
   * @return the chunksize, or 0 for {@code default}
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static int parse(String value) {
    if (DEFAULT.equals(value)) {
      return 0;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "chunksize must be 'default' or a positive integer, was '" + value + "'");
  }

  /** Whether {@code value} is {@code default} or a positive integer. */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The chunksize Python's {@code map} uses by default, which the pool's {@code map} keeps:
   * {@code ceil(items / (4 * workers))}, at least 1.
   *
   * @param items the number of items
   * @param workers the number of workers
   * @return the chunksize
   */
  public static int pythonDefault(int items, int workers) {
    return Math.max(1, (int) Math.ceil(items / (4.0 * workers)));
  }
}
