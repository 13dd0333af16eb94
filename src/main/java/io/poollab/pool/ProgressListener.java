package io.poollab.pool;

/**
 * Told each time a batch call advances: as chunks finish (a worker that claimed several chunks at
 * once, up to 64 on a long input at a small chunksize, may tell them as one step), and, for a
 * lazy call over an input that is not a random-access list, as its items are read and once when
 * its length becomes known. Called on the worker that finished the chunks, on the thread that
 * reads the input, or on the one that closes the pool (which cuts a lazy call short): keep it
 * short; what it throws goes to the pool's {@link PoolOptions#callbackErrorHandler()}. A listener
 * added late is told only what happens after.
 *
 * <p>The listeners of one call are told one update at a time, never concurrently (a listener
 * needs no lock of its own for that call), and the {@code done} they are told never decreases
 * from one call of {@link #onProgress} to the next; it may repeat when two chunks finish
 * together. The update that brings {@code done} to the total is told, as every update, before
 * the items it counts are handed over: before {@code get()} returns, before the iterator gives
 * the last results. The price: while a listener runs, the other threads of that call wait to
 * tell theirs, so a listener must not wait for the call itself (its result, its iterator).
 * {@code known} only grows, except when closing the pool or the iterator cuts a lazy call short:
 * it then drops to the items the call will run, with {@code totalKnown} false.
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
