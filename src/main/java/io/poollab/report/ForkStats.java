package io.poollab.report;

import java.util.Arrays;
import java.util.List;

/**
 * What a configuration's kept forks say together: the median of their medians, their spread,
 * outlying iterations, and what the garbage collector cost (JMH's GC profiler: GC time per
 * iteration and bytes allocated per operation). Paired forks (which ran the serial job beside
 * their own) leave the GC figures out, since their collector cleaned up after both jobs.
 *
 * <pre>{@code
 * ForkStats s = ForkStats.of(run.rounds().keptForks(result.configKey()));
 * System.out.printf("%.1f ms/op, GC %.1f%% of the time%n", s.median(), 100 * s.gcShare());
 * }</pre>
 *
 * @param forks forks with usable iterations
 * @param median the median of the forks' medians (NaN without forks)
 * @param lowest the lowest fork median
 * @param highest the highest fork median
 * @param outliers iterations outside the Tukey fences of their fork
 * @param iterations iterations in all
 * @param gcShare GC time as a fraction of the measured time (NaN when not profiled)
 * @param allocBytesPerOp bytes allocated per operation, median over forks (NaN when not profiled)
 * @param pairedForks forks that ran the serial job beside their own (their GC is left out)
 */
public record ForkStats(int forks, double median, double lowest, double highest, int outliers,
    int iterations, double gcShare, double allocBytesPerOp, int pairedForks) {

  /**
   * The stats of some forks of one configuration.
   *
   * @param forks the forks; unusable ones (failed) are skipped
   * @return the stats
   */
  public static ForkStats of(List<ForkData> forks) {
    List<ForkData> usable = forks.stream().filter(ForkData::usable).toList();
    double[] medians = usable.stream().mapToDouble(f -> RobustStats.median(f.iterations())).toArray();
    int outliers = 0;
    int iterations = 0;
    double gc = 0;
    double measured = 0;
    boolean profiled = false;
    for (ForkData f : usable) {
      double[] its = f.iterations();
      outliers += RobustStats.outliers(its).count();
      iterations += its.length;
      double[] gcs = f.gcMillis();
      double perUnit = millisPerUnit(f.unit());
      // a paired fork's collector also cleaned up after its serial partner: not this job's cost
      if (!f.paired() && gcs.length > 0 && Double.isFinite(f.measurementMillis()) && Double.isFinite(perUnit)) {
        profiled = true;
        // the profiler may leave out iterations without a collection: the sum is what counts
        for (double g : gcs) {
          gc += Double.isFinite(g) ? g : 0;
        }
        for (double it : its) {
          // an iteration lasts its set time, or one operation when that is longer
          measured += Math.max(f.measurementMillis(), it * perUnit);
        }
      }
    }
    double[] alloc = usable.stream().filter(f -> !f.paired())
        .mapToDouble(ForkData::allocBytesPerOp).filter(Double::isFinite).toArray();
    return new ForkStats(usable.size(), medians.length == 0 ? Double.NaN : RobustStats.median(medians),
        Arrays.stream(medians).min().orElse(Double.NaN), Arrays.stream(medians).max().orElse(Double.NaN),
        outliers, iterations, profiled && measured > 0 ? gc / measured : Double.NaN,
        alloc.length == 0 ? Double.NaN : RobustStats.median(alloc),
        (int) usable.stream().filter(ForkData::paired).count());
  }

  /** Milliseconds in one unit of a time-per-op score ({@code ms/op}: 1), NaN for other units. */
  static double millisPerUnit(String unit) {
    return switch (unit) {
      case "s/op" -> 1000.0;
      case "ms/op" -> 1.0;
      case "us/op" -> 1e-3;
      case "ns/op" -> 1e-6;
      default -> Double.NaN;
    };
  }
}
