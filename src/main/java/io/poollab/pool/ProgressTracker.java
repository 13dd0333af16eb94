package io.poollab.pool;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link Progress} of one call: a striped counter, so that workers never contend on it.
 *
 * <p>Telling the listeners is serialised per call: each update tells them under {@link
 * #telling}, reading the state inside the lock and taking {@code done} as the largest of what it
 * reads and what was told before, so tellings never overlap and {@code done} never decreases.
 * Each update tells on its own thread before it returns (as before), so the last one (done ==
 * total) is told before the worker that made it can complete the call or hand its chunks over.
 * The lock is taken only when there are listeners: without them an update is one add.
 */
final class ProgressTracker implements Progress {
  private final LongAdder done = new LongAdder();
  private final CopyOnWriteArrayList<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<Throwable> errorHandler;
  /** Held while listeners are told; a lock a virtual thread can wait on unmounted. */
  private final ReentrantLock telling = new ReentrantLock();
  /** The largest {@code done} told so far; read and written only under {@link #telling}. */
  private long toldDone;
  /** A listener made an update while it was told (under {@link #telling}): tell another round. */
  private boolean tellAgain;
  private volatile long known;
  private volatile boolean totalKnown;

  ProgressTracker(Consumer<Throwable> errorHandler) {
    this.errorHandler = errorHandler;
  }

  void advance(int items) {
    done.add(items);
    notifyListeners();
  }

  void known(long items, boolean isTotal) {
    known = items;
    totalKnown = isTotal;
    notifyListeners();
  }

  private void notifyListeners() {
    if (listeners.isEmpty()) {
      return;
    }
    if (telling.isHeldByCurrentThread()) {
      // a listener's own update (one that closes its iterator): told in a round after the one it
      // interrupts, not inside it, which would leave the rest of that round telling an older state
      tellAgain = true;
      return;
    }
    // the lock's wait ends when the listener now running returns: listeners are to be short
    telling.lock();
    try {
      do {
        tellAgain = false;
        // read inside the lock, after this update's own change, so that what is told is at least
        // this update; done first, as known is raised before the items it counts can finish
        long doneNow = Math.max(toldDone, done());
        long knownNow = known;
        boolean totalNow = totalKnown;
        toldDone = doneNow;
        for (ProgressListener listener : listeners) {
          CallbackErrors.runGuarded(
              () -> listener.onProgress(doneNow, knownNow, totalNow), errorHandler);
        }
      } while (tellAgain);
    } finally {
      telling.unlock();
    }
  }

  @Override
  public long done() {
    return done.sum();
  }

  @Override
  public long known() {
    return known;
  }

  @Override
  public boolean totalKnown() {
    return totalKnown;
  }

  @Override
  public void addListener(ProgressListener listener) {
    listeners.add(Checks.notNull("listener", listener));
  }

  @Override
  public String toString() {
    return done() + "/" + known + (totalKnown ? "" : "+");
  }
}
