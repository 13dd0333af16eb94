package io.poollab.bench;

import java.time.Duration;

/**
 * What the round runner asks about the machine around each fork and group: a short CPU probe on
 * every core, and the CPU counters that tell how much others took. The real one probes this
 * machine; tests script one.
 *
 * <pre>{@code
 * Canary canary = Canary.machine(Runtime.getRuntime().availableProcessors());
 * double millis = canary.probeMillis();
 * Interference.Snapshot before = canary.snapshot();
 * // ... run a fork ...
 * Interference.Load load = canary.between(before, canary.snapshot());
 * }</pre>
 */
public interface Canary {

  /** Runs the CPU probe and says how long it took, in milliseconds. */
  double probeMillis();

  /** Reads the CPU counters. */
  Interference.Snapshot snapshot();

  /** What others took between two readings. */
  Interference.Load between(Interference.Snapshot before, Interference.Snapshot after);

  /** The probe's threads, for the record. */
  int probeThreads();

  /** The probe's iterations per thread, for the record. */
  long probeIterations();

  /**
   * The canary of this machine: a CPU probe of about 25 ms on {@code threads} threads, and
   * {@link Interference} from {@code /proc}. A probe reading is the faster of two runs: on a quiet
   * 2-vCPU VM single runs now and then took 1.6x the median, where a competing busy process
   * slows both runs (1.9-2.7x).
   *
   * @param threads the probe's threads, usually the machine's cores
   * @return the canary
   */
  static Canary machine(int threads) {
    CpuProbe probe = CpuProbe.calibrated(threads, Duration.ofMillis(25));
    return new Canary() {
      @Override
      public double probeMillis() {
        return Math.min(probe.measure().toNanos(), probe.measure().toNanos()) / 1e6;
      }

      @Override
      public Interference.Snapshot snapshot() {
        return Interference.take();
      }

      @Override
      public Interference.Load between(Interference.Snapshot before, Interference.Snapshot after) {
        return Interference.between(before, after);
      }

      @Override
      public int probeThreads() {
        return probe.threads();
      }

      @Override
      public long probeIterations() {
        return probe.iterations();
      }
    };
  }
}
