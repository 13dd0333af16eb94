package io.poollab.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a lazy call's input on a thread of its own, as Python's task handler does: one chunk at a
 * time, each handed to the workers as soon as its items are read, and never more than the
 * read-ahead bound ahead of the consumer.
 *
 * <p>Why a thread of its own (one of the pool's {@link ReaderThreads}): an input may wait for its next item (a socket, a queue, a generator
 * that waits for results). A worker waiting there would hold back the chunks already read, and
 * {@link Pool#close()}, which waits for the workers, would wait with it. The feeder's waits all have
 * a way out: for room, a signal or a 50 ms re-check; inside the input, only the input itself can
 * return, so nobody waits for a feeder there: closing stops the hand-over at once and the feeder
 * leaves when the input next returns ({@link #awaitEnd} waits at most a millisecond for a feeder
 * inside the input, and up to its grace for one outside it, which ends at once).
 */
final class InputFeeder implements Runnable {
  /** What the feeder hands its chunks to. */
  interface Sink {
    /** Result places the consumer has taken so far. */
    long consumed();

    /**
     * Takes a chunk for the workers.
     *
     * @return false when the call takes no more chunks (closed or cancelled): the chunk is dropped
     */
    boolean handOff(Chunk chunk);

    /**
     * The feeder is done.
     *
     * @param places the result places handed off in all
     * @param truncated whether the input had items left that were not handed off
     * @param failed whether the input failed (its failure is the last place handed off)
     */
    void ended(long places, boolean truncated, boolean failed);
  }

  private static final int FIRST_BUFFER = 16;
  /** The largest array the JVM allocates reliably. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  private static final long ROOM_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How often a closer waiting for the feeder's end looks whether it sits in one input call. */
  private static final long END_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** {@link #inputCalls}, written and read opaquely. */
  private static final VarHandle INPUT_CALLS;

  static {
    try {
      INPUT_CALLS = MethodHandles.lookup().findVarHandle(InputFeeder.class, "inputCalls", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Iterator<?> input;
  private final int chunksize;
  private final long bound;
  private final Sink sink;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private volatile boolean waitingForRoom;
  private volatile boolean stopRequested;
  private volatile boolean cancelled;
  /**
   * Counts the feeder's calls of the input's hasNext and next, up by one going in and one coming
   * out: odd while it is inside one. Only the feeder writes it (plain reads there); a closer reads
   * it opaquely. Opaque writes, not volatile ones: four an item, none with a fence (a closer
   * only compares two readings a millisecond apart, and nothing is published through it).
   */
  private long inputCalls;
  private Thread thread; // guarded by this
  private final CountDownLatch end = new CountDownLatch(1);
  private long handedOff; // feeder thread only

  InputFeeder(Iterator<?> input, int chunksize, long bound, Sink sink) {
    this.input = input;
    this.chunksize = chunksize;
    this.bound = bound;
    this.sink = sink;
  }

  /** Starts reading on a thread of {@code readers} (the pool's reader threads, see {@link ReaderThreads}). */
  void start(Executor readers) {
    readers.execute(this);
  }

  /** The consumer took a result: a feeder waiting for room looks again. */
  void roomMade() {
    if (waitingForRoom) {
      signal();
    }
  }

  /**
   * Stops the reading: no more chunks are handed off. The feeder asks the input once more whether
   * it had items left (on its own thread), so that the call can say whether it was cut short.
   */
  void stop(boolean askInput) {
    if (!askInput) {
      cancelled = true;
    }
    stopRequested = true;
    signal();
  }

  /**
   * Waits up to {@code nanos} for the feeder to end (it ends at once when it is not inside the
   * input, and soon when the input returns at once), but not for an input that waits: a feeder
   * found inside the same call of the input {@link #END_CHECK_NANOS} apart is left to it. Returns
   * whether the feeder ended.
   */
  boolean awaitEnd(long nanos) {
    synchronized (this) {
      if (thread == Thread.currentThread()) {
        return false; // closed from the feeder's own thread (a progress listener): it ends after
      }
    }
    long deadline = System.nanoTime() + nanos;
    long calls = (long) INPUT_CALLS.getOpaque(this);
    try {
      for (;;) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return end.getCount() == 0;
        }
        if (end.await(Math.min(left, END_CHECK_NANOS), TimeUnit.NANOSECONDS)) {
          return true;
        }
        long now = (long) INPUT_CALLS.getOpaque(this);
        if ((now & 1) != 0 && now == calls) {
          return false; // still inside the same call of the input: it waits, only it can return
        }
        calls = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the reading without asking the input anything more, and interrupts the feeder. */
  void cancel() {
    stop(false);
    synchronized (this) {
      // under the lock that run() holds while it takes and gives back its pooled thread, so that
      // the interrupt can never land on the thread's next input
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  private void signal() {
    lock.lock();
    try {
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    synchronized (this) {
      thread = Thread.currentThread();
      if (cancelled) {
        thread.interrupt(); // cancel() came before this thread was known
      }
    }
    boolean truncated = false;
    boolean failed = false;
    try {
      for (;;) {
        if (!awaitRoom()) {
          truncated = itemsLeft();
          break;
        }
        Object[] buffer = new Object[Math.min(chunksize, FIRST_BUFFER)];
        int count = 0;
        boolean atEnd = false;
        Throwable failure = null;
        try {
          while (count < chunksize && !stopRequested) {
            countInputCall();
            boolean more = input.hasNext();
            countInputCall();
            if (!more) {
              atEnd = true;
              break;
            }
            if (stopRequested) {
              break; // the input returned after the stop: it had more, and keeps it
            }
            countInputCall();
            Object item = input.next();
            countInputCall();
            if (count == buffer.length) {
              buffer = grow(buffer);
            }
            buffer[count++] = item;
          }
        } catch (Throwable e) {
          failure = e; // the input's own failure, or a chunk too large to hold
          if ((inputCalls & 1) != 0) {
            countInputCall(); // it came out of the input by throwing
          }
        }
        if (failure == null && count == 0) {
          truncated = !atEnd && itemsLeft();
          break;
        }
        if (failure == null && count < chunksize && !atEnd) {
          truncated = true; // stopped in the middle of a chunk: the items read are not run
          break;
        }
        if (failure != null) {
          if (count == buffer.length) {
            buffer = Arrays.copyOf(buffer, count + 1);
          }
          buffer[count] = Failure.ofInput(handedOff + count, failure);
        }
        Chunk chunk = new Chunk(handedOff, buffer, count, failure != null);
        if (!sink.handOff(chunk)) {
          truncated = true;
          break;
        }
        handedOff += chunk.size;
        if (failure != null) {
          failed = true;
          break;
        }
        if (atEnd) {
          break;
        }
      }
    } finally {
      synchronized (this) {
        thread = null;
        Thread.interrupted(); // a cancel's interrupt must not follow the pooled thread to its next input
      }
      // the reading is over: a closer waits for no more (ended() may wait for a progress listener
      // that is itself closing this call)
      end.countDown();
      sink.ended(handedOff, truncated, failed);
    }
  }

  /** Waits until a whole chunk fits within the bound; false once stopped. */
  private boolean awaitRoom() {
    while (!stopRequested) {
      if (fits()) {
        return true;
      }
      lock.lock();
      try {
        waitingForRoom = true;
        // re-read after announcing the wait: a consumer that took a result in between sees the flag
        if (!stopRequested && !fits()) {
          room.awaitNanos(ROOM_RECHECK_NANOS);
        }
      } catch (InterruptedException e) {
        return false; // only cancel() interrupts
      } finally {
        waitingForRoom = false;
        lock.unlock();
      }
    }
    return false;
  }

  private boolean fits() {
    return handedOff - sink.consumed() + chunksize <= bound;
  }

  /** After a stop: whether the input has items left (asked on this thread; not asked, true, when cancelled). */
  private boolean itemsLeft() {
    if (cancelled) {
      return true;
    }
    countInputCall();
    try {
      return input.hasNext();
    } catch (Throwable e) {
      return true;
    } finally {
      countInputCall();
    }
  }

  /** Going into the input or coming out of it (feeder thread only). */
  private void countInputCall() {
    INPUT_CALLS.setOpaque(this, inputCalls + 1);
  }

  private Object[] grow(Object[] buffer) {
    if (buffer.length >= MAX_ARRAY) {
      throw new IllegalStateException("a chunk of more than " + MAX_ARRAY + " items cannot be held; "
          + "use a smaller chunksize (was " + chunksize + ")");
    }
    int larger = (int) Math.min(Math.min((long) buffer.length * 2, chunksize), MAX_ARRAY);
    return Arrays.copyOf(buffer, larger);
  }
}
