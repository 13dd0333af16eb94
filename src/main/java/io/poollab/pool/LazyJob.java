package io.poollab.pool;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code imap} and {@code imapUnordered}: the input is cut into {@link Chunk}s that the workers
 * run, never more than {@code bound} result places ahead of the consumer; a finished chunk is
 * handed over whole, and the consumer takes the results in input order (a ring of chunk slots) or
 * in completion order (a queue of finished chunks).
 *
 * <p>Two ways in. A random-access list is claimed by the workers themselves, a batch of chunks per
 * compare-and-set (see {@link Claims}); the short chunks of a claim are handed over together (see
 * {@link #GATHER_NANOS}), so a slow chunk holds back the short ones finished before it in its claim
 * until it ends, and a {@code get} that throws fails its item's place. Any other input is read by
 * an {@link InputFeeder} on its own thread, one chunk at a time, each handed over as soon as its
 * items are read; so a slow or waiting input never holds back work already read, and closing
 * waits for it only while it is outside the input (see {@link InputFeeder#awaitEnd}).
 *
 * <p>The bound: {@code max(readAhead, 2 * workers * chunksize)}, exactly; a chunk is claimed or read
 * only when all of it fits, so at most that many items are read and not yet consumed.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
final class LazyJob<T, R> extends Job implements ResultIterator<R>, InputFeeder.Sink {
  private static final Object NULL = new Object();
  /** How long a worker gathers fast chunks of one claim before it hands them over together. */
  static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  /** A chunk that took longer is handed over at once, with any gathered before it. */
  static final long SLOW_CHUNK_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
  /** The most closing waits for a feeder that is not inside the input to end. */
  private static final long FEEDER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Dispatcher dispatcher;
  private final String call;
  private final Task<? super T, ? extends R> task;
  private final int chunksize;
  private final long bound;
  private final boolean ordered;
  private final long slowdownNanos;
  private final ProgressTracker progress;
  private final int workers;

  // ---- the input: a random-access list claimed by the workers, or a feeder's chunks
  private final List<? extends T> list;
  private final long listSize;
  private final AtomicLong nextIndex = new AtomicLong();
  private final InputFeeder feeder;
  private final ConcurrentLinkedQueue<Chunk> readyChunks;
  private final Object handOffLock = new Object();
  private boolean takingChunks = true; // guarded by handOffLock
  /** No chunk will be added to readyChunks any more (the feeder ended, or the call stopped). */
  private volatile boolean handOffClosed;

  /** Result places that will exist: final once {@link #inputDone}. */
  private volatile long readSoFar;
  /** Whether {@link #readSoFar} is final and whether the input was cut short is known. */
  private volatile boolean inputDone;
  private volatile boolean truncated;

  // ---- the results
  private final AtomicReferenceArray<Chunk> slots; // ordered: chunk number modulo the length
  private final ConcurrentLinkedQueue<Chunk> finished; // unordered: chunks in completion order
  private Chunk current; // consumer only: the chunk being taken from, null between chunks
  private int currentPlace; // consumer only
  private long taken; // consumer only: results taken

  /** Results taken, published once a chunk: what the read-ahead bound counts from. */
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
    this.chunksize = chunksize;
    this.ordered = ordered;
    this.slowdownNanos = dispatcher.slowdownNanos();
    this.progress = new ProgressTracker(dispatcher.options().callbackErrorHandler());
    this.bound = Math.max(dispatcher.options().readAhead(), 2L * workers * chunksize);
    if (items instanceof List<? extends T> randomAccess && items instanceof RandomAccess) {
      this.list = randomAccess;
      this.listSize = randomAccess.size();
      this.readSoFar = listSize;
      this.inputDone = true;
      this.progress.known(listSize, true);
      this.feeder = null;
      this.readyChunks = null;
    } else {
      this.list = null;
      this.listSize = 0;
      Iterator<? extends T> input = Checks.notNull("items.iterator()", items.iterator());
      this.feeder = new InputFeeder(input, chunksize, bound, this);
      this.readyChunks = new ConcurrentLinkedQueue<>();
    }
    if (ordered) {
      // chunks in flight lie within bound / chunksize + 1 of the consumer's (see the class comment)
      long needed = bound / chunksize + 2;
      this.slots = new AtomicReferenceArray<>((int) Math.min(needed, Integer.MAX_VALUE - 8));
      this.finished = null;
    } else {
      this.slots = null;
      this.finished = new ConcurrentLinkedQueue<>();
    }
  }

  /** Starts reading a non-list input on one of the pool's reader threads; called once the job is queued. */
  void startReading(Executor readers) {
    if (feeder != null) {
      feeder.start(readers);
    }
  }

  // ---- the feeder's side

  @Override
  public long consumed() {
    return consumed;
  }

  @Override
  public boolean handOff(Chunk chunk) {
    // known before the chunk can be run, so that done never passes known; not under the lock, as
    // it calls the progress listeners
    progress.known(chunk.first + chunk.size, false);
    synchronized (handOffLock) {
      if (!takingChunks) {
        return false;
      }
      readyChunks.add(chunk);
      readSoFar = chunk.first + chunk.size;
    }
    dispatcher.chunkReady(this); // wakes one worker for this chunk
    return true;
  }

  @Override
  public void ended(long places, boolean cutShort, boolean failed) {
    synchronized (handOffLock) {
      takingChunks = false;
    }
    handOffClosed = true;
    truncated = cutShort;
    readSoFar = places;
    inputDone = true;
    progress.known(places, !cutShort);
    wakeConsumer();
    dispatcher.chunkReady(this); // a worker runs what is left, or retires the job
  }

  // ---- the workers' side

  @Override
  int runChunk(Worker worker) {
    return list != null ? runFromList(worker) : runFromFeeder(worker);
  }

  /** A random-access input: claims a batch of chunks with one compare-and-set, no lock. */
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
    int chunks = 0;
    long from = start;
    Group group = new Group();
    try {
      long before = System.nanoTime();
      while (from < end) {
        int count = (int) Math.min(chunksize, end - from);
        Chunk chunk = new Chunk(from, new Object[count], count, false);
        for (int i = 0; i < count; i++) {
          chunk.values[i] = itemAt(worker, from + i);
        }
        from += count;
        chunks++;
        run(worker, chunk, group);
        long after = System.nanoTime();
        // fast chunks of one claim are handed over together, at most GATHER_NANOS after the first
        // of them finished; a slow chunk hands them over at once, with itself
        if (after - before > SLOW_CHUNK_NANOS || after - group.since >= GATHER_NANOS) {
          publish(group);
        }
        before = after;
      }
    } finally {
      // a worker that died half-way: the items it claimed and did not start fail, not vanish
      while (from < end) {
        int count = (int) Math.min(chunksize, end - from);
        Chunk chunk = new Chunk(from, new Object[count], count, false);
        from += count;
        chunks++;
        failAll(chunk, 0, group);
      }
      publish(group);
    }
    return chunks;
  }

  /**
   * The list's item at {@code index}, or, when the list's {@code get} throws, a failure that
   * takes the item's place: the task does not run for it, and its place throws a
   * TaskFailedException whose cause is the list's exception, as an input's failure does.
   */
  private Object itemAt(Worker worker, long index) {
    try {
      return list.get((int) index);
    } catch (Throwable error) {
      worker.noteFailure(error); // an Error retires the worker, as a task's does
      return Failure.ofInput(index, error);
    }
  }

  /** Finished chunks of one claim not yet handed over, linked through {@link Chunk#next}. */
  private static final class Group {
    Chunk head;
    Chunk tail;
    int places;
    long since;

    void add(Chunk chunk) {
      if (head == null) {
        head = chunk;
        since = System.nanoTime();
      } else {
        tail.next = chunk;
      }
      tail = chunk;
      places += chunk.size;
    }
  }

  /** Hands a group of finished chunks to the consumer: one progress update and one wake. */
  private void publish(Group group) {
    if (group.head == null) {
      return;
    }
    progress.advance(group.places); // before the consumer can see them: done never lags it
    if (ordered) {
      for (Chunk c = group.head; c != null; ) {
        Chunk next = c.next;
        c.next = null;
        slots.set(slotOf(c.first), c);
        c = next;
      }
    } else {
      finished.add(group.head); // the consumer follows the links
    }
    group.head = null;
    group.tail = null;
    group.places = 0;
    wakeConsumer();
  }

  /** Any other input: takes the next chunk the feeder read. */
  private int runFromFeeder(Worker worker) {
    // read before polling: once it is true, every chunk has been added, so an empty poll is final
    boolean closed = handOffClosed;
    if (cancelledBy != null) {
      return EXHAUSTED;
    }
    Chunk chunk = readyChunks.poll();
    if (chunk == null) {
      return closed ? EXHAUSTED : BLOCKED;
    }
    Group group = new Group();
    try {
      run(worker, chunk, group);
    } finally {
      publish(group);
    }
    return 1;
  }

  /**
   * Runs one chunk and adds it, whole, to the group to hand over: results go to the consumer a
   * chunk (or a group of short chunks) at a time, as Python hands them over a chunk at a time.
   */
  @SuppressWarnings("unchecked")
  private void run(Worker worker, Chunk chunk, Group group) {
    if (worker.isRemote()) {
      runRemotely(worker, chunk, group);
      return;
    }
    int done = 0;
    try {
      for (; done < chunk.items && cancelledBy == null; done++) {
        worker.clearStaleInterrupt();
        Object value;
        if (chunk.values[done] instanceof Failure) {
          continue; // the list could not give this item: its failure is its result
        }
        try {
          value = task.apply((T) chunk.values[done]);
          if (value == null) {
            value = NULL;
          }
          if (slowdownNanos > 0) {
            Slowdown.spin(slowdownNanos);
          }
        } catch (Throwable error) {
          worker.noteFailure(error);
          value = new Failure(chunk.first + done, error);
        }
        chunk.values[done] = value;
      }
      if (done == chunk.items) {
        done = chunk.size; // an input failure is already in its place
      }
    } finally {
      failAll(chunk, done, group);
    }
  }

  /** CLUSTER: the chunk's items go to a member as one task; its outcomes replace them in place. */
  private void runRemotely(Worker worker, Chunk chunk, Group group) {
    int done = 0;
    try {
      if (cancelledBy == null) {
        // the items the list could not give stay in their places as failures and do not travel
        int[] places = new int[chunk.items];
        Object[] items = new Object[chunk.items];
        int travelling = 0;
        for (int i = 0; i < chunk.items; i++) {
          if (!(chunk.values[i] instanceof Failure)) {
            places[travelling] = i;
            items[travelling++] = chunk.values[i];
          }
        }
        // items is a copy already: trimmed only when some item failed to be read
        Object[] outcomes = travelling == 0 ? items : worker.runRemotely(task,
            travelling == items.length ? items : java.util.Arrays.copyOf(items, travelling),
            chunk.first).outcomes();
        for (int t = 0; t < travelling; t++) {
          Object value = outcomes[t];
          if (value instanceof Failure failure && places[t] != t) {
            value = new Failure(chunk.first + places[t], failure.error(), failure.fromInput());
          }
          chunk.values[places[t]] = value == null ? NULL : value;
        }
        done = chunk.size; // an input failure is already in its place
      }
    } finally {
      failAll(chunk, done, group);
    }
  }

  /**
   * Fails the places of {@code chunk} from {@code from} on (a worker died, or the call was
   * cancelled) and adds the chunk to the group to hand over.
   */
  private void failAll(Chunk chunk, int from, Group group) {
    for (int i = from; i < chunk.size; i++) {
      chunk.values[i] = new Failure(chunk.first + i,
          new IllegalStateException("worker died while running this item"));
    }
    group.add(chunk);
  }

  private int slotOf(long place) {
    return (int) ((place / chunksize) % slots.length());
  }

  /** Wakes a waiting consumer now: results came, or the call ended, stopped or failed. */
  private void wakeConsumer() {
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
    if (list == null) {
      return handOffClosed || !readyChunks.isEmpty();
    }
    long claimed = nextIndex.get();
    if (claimed >= listSize) {
      return true; // read to its end, or stopped: a worker retires it
    }
    return claimed - consumed + chunksize <= bound;
  }

  @Override
  void stopReading() {
    if (list != null) {
      long claimed = Math.min(listSize, nextIndex.getAndSet(Long.MAX_VALUE / 2));
      readSoFar = claimed;
      truncated = claimed < listSize;
      if (truncated) {
        progress.known(claimed, false);
      }
    } else {
      synchronized (handOffLock) {
        takingChunks = false;
      }
      handOffClosed = true;
      // the places handed off so far are all the workers will run; whether the input had more,
      // the feeder finds out on its own thread (ended() then makes it final); a closed iterator
      // does not ask. A feeder that is not waiting inside the input ends at once: give it that
      // moment, so that nothing is read once close returns; one that waits there is left to it.
      feeder.stop(!closedByConsumer);
      feeder.awaitEnd(FEEDER_GRACE_NANOS);
    }
    wakeConsumer();
    dispatcher.reschedule(this);
  }

  @Override
  void cancel(RuntimeException reason) {
    cancelledBy = reason;
    if (feeder != null) {
      feeder.cancel();
    }
    wakeConsumer();
  }

  /**
   * A list: every worker. A feeder's chunks: none until one is read, since a worker woken for an
   * empty job only takes a core from the reader's start (each chunk read wakes one, see {@link
   * Dispatcher#chunkReady}); every worker once the reading ended or the call was cancelled.
   */
  @Override
  int workersWanted() {
    if (list != null || handOffClosed || cancelledBy != null) {
      return Integer.MAX_VALUE;
    }
    return readyChunks.isEmpty() ? 0 : 1;
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
      if (allTaken()) {
        if (truncated && !truncationReported) {
          return true;
        }
        dispatcher.settled(this);
        return false;
      }
      waitLock.lock();
      try {
        // announced before the last look: a worker that hands chunks over after it sees the flag
        consumerWaiting = true;
        if (cancelledBy == null && !resultReady() && !allTaken()) {
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

  private boolean allTaken() {
    return inputDone && taken >= readSoFar;
  }

  private boolean resultReady() {
    if (current != null) {
      return true;
    }
    if (ordered) {
      Chunk chunk = slots.get(slotOf(taken));
      return chunk != null && chunk.first == taken;
    }
    return !finished.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private R take() {
    if (current == null) {
      current = ordered ? slots.get(slotOf(taken)) : finished.poll();
      currentPlace = 0;
      if (current == null || (ordered && current.first != taken)) {
        current = null;
        // only the truncation is left: the pool was closed before the input was read to its end
        truncationReported = true;
        throw new CancellationException(
            "the pool was closed before this " + call + "'s input was read to its end; "
                + "results after item " + readSoFar + " were not computed");
      }
    }
    Object value = current.values[currentPlace];
    current.values[currentPlace++] = null;
    taken++;
    if (currentPlace == current.size) {
      if (ordered) {
        slots.set(slotOf(current.first), null); // before consumed moves on: only then may the slot be reused
        current = null;
        madeRoom();
      } else {
        Chunk next = current.next; // a group handed over together
        current.next = null;
        current = next;
        currentPlace = 0;
        madeRoom();
      }
      if (current == null && !truncated && allTaken()) {
        // the last result is taken: the call is complete even if nobody asks hasNext(), so the
        // pool lets go of it now, and terminate() no longer turns its end into a cancellation
        dispatcher.settled(this);
      }
    }
    if (value instanceof Failure failure) {
      throw failure.toException(call);
    }
    return value == NULL ? null : (R) value;
  }

  /**
   * Publishes what the consumer has taken, once a chunk: the workers (or the feeder) may read
   * further. The consumer never waits in the middle of a chunk (a chunk arrives whole), so the
   * room it made is always published before it waits.
   */
  private void madeRoom() {
    consumed = taken;
    if (feeder != null) {
      feeder.roomMade();
    } else if (!scheduled.get()) {
      dispatcher.reschedule(this);
    }
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
