package io.poollab.pool;

/**
 * How far a batch call ({@code map}, {@code imap}, {@code starmap}, the async forms) has got:
 * items done out of items known. Poll it, or add a listener; a progress bar can follow an
 * {@code imapUnordered} without wrapping its iterator.
 *
 * <pre>{@code
 * try (ResultIterator<String> hashes = pool.imapUnordered(WordHasher::sha512Hex, words, 100)) {
 *   Progress progress = hashes.progress();
 *   hashes.forEachRemaining(h -> {});
 *   System.out.printf("%d of %d%n", progress.done(), progress.known());
 * }
 * }</pre>
 */
public interface Progress {
  /**
   * Items finished, successfully or not.
   *
   * @return the count
   */
  long done();

  /**
   * Items known: the input's length for {@code map}, the items read so far for the lazy
   * iterators.
   *
   * @return the count
   */
  long known();

  /**
   * Whether {@link #known()} is final.
   *
   * @return true once the whole input has been read
   */
  boolean totalKnown();

  /**
   * Adds a listener, told as chunks finish (see {@link ProgressListener} for when exactly).
   *
   * @param listener the listener
   */
  void addListener(ProgressListener listener);
}
