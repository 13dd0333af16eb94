package io.poollab.pool;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** The {@link Progress} of one call: a striped counter, so that workers never contend on it. */
final class ProgressTracker implements Progress {
  private final LongAdder done = new LongAdder();
  private final CopyOnWriteArrayList<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<Throwable> errorHandler;
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
    long doneNow = done();
    long knownNow = known;
    boolean totalNow = totalKnown;
    for (ProgressListener listener : listeners) {
      CallbackErrors.runGuarded(() -> listener.onProgress(doneNow, knownNow, totalNow), errorHandler);
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
