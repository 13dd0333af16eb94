package io.poollab.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A scripted canary for tests: the probe reads 25 ms unless a slower reading is queued, and the
 * CPU counters report whatever foreign load is queued for the next fork (none by default).
 */
final class QuietCanary implements Canary {

  private final Deque<Double> probes = new ArrayDeque<>();
  private final Deque<Double> foreign = new ArrayDeque<>();

  /** Queues probe readings, returned before the default. */
  QuietCanary probes(double... millis) {
    for (double m : millis) {
      probes.add(m);
    }
    return this;
  }

  /** Queues the foreign cores of the next forks, in order. */
  QuietCanary foreign(double... cores) {
    for (double c : cores) {
      foreign.add(c);
    }
    return this;
  }

  @Override
  public double probeMillis() {
    return probes.isEmpty() ? 25.0 : probes.poll();
  }

  @Override
  public Interference.Snapshot snapshot() {
    return new Interference.Snapshot(System.nanoTime(), 0, 0, 0, 0.0, true);
  }

  @Override
  public Interference.Load between(Interference.Snapshot before, Interference.Snapshot after) {
    double cores = foreign.isEmpty() ? 0.0 : foreign.poll();
    return new Interference.Load(cores, 0.0, 0.0, 1.0, true);
  }

  @Override
  public int probeThreads() {
    return 2;
  }

  @Override
  public long probeIterations() {
    return 1000;
  }
}
