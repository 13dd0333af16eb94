package io.poollab.bench;

/**
 * The configuration a {@link WordJobImpl} builds its job from.
 *
 * <pre>{@code
 * new WordJobConfig(4, 0, Hashing.NEW_DIGEST);   // 4 workers, default chunksize
 * }</pre>
 *
 * @param workers workers, at least 1
 * @param chunksize items per task, or 0 for the implementation's default
 * @param hashing how each worker gets its digest
 */
public record WordJobConfig(int workers, int chunksize, Hashing hashing) {

  /** Checks the values. */
  public WordJobConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    if (chunksize < 0) {
      throw new IllegalArgumentException("chunksize must be >= 1, or 0 for default, was " + chunksize);
    }
    if (hashing == null) {
      throw new IllegalArgumentException("hashing must not be null");
    }
  }

  /** Refuses a chunksize for implementations that split the work themselves. */
  void requireDefaultChunksize(WordJobImpl impl) {
    if (chunksize != 0) {
      throw new IllegalArgumentException(
          impl + " splits the work itself; chunksize must be 'default', was " + chunksize);
    }
  }
}
