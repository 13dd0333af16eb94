package io.poollab.regress;

import java.util.Locale;

/**
 * What a {@link Figure} measures and which way is better.
 *
 * <p>Every kind is a ratio inside one run, so it survives a change of machine speed between the
 * baseline and the run under test. Only speed-ups also survive a change of CPU model within a
 * machine class ({@link #carriesAcrossCpus()}).
 *
 * <pre>{@code
 * FigureKind kind = FigureKind.fromPrefix("speedup");   // SPEEDUP
 * double worse = kind.worsening(1.8, 1.5);              // 0.1667: a 16.7% drop
 * }</pre>
 */
public enum FigureKind {
  /** Serial time / parallel time, paired round by round. Higher is better. */
  SPEEDUP("speedup", true, true),
  /** A latency percentile divided by the serial per-item time of the same round. Lower is better. */
  LATENCY("latency", false, false);

  private final String prefix;
  private final boolean higherIsBetter;
  private final boolean carriesAcrossCpus;

  FigureKind(String prefix, boolean higherIsBetter, boolean carriesAcrossCpus) {
    this.prefix = prefix;
    this.higherIsBetter = higherIsBetter;
    this.carriesAcrossCpus = carriesAcrossCpus;
  }

  /**
   * Whether a baseline recorded on one CPU model can judge this figure measured on another of the
   * same machine class. A speed-up divides two times of one job on one host, so it can. A latency
   * figure divides a thread hand-off (a wake-up, set by the host's scheduler and hypervisor) by
   * the serial job's time per item (set by the CPU's hashing speed), and the two do not scale
   * together: with unchanged code, on 2-vCPU VMs of class linux-amd64-2c, the apply_async round
   * trip's p50 was 7.1 serial item times on an Intel Xeon host (4.6 us against 646 ns an item)
   * and 22.4 on an AMD EPYC host (about 8 us against 350 ns).
   */
  public boolean carriesAcrossCpus() {
    return carriesAcrossCpus;
  }

  /** The first segment of every figure key of this kind, e.g. {@code speedup}. */
  public String prefix() {
    return prefix;
  }

  /** Whether a larger value is an improvement. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * How much worse {@code current} is than {@code baseline}, as a fraction of the baseline:
   * positive means worse (0.1 = 10% worse), negative better.
   *
   * @param baseline the baseline value
   * @param current the value under test
   * @return the worsening; NaN when the baseline is zero or either value is not finite
   */
  public double worsening(double baseline, double current) {
    if (baseline == 0.0 || !Double.isFinite(baseline) || !Double.isFinite(current)) {
      return Double.NaN;
    }
    double diff = higherIsBetter ? baseline - current : current - baseline;
    return diff / Math.abs(baseline);
  }

  /**
   * The kind whose {@link #prefix()} is {@code prefix}.
   *
   * @param prefix e.g. {@code speedup}
   * @return the kind
   * @throws IllegalArgumentException naming the allowed prefixes
   */
  public static FigureKind fromPrefix(String prefix) {
    for (FigureKind kind : values()) {
      if (kind.prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown figure kind '" + prefix + "'; allowed: speedup, latency");
  }
}
