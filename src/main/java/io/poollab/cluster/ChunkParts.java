package io.poollab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;

/**
 * A chunk's results on its member, as its worker thread encodes them: a sequence of encoded
 * {@link ChunkReply} parts, in item order, that the caller takes one by one ({@link ChunkTask}
 * waits for part 0, each {@link PartTask} for the next), so that a chunk of a hundred thousand
 * results travels as a stream of small replies while the member goes on computing, instead of
 * one reply of many megabytes at the end.
 *
 * <p>In two sentences: the worker thread adds parts and then ends the stream (always, once the
 * chunk was handed to its thread: the chunk's future ends it when it completes, fails or is
 * cancelled before it ran); a taker waits until its part is there or the stream has ended without
 * it, so every wait ends when the chunk does, or when the taker is interrupted, which cancels the
 * chunk ({@link #cancel()}), as does a newer chunk of the same worker.
 *
 * <pre>{@code
 * ChunkParts parts = new ChunkParts(chunkId);
 * // worker thread: parts.add(encodedPart); ... then parts.end(null)
 * byte[] first = parts.take(0); // null: the chunk ended without it, see parts.endReason()
 * }</pre>
 */
final class ChunkParts {
  private final long chunk;
  /** Guarded by this; a taken part's place is set to null, so that its bytes can go. */
  private final List<byte[]> parts = new ArrayList<>();
  private boolean ended;
  private Throwable endReason;
  /** Set before the interrupt that comes with a cancellation: the chunk's items read it. */
  private volatile boolean cancelled;
  private volatile Future<?> running;

  ChunkParts(long chunk) {
    this.chunk = chunk;
  }

  /** The caller's id of this chunk. */
  long chunk() {
    return chunk;
  }

  /** The chunk's run on its worker's thread, which {@link #cancel()} interrupts. */
  void runningAs(Future<?> future) {
    running = future;
  }

  /**
   * Nobody wants the rest of this chunk (its taker was interrupted: terminate; or the worker sent
   * a newer chunk): its items not started yet fail as cancelled, and a running one is interrupted.
   */
  void cancel() {
    cancelled = true; // before the interrupt, so that the chunk knows it for one
    Future<?> future = running;
    if (future != null) {
      future.cancel(true);
    }
  }

  /** Whether {@link #cancel()} was called. */
  boolean isCancelled() {
    return cancelled;
  }

  /** Whether no part follows any more. */
  synchronized boolean ended() {
    return ended;
  }

  /**
   * Publishes the next part; ignored once the stream ended or the chunk was cancelled (nobody
   * takes it any more: a waiter then learns that the chunk was cancelled, whichever of the
   * cancellation and the chunk's last item came first).
   */
  synchronized void add(byte[] part) {
    if (!ended && !cancelled) {
      parts.add(part);
      notifyAll();
    }
  }

  /**
   * No part follows; {@code reason} is why the chunk ended early (its worker was released before
   * it ran, or it failed outside its items), or null when its worker thread published every part.
   * Only the first call counts.
   */
  synchronized void end(Throwable reason) {
    if (!ended) {
      ended = true;
      endReason = reason;
      notifyAll();
    }
  }

  /**
   * Waits for part {@code index} and hands it over (once: a part is not kept after it was taken).
   *
   * @return the part, or null if the stream ended without it (see {@link #endReason()}), or if it
   *     was taken already
   * @throws InterruptedException if interrupted while waiting
   */
  synchronized byte[] take(int index) throws InterruptedException {
    while (parts.size() <= index && !ended) {
      wait();
    }
    if (index >= parts.size()) {
      return null;
    }
    return parts.set(index, null);
  }

  /** Why the stream ended before the part a taker waited for; never null once it ended early. */
  synchronized Throwable endReason() {
    if (endReason != null) {
      return endReason;
    }
    return cancelled ? new CancellationException("chunk " + chunk + " was cancelled on this member")
        : new IllegalStateException("chunk " + chunk + " has no such part on this member (it ended "
            + "after " + parts.size() + " parts, or the part was taken already)");
  }
}
