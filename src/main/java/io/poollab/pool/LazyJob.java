package io.poollab.pool;

import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code imap} and {@code imapUnordered}: workers read chunks from the input under a lock, only
 * while fewer than {@code bound} items are read and not yet consumed; the consumer takes results
 * in input order (a ring of {@code bound} slots) or in completion order (a queue).
 *
 * @param <T> the item type
 * @param <R> the result type
 */
final class LazyJob<T, R> extends Job implements ResultIterator<R> {
  private static final Object NULL = new Object();

  private final Dispatcher dispatcher;
  private final String call;
  private final Task<? super T, ? extends R> task;
  private final int chunksize;
  private final long bound;
  private final boolean ordered;
  private final long slowdownNanos;
  private final ProgressTracker progress;

  private final int workers;
  private final List<? extends T> list; // a random-access input, or null
  private final long listSize;
  private final AtomicLong nextIndex = new AtomicLong();

  private final ReentrantLock inputLock = new ReentrantLock();
  private Iterator<? extends T> input; // guarded by inputLock; null once read to its end
  private long read; // guarded by inputLock
  private volatile long readSoFar;
  private volatile boolean inputDone;
  private volatile boolean truncated;

  private final AtomicReferenceArray<Object> ring; // ordered: slot (index & mask)
  private final int mask;
  private final ConcurrentLinkedQueue<Object> arrivals; // unordered

  private volatile long consumed; // written by the consumer only
  private volatile RuntimeException cancelledBy;
  private volatile boolean closedByConsumer;
  private boolean truncationReported;

  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition changed = waitLock.newCondition();
  private volatile boolean consumerWaiting;

  LazyJob(
      String call,
      Task<? super T, ? extends R> task,
      Iterable<? extends T> items,
      int chunksize,
      boolean ordered,
      Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.workers = dispatcher.options().workers();
    this.call = call;
    this.task = task;
    this.progress = new ProgressTracker(dispatcher.options().callbackErrorHandler());
    if (items instanceof List<? extends T> randomAccess && items instanceof RandomAccess) {
      this.list = randomAccess;
      this.listSize = randomAccess.size();
      this.readSoFar = listSize;
      this.inputDone = true;
      this.progress.known(listSize, true);
    } else {
      this.list = null;
      this.listSize = 0;
      this.input = Checks.notNull("items.iterator()", items.iterator());
    }
    this.chunksize = chunksize;
    this.ordered = ordered;
    this.slowdownNanos = dispatcher.slowdownNanos();
    long wanted = Math.max(dispatcher.options().readAhead(), 2L * dispatcher.options().workers() * chunksize);
    if (ordered) {
      // one slot more than the bound: a failing input adds its failure after a full chunk
      int capacity = Integer.highestOneBit((int) Math.min(1 << 30, wanted)) << 1;
      this.ring = new AtomicReferenceArray<>(capacity);
      this.mask = capacity - 1;
      this.bound = capacity - 1;
      this.arrivals = null;
    } else {
      this.ring = null;
      this.mask = 0;
      this.bound = wanted;
      this.arrivals = new ConcurrentLinkedQueue<>();
    }
  }

  // ---- the workers' side

  @Override
  @SuppressWarnings("unchecked")
  int runChunk(Worker worker) {
    return list != null ? runFromList(worker) : runFromIterator(worker);
  }

  /** A random-access input: claims index ranges with one compare-and-set, no lock. */
  private int runFromList(Worker worker) {
    long start;
    long end;
    for (;;) {
      if (cancelledBy != null) {
        return EXHAUSTED;
      }
      start = nextIndex.get();
      if (start >= listSize) {
        return EXHAUSTED;
      }
      long room = bound - (start - consumed);
      if (room < chunksize) {
        return BLOCKED;
      }
      long available = Math.min(listSize - start, room) / chunksize;
      int tasks = Claims.batch(available, workers, worker.tasksAllowed());
      end = Math.min(listSize, start + (long) tasks * chunksize);
      if (nextIndex.compareAndSet(start, end)) {
        break;
      }
    }
    int count = (int) (end - start);
    Object[] chunk = new Object[count];
    for (int i = 0; i < count; i++) {
      chunk[i] = list.get((int) (start + i));
    }
    runItems(worker, chunk, start, count);
    return Claims.tasks(count, chunksize);
  }

  /** Any other input: reads under the input lock, a batch of chunks at a time. */
  private int runFromIterator(Worker worker) {
    Object[] chunk;
    long first;
    int count = 0;
    Throwable inputFailure = null;
    inputLock.lock();
    try {
      if (inputDone || cancelledBy != null) {
        return EXHAUSTED;
      }
      long room = bound - (read - consumed);
      if (room < chunksize) {
        return BLOCKED;
      }
      int wanted = Claims.batch(room / chunksize, workers, worker.tasksAllowed()) * chunksize;
      chunk = new Object[wanted];
      first = read;
      boolean atEnd = false;
      try {
        while (count < wanted && input.hasNext()) {
          Object item = input.next(); // before the count moves: next() may throw
          chunk[count++] = item;
        }
        atEnd = !input.hasNext();
      } catch (Throwable e) {
        inputFailure = e;
      }
      read = first + count;
      if (inputFailure != null) {
        // the input's own failure takes the next place in the results and ends the input
        deliver(read, new Failure(read, inputFailure));
        read++;
        endInput(false);
      } else if (atEnd) {
        endInput(false);
      } else {
        readSoFar = read;
        progress.known(read, false);
      }
    } finally {
      inputLock.unlock();
    }
    if (count == 0) {
      signalConsumer();
      return inputFailure == null ? EXHAUSTED : 1;
    }
    runItems(worker, chunk, first, count);
    return Claims.tasks(count, chunksize);
  }

  /** Runs claimed items, delivering each result as soon as it is ready. */
  @SuppressWarnings("unchecked")
  private void runItems(Worker worker, Object[] chunk, long first, int count) {
    int done = 0;
    try {
      for (; done < count && cancelledBy == null; done++) {
        worker.clearStaleInterrupt();
        Object value;
        try {
          value = task.apply((T) chunk[done]);
          if (value == null) {
            value = NULL;
          }
          if (slowdownNanos > 0) {
            Slowdown.spin(slowdownNanos);
          }
        } catch (Throwable error) {
          worker.noteFailure(error);
          value = new Failure(first + done, error);
        }
        chunk[done] = null;
        progress.countOne(); // before the consumer can see the item
        deliver(first + done, value);
        if ((done + 1) % chunksize == 0) {
          // the consumer is woken once a chunk, as Python hands results over a chunk at a time
          signalConsumer();
        }
      }
    } finally {
      for (; done < count; done++) {
        progress.countOne();
        deliver(first + done,
            new Failure(first + done, new IllegalStateException("worker died while running this item")));
      }
      progress.announce();
      signalConsumer();
    }
  }

  /** Marks the input read to its end (or abandoned); called with inputLock held. */
  private void endInput(boolean abandoned) {
    input = null;
    readSoFar = read;
    inputDone = true;
    truncated = abandoned;
    progress.known(read, !abandoned);
  }

  private void deliver(long index, Object value) {
    if (ordered) {
      ring.set((int) (index & mask), value);
    } else {
      arrivals.add(value);
    }
  }

  private void signalConsumer() {
    if (consumerWaiting) {
      waitLock.lock();
      try {
        changed.signalAll();
      } finally {
        waitLock.unlock();
      }
    }
  }

  @Override
  boolean wantsAWorker() {
    if (cancelledBy != null) {
      return true;
    }
    long claimed;
    if (list != null) {
      claimed = nextIndex.get();
      if (claimed >= listSize) {
        return true; // read to its end, or stopped: a worker retires it
      }
    } else {
      if (inputDone) {
        return true;
      }
      claimed = readSoFar;
    }
    return claimed - consumed + chunksize <= bound;
  }

  @Override
  void stopReading() {
    if (list != null) {
      long claimed = Math.min(listSize, nextIndex.getAndSet(Long.MAX_VALUE / 2));
      readSoFar = claimed;
      truncated = claimed < listSize;
      signalConsumer();
      dispatcher.reschedule(this);
      return;
    }
    inputLock.lock();
    try {
      if (!inputDone) {
        boolean more = input.hasNext();
        endInput(more);
      }
    } catch (RuntimeException | Error e) {
      endInput(true);
    } finally {
      inputLock.unlock();
    }
    signalConsumer();
    dispatcher.reschedule(this);
  }

  @Override
  void cancel(RuntimeException reason) {
    cancelledBy = reason;
    signalConsumer();
  }

  @Override
  int workersWanted() {
    return Integer.MAX_VALUE;
  }

  // ---- the consumer's side

  @Override
  public boolean hasNext() {
    try {
      return awaitNext(Long.MAX_VALUE);
    } catch (TimeoutException impossible) {
      throw new AssertionError("no deadline was set", impossible);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the next " + call + " result");
    }
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException(call + " has no more results");
    }
    return take();
  }

  @Override
  public R next(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    long nanos = Checks.timeoutNanos(timeout, unit);
    long deadline = System.nanoTime() + nanos;
    if (!awaitNext(deadline)) {
      throw new NoSuchElementException(call + " has no more results");
    }
    return take();
  }

  /** Waits until a result is ready (true) or none will come (false); deadline MAX_VALUE = none. */
  private boolean awaitNext(long deadline) throws InterruptedException, TimeoutException {
    for (;;) {
      RuntimeException cancelled = cancelledBy;
      if (cancelled != null) {
        throw copy(cancelled);
      }
      if (closedByConsumer) {
        return false;
      }
      if (resultReady()) {
        return true;
      }
      if (inputDone && consumed >= readSoFar) {
        if (truncated && !truncationReported) {
          return true;
        }
        dispatcher.settled(this);
        return false;
      }
      waitLock.lock();
      try {
        consumerWaiting = true;
        if (cancelledBy == null && !resultReady() && !(inputDone && consumed >= readSoFar)) {
          if (deadline == Long.MAX_VALUE) {
            changed.await();
          } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new TimeoutException("no " + call + " result came in time");
            }
            changed.awaitNanos(left);
          }
        }
      } finally {
        consumerWaiting = false;
        waitLock.unlock();
      }
    }
  }

  private boolean resultReady() {
    return ordered ? ring.get((int) (consumed & mask)) != null : !arrivals.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private R take() {
    Object value;
    if (ordered) {
      int slot = (int) (consumed & mask);
      value = ring.get(slot);
      if (value != null) {
        ring.set(slot, null);
      }
    } else {
      value = arrivals.poll();
    }
    if (value == null) {
      // only the truncation is left: the pool was closed before the input was read to its end
      truncationReported = true;
      throw new CancellationException(
          "the pool was closed before this " + call + "'s input was read to its end; "
              + "results after item " + readSoFar + " were not computed");
    }
    consumed = consumed + 1;
    if (!scheduled.get()) {
      dispatcher.reschedule(this);
    }
    if (value instanceof Failure failure) {
      throw failure.toException(call);
    }
    return value == NULL ? null : (R) value;
  }

  private static RuntimeException copy(RuntimeException reason) {
    if (reason instanceof PoolBrokenException broken) {
      return new PoolBrokenException(broken.getMessage(), broken.getCause());
    }
    CancellationException fresh = new CancellationException(reason.getMessage());
    fresh.initCause(reason.getCause());
    return fresh;
  }

  @Override
  public Stream<R> stream() {
    int characteristics = ordered ? Spliterator.ORDERED : 0;
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, characteristics), false)
        .onClose(this::close);
  }

  @Override
  public Progress progress() {
    return progress;
  }

  @Override
  public void close() {
    if (closedByConsumer) {
      return;
    }
    closedByConsumer = true;
    stopReading();
    dispatcher.settled(this);
  }

  @Override
  public String toString() {
    return call + "[" + progress + ", consumed " + consumed + ", claimed " + nextIndex.get()
        + ", scheduled " + scheduled.get() + ", retired " + retired.get() + ", bound " + bound + "]";
  }
}
