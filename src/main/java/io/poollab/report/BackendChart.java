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
 * Optional<ChartData> chart = BackendChart.of(run);  // empty: no configuration ran on two backends
 * }</pre>
 */
final class BackendChart {

  /** The chart's id. */
  static final String ID = "backends";

  private BackendChart() {}

  /**
   * The chart, when at least one configuration ran on two of the lab's backends.
   *
   * @param run the run
   * @return the chart, or empty
   */
  static Optional<ChartData> of(RunResults run) {
    List<BackendComparison> comparisons = BackendComparison.of(run);
    if (comparisons.isEmpty()) {
      return Optional.empty();
    }
    List<String> categories = comparisons.stream().map(BackendComparison::label).toList();
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
    return Optional.of(new ChartData(ID,
        "Threads or processes: the same job and configuration on each backend (Python's against its own serial loop)",
        ChartKind.BAR, "job: configuration", "speed-up (serial / parallel)", series, categories));
  }
}
