package io.poollab.pool;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A source of chunks that workers claim and run: one per call. Workers take chunks from the job
 * at the head of the dispatcher's queue until it has none left, so that dispatch costs one atomic
 * claim per batch of chunks (see {@link Claims}) rather than one queued task per item.
 */
abstract class Job {
  /** Nothing is left to claim: the job leaves the queue for good. */
  static final int EXHAUSTED = -1;
  /** Nothing may be claimed now (the consumer is behind): the job leaves the queue until it is. */
  static final int BLOCKED = -2;

  /** Set once the job has left the queue for good. */
  final AtomicBoolean retired = new AtomicBoolean();
  /** Whether the job is in the queue (or about to be put back); see {@link Dispatcher#park}. */
  final AtomicBoolean scheduled = new AtomicBoolean(true);

  /**
   * Claims one or more chunks and runs them on the calling worker; reports every item it claimed,
   * whatever happens.
   *
   * @return the number of chunks (tasks) it ran, at least 1; or {@link #EXHAUSTED} or
   *     {@link #BLOCKED}
   */
  abstract int runChunk(Worker worker);

  /** Completes the call's result or iterator with {@code reason} at once (terminate, broken pool). */
  abstract void cancel(RuntimeException reason);

  /** Whether a chunk may be claimed now; only lazy jobs can say no. */
  boolean hasRoom() {
    return true;
  }

  /** Called by {@link Pool#close()}: a lazy job stops reading its input. */
  void stopReading() {}

  /** How many workers could be busy with this job at once: how many sleepers to wake for it. */
  abstract int workersWanted();
}
