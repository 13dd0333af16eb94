package io.poollab.pool;

/**
 * Told each time a batch call advances: after each finished chunk, and once when the input's
 * length becomes known. Called on a worker thread: keep it short; what it throws goes to the
 * pool's {@link PoolOptions#callbackErrorHandler()}.
 *
 * <pre>{@code
 * result.progress().addListener((done, known, final_) -> bar.maxHint(known).stepTo(done));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * The call advanced.
   *
   * @param done items finished (successfully or not)
   * @param known items known so far: the input's length for {@code map}, the items read so far
   *     for the lazy iterators
   * @param totalKnown whether {@code known} is final (the input has been read to its end)
   */
  void onProgress(long done, long known, boolean totalKnown);
}
