package io.poollab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JMH's raw data, as criterion draws it: per job, a strip chart of every measured iteration of
 * every fork, one row per configuration (the serial loop first), in the benchmark's own unit.
 * Iterations outside their fork's Tukey fences (the ones the "outliers" counts of the tables
 * count) are drawn hollow, and forks of disturbed groups as grey crosses; a fork that sits apart
 * from the others of its configuration, or a first iteration far above the rest, shows at once.
 *
 * <p>Small multiples, as the per-round charts: at most {@value RoundCharts#MAX_ROWS} rows a
 * chart, and configurations whose median times differ by more than {@value RoundCharts#MAGNITUDE}x
 * in charts of their own, so that each axis shows its iterations' scatter.
 *
 * <pre>{@code
 * List<String> notDrawn = new ArrayList<>();
 * List<ChartData> strips = IterationCharts.of(run, notDrawn);
 * }</pre>
 */
final class IterationCharts {

  /** How far apart, in rows, one row's forks are spread so that forks stay apart. */
  private static final double SPREAD = 0.1;

  /** The most of a row its forks' lines may span, so that rows never overlap. */
  private static final double ROW_SPAN = 0.7;

  private IterationCharts() {}

  /** One configuration's row: its label, its forks and its median iteration. */
  private record Row(String label, String impl, List<ForkData> forks, double median) {}

  /**
   * The iteration charts of a run.
   *
   * @param run the run
   * @param skipped where notes go (a run without per-fork data says so once)
   * @return the charts, job by job
   */
  static List<ChartData> of(RunResults run, List<String> skipped) {
    // what the estimates were made of: kept forks that measured, in JMH's time modes (a latency
    // benchmark's iterations are means of samples, drawn as percentiles elsewhere)
    List<ForkData> all = run.rounds().forks().stream()
        .filter(f -> f.kept() && f.iterations().length > 0 && (f.mode().equals("avgt") || f.mode().equals("thrpt")))
        .toList();
    if (all.isEmpty()) {
      if (!run.results().isEmpty()) {
        skipped.add("Iterations: the run has no per-fork data (rounds.json) to draw.");
      }
      return List.of();
    }
    Map<String, List<ForkData>> forksByConfig = all.stream()
        .collect(Collectors.groupingBy(ForkData::configKey));
    List<ChartData> out = new ArrayList<>();
    Slugs slugs = new Slugs();
    for (String job : Charts.jobs(run)) {
      List<BenchmarkResult> measured = run.results().stream()
          .filter(r -> r.job().equals(job) && forksByConfig.containsKey(r.configKey())).toList();
      if (measured.isEmpty()) {
        continue;
      }
      boolean backends = measured.stream().map(BenchmarkResult::backend).distinct().count() > 1;
      List<Row> rows = new ArrayList<>();
      for (BenchmarkResult r : measured) {
        List<ForkData> forks = forksByConfig.get(r.configKey());
        double[] every = forks.stream().flatMapToDouble(f -> Arrays.stream(f.iterations())).toArray();
        rows.add(new Row(ChartLabels.config(r.impl(), r.backend(), r.members(), r.workers().orElse(1), r.chunksize(), backends),
            r.impl(), forks, RobustStats.median(every)));
      }
      rows.sort(Comparator.comparingInt((Row r) -> order(r.impl())).thenComparing(Row::label));
      List<List<Row>> parts = new ArrayList<>();
      for (List<Row> bucket : RoundCharts.byMagnitude(rows, Row::median)) {
        for (int i = 0; i < bucket.size(); i += RoundCharts.MAX_ROWS) {
          parts.add(bucket.subList(i, Math.min(bucket.size(), i + RoundCharts.MAX_ROWS)));
        }
      }
      String slug = slugs.of(job);
      String unit = rows.get(0).forks().get(0).unit();
      for (int c = 0; c < parts.size(); c++) {
        String of = parts.size() == 1 ? "" : " (" + (c + 1) + " of " + parts.size() + ")";
        out.add(strip("iterations-" + slug + (c == 0 ? "" : "-" + (c + 1)),
            "Every measured iteration" + of + ": " + ChartLabels.jobTitle(job, rows.get(0).forks().get(0).params()),
            unit, parts.get(c)));
      }
    }
    return out;
  }

  /** The serial loop first, then pool methods, peers, per-task methods. */
  private static int order(String impl) {
    if (impl.equals(BenchmarkResult.SERIAL)) {
      return 0;
    }
    return impl.startsWith("POOL_") ? 1 : ChartLabels.perTask(impl) ? 3 : 2;
  }

  private static ChartData strip(String id, String title, String unit, List<Row> rows) {
    List<String> categories = rows.stream().map(Row::label).toList();
    List<ChartData.Point> used = new ArrayList<>();
    List<ChartData.Point> outliers = new ArrayList<>();
    List<ChartData.Point> excluded = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<ForkData> forks = rows.get(i).forks();
      // a row's forks stay within it however many there are (the serial loop has one per group)
      double step = forks.size() > 1 ? Math.min(SPREAD, ROW_SPAN / (forks.size() - 1)) : 0;
      for (int k = 0; k < forks.size(); k++) {
        ForkData f = forks.get(k);
        double[] its = f.iterations();
        double[] fences = RobustStats.mildFences(its);
        double low = fences[0];
        double high = fences[1];
        double y = i + (k - (forks.size() - 1) / 2.0) * step;
        for (double v : its) {
          ChartData.Point p = new ChartData.Point(categories.get(i), y, v, v, v);
          if (f.disturbed()) {
            excluded.add(p);
          } else if (v < low || v > high) {
            outliers.add(p);
          } else {
            used.add(p);
          }
        }
      }
    }
    List<ChartData.Series> series = new ArrayList<>();
    series.add(new ChartData.Series("iterations (one dot each; a fork's dots share a line)", ChartData.Style.DOTS, used));
    if (!outliers.isEmpty()) {
      series.add(new ChartData.Series("outside their fork's Tukey fences (1.5 IQR)", ChartData.Style.OUTLIERS, outliers));
    }
    if (!excluded.isEmpty()) {
      series.add(new ChartData.Series("forks of disturbed groups", ChartData.Style.EXCLUDED, excluded));
    }
    return new ChartData(id, title, ChartKind.STRIP, "configuration", unit + " (each measured iteration)",
        series, categories);
  }
}
