package io.poollab.pool;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The lazy results of {@link Pool#imap} (input order) or {@link Pool#imapUnordered} (completion
 * order). Reading ahead of the consumer is bounded, so a slow consumer of an endless input keeps
 * memory flat. A failed item throws {@link TaskFailedException} at its place and the iteration
 * can go on after it. One thread consumes it.
 *
 * <pre>{@code
 * try (ResultIterator<String> hashes = pool.imapUnordered(WordHasher::sha512Hex, words, 100)) {
 *   String first = hashes.next(1, TimeUnit.SECONDS);
 *   long rest = hashes.stream().count();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops reading the input (results still being computed are dropped); the
 * pool's {@link Pool#close()} does the same to iterators still open. Neither waits for an input
 * that is waiting for its next item: an input that is not a random-access list is read on a
 * reader thread of its own, which leaves when the input next returns (closing gives a reader up to
 * 200 ms to end, so that it reads nothing more once closing returns, but leaves one that sits in
 * the same call of the input for a millisecond).
 *
 * <p>An interrupted consumer: {@link #next(long, TimeUnit)} throws {@link InterruptedException};
 * {@link #hasNext()} and {@link #next()}, which cannot, throw a {@link
 * java.util.concurrent.CancellationException} and keep the thread's interrupt. Nothing of the
 * call is lost either way: a consumer that reads again gets the next result.
 *
 * @param <R> the result type
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable {

  /**
   * Python's {@code next(timeout)}: the next result, waiting at most {@code timeout}.
   *
   * @param timeout how long, at least 0
   * @param unit the unit of {@code timeout}
   * @return the next result
   * @throws TimeoutException if no result came in time
   * @throws java.util.NoSuchElementException if there are no more results
   * @throws TaskFailedException if this item's task threw
   * @throws java.util.concurrent.CancellationException if the pool was terminated
   * @throws InterruptedException if the waiting thread was interrupted
   */
  R next(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;

  /**
   * The remaining results as a sequential stream; closing the stream closes this iterator.
   *
   * @return the stream
   */
  Stream<R> stream();

  /**
   * How far the call has got: items done out of items known. Over a random-access list every
   * item is known from the start (its size, {@link Progress#totalKnown()} true); over any other
   * input, the items read so far, until the input ends.
   *
   * @return the progress view
   */
  Progress progress();

  /** Stops reading the input; the iteration ends. Idempotent. */
  @Override
  void close();
}
