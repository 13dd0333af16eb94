package io.poollab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Platform vs virtual threads, like with like: one pair of bars per configuration measured on
 * both backends (same job, same method, same workers, same chunksize), nothing else. A bar of
 * one job next to a bar of another would compare the jobs, not the backends.
 *
 * <pre>{@code
 * Optional<ChartData> chart = BackendChart.of(run);  // empty: no configuration ran on both
 * }</pre>
 */
final class BackendChart {

  /** The backends compared, in bar order. */
  private static final List<String> BACKENDS = List.of("PLATFORM", "VIRTUAL");

  private BackendChart() {}

  /**
   * The chart, when at least one configuration ran on both backends.
   *
   * @param run the run
   * @return the chart, or empty
   */
  static Optional<ChartData> of(RunResults run) {
    Map<String, Map<String, SpeedUp>> byConfig = new LinkedHashMap<>();
    for (SpeedUp s : run.speedUps()) {
      if (s.python() || !s.isFinite() || Streaming.isPaced(s.params()) || !BACKENDS.contains(s.backend())) {
        continue;
      }
      String config = ChartLabels.job(s.job(), s.params()) + ": "
          + ChartLabels.config(s.impl(), s.backend(), s.workers(), s.chunksize(), false);
      byConfig.computeIfAbsent(config, k -> new LinkedHashMap<>()).put(s.backend(), s);
    }
    byConfig.values().removeIf(m -> m.size() < BACKENDS.size());
    if (byConfig.isEmpty()) {
      return Optional.empty();
    }
    List<String> categories = List.copyOf(byConfig.keySet());
    List<ChartData.Series> series = new ArrayList<>();
    for (String backend : BACKENDS) {
      List<ChartData.Point> points = new ArrayList<>();
      for (int i = 0; i < categories.size(); i++) {
        SpeedUp s = byConfig.get(categories.get(i)).get(backend);
        points.add(ChartData.Point.of(categories.get(i), i, s.value(), s.error()));
      }
      series.add(new ChartData.Series(ChartLabels.backend(backend), false, points));
    }
    return Optional.of(new ChartData("platform-vs-virtual",
        "Platform vs virtual threads, same job and configuration", ChartKind.BAR, "job: configuration",
        "speed-up (serial / parallel)", series, categories));
  }
}
