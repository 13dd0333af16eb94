package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Threads, worker processes or Python processes, like with like: one group of bars per job and
 * configuration measured on at least two of the lab's backends (platform threads, virtual
 * threads, member processes), with Python's {@code Pool} or {@code ThreadPool} of the same task,
 * worker count and chunksize beside them ({@link BackendComparison}). A bar of one job next to a
 * bar of another would compare the jobs, not the backends.
 *
 * <pre>{@code
 * List<ChartData> charts = BackendChart.of(run);  // empty: no configuration ran on two backends
 * }</pre>
 */
final class BackendChart {

  /** The id of the CPU-bound jobs' chart; the IO-bound jobs' is this and {@code -io}. */
  static final String ID = "backends";

  private BackendChart() {}

  /**
   * The charts, when at least one configuration ran on two of the lab's backends: one for the
   * CPU-bound jobs and one for the IO-bound ones ({@link Charts#isIoBound}), whose speed-ups are
   * tens of times larger and would flatten the others' bars to nothing on one axis.
   *
   * @param run the run
   * @return the charts, CPU-bound first; empty when no configuration ran on two backends
   */
  static List<ChartData> of(RunResults run) {
    List<BackendComparison> all = BackendComparison.of(run);
    List<ChartData> out = new ArrayList<>();
    chart(ID, "CPU-bound jobs", all.stream().filter(c -> !Charts.isIoBound(c.job())).toList()).ifPresent(out::add);
    chart(ID + "-io", "IO-bound jobs", all.stream().filter(c -> Charts.isIoBound(c.job())).toList()).ifPresent(out::add);
    return out;
  }

  private static Optional<ChartData> chart(String id, String jobs, List<BackendComparison> comparisons) {
    if (comparisons.isEmpty()) {
      return Optional.empty();
    }
    List<String> categories = comparisons.stream().map(BackendComparison::category).toList();
    List<ChartData.Series> series = new ArrayList<>();
    for (String backend : BackendComparison.BACKENDS) {
      List<ChartData.Point> points = new ArrayList<>();
      for (int i = 0; i < comparisons.size(); i++) {
        SpeedUp s = comparisons.get(i).byBackend().get(backend);
        if (s != null) {
          points.add(ChartData.Point.of(categories.get(i), i, s.value(), s.error()));
        }
      }
      if (!points.isEmpty()) {
        series.add(new ChartData.Series(BackendComparison.name(backend), false, points));
      }
    }
    return Optional.of(new ChartData(id, "Threads or processes, " + jobs
            + ": the same job and configuration on each backend (Python's against its own serial loop)",
        ChartKind.BAR, "job: configuration", "speed-up (serial / parallel)", series, categories));
  }
}
