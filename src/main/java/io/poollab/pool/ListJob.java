package io.poollab.pool;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A call over a materialised input ({@code map}, {@code starmap}, {@code apply}, their async
 * forms): workers claim index ranges with one atomic add and write results into their slots;
 * the worker that finishes the last item completes the result.
 *
 * @param <T> the item type
 * @param <R> the per-item result type
 * @param <V> the call's result type (the list, or one value for {@code apply})
 */
final class ListJob<T, R, V> extends Job {
  private final String call;
  private final Task<? super T, ? extends R> task;
  private final int chunksize;
  private final int size;
  private final AtomicLong nextIndex = new AtomicLong();
  private final AtomicInteger remaining;
  private final Function<Object[], V> finisher;
  private final AsyncResult<V> result;
  private final ProgressTracker progress;
  private final long slowdownNanos;
  private final int workers;
  private Object[] items;
  private Object[] results;
  private volatile boolean failed;

  ListJob(
      String call,
      Task<? super T, ? extends R> task,
      Object[] items,
      int chunksize,
      Function<Object[], V> finisher,
      Callbacks<? super V> callbacks,
      Dispatcher dispatcher) {
    this.call = call;
    this.task = task;
    this.items = items;
    this.size = items.length;
    this.results = new Object[size];
    this.chunksize = chunksize;
    this.remaining = new AtomicInteger(size);
    this.finisher = finisher;
    this.slowdownNanos = dispatcher.slowdownNanos();
    this.workers = dispatcher.options().workers();
    this.progress = new ProgressTracker(dispatcher.options().callbackErrorHandler());
    this.progress.known(size, true);
    this.result = new AsyncResult<>(
        callbacks, dispatcher.options().callbackErrorHandler(), progress,
        () -> dispatcher.settled(this));
  }

  AsyncResult<V> result() {
    return result;
  }

  /** An empty input: the result is complete at once, without a worker. */
  void completeEmpty() {
    result.succeed(finisher.apply(new Object[0]));
  }

  @Override
  @SuppressWarnings("unchecked")
  int runChunk(Worker worker) {
    if (failed) {
      return EXHAUSTED;
    }
    long availableChunks = (size - nextIndex.get()) / chunksize;
    int tasks = Claims.batch(availableChunks, workers, worker.tasksAllowed());
    long start = nextIndex.getAndAdd((long) tasks * chunksize);
    if (start >= size) {
      return EXHAUSTED;
    }
    int from = (int) start;
    int to = (int) Math.min(size, start + (long) tasks * chunksize);
    if (worker.isRemote()) {
      return runRemotely(worker, from, to);
    }
    Object[] in = items;
    Object[] out = results;
    int index = from;
    try {
      for (; index < to && !failed; index++) {
        worker.clearStaleInterrupt();
        Object value;
        try {
          value = task.apply((T) in[index]);
          if (slowdownNanos > 0) {
            Slowdown.spin(slowdownNanos);
          }
        } catch (Throwable error) {
          worker.noteFailure(error);
          fail(new Failure(index, error));
          break;
        }
        out[index] = value;
      }
    } finally {
      if (index < to && !failed) {
        // only reached if the loop itself broke (an Error outside the task): never hang the call
        fail(new Failure(index, new IllegalStateException("worker died while running this item")));
      }
      int ran = to - from;
      progress.advance(ran);
      if (remaining.addAndGet(-ran) == 0 && !failed) {
        V value = finisher.apply(out);
        items = null;
        results = null;
        result.succeed(value);
      }
    }
    return Claims.tasks(to - from, chunksize);
  }

  /**
   * CLUSTER: the claimed range goes to the member one chunk at a time (one remote task per chunk),
   * each chunk accounted as soon as its results are back, so that progress moves chunk by chunk.
   */
  private int runRemotely(Worker worker, int from, int to) {
    Object[] in = items;
    Object[] out = results;
    int index = from;
    while (index < to && !failed) {
      int end = Math.min(to, index + chunksize);
      Worker.RemoteChunk chunk = worker.runRemotely(task, Arrays.copyOfRange(in, index, end), index);
      Object[] outcomes = chunk.outcomes();
      if (!chunk.anyFailed()) {
        System.arraycopy(outcomes, 0, out, index, outcomes.length);
      } else {
        for (int i = 0; i < outcomes.length && !failed; i++) {
          if (outcomes[i] instanceof Failure failure) {
            fail(failure);
          } else {
            out[index + i] = outcomes[i];
          }
        }
      }
      progress.advance(end - index);
      if (remaining.addAndGet(index - end) == 0 && !failed) {
        V value = finisher.apply(out);
        items = null;
        results = null;
        result.succeed(value);
      }
      index = end;
    }
    return Claims.tasks(index - from, chunksize);
  }

  private void fail(Failure failure) {
    // like Python's map: the first failure completes the call; the chunks not yet claimed are skipped
    failed = true;
    result.fail(failure.toException(call));
  }

  @Override
  void cancel(RuntimeException reason) {
    failed = true;
    result.fail(reason);
  }

  @Override
  int workersWanted() {
    return (int) ((size + (long) chunksize - 1) / chunksize);
  }

  /** The finisher of {@code map}: the results as a list, without copying them. */
  @SuppressWarnings("unchecked")
  static <R> java.util.List<R> asList(Object[] results) {
    return (java.util.List<R>) Arrays.asList(results);
  }
}
