package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The distributions behind the speed-ups: per job, a strip chart of each configuration's
 * per-round speed-ups (one dot per round: the round's serial fork over its parallel fork), with
 * the estimate (the median over rounds) and its interval marked, rounds outside Tukey's fences
 * drawn hollow and rounds the estimate left out (disturbed) drawn as grey crosses. A median
 * with a narrow interval over scattered rounds, or one wild round, is visible at a glance.
 *
 * <p>Small multiples: a job's configurations are split into charts of at most {@value
 * #MAX_ROWS} rows, in the order pool methods, peers, per-task methods, and apart when their
 * speed-ups differ by more than {@value #MAGNITUDE}x, so that each chart's axis shows the
 * scatter of its rounds.
 *
 * <pre>{@code
 * List<String> notDrawn = new ArrayList<>();
 * List<ChartData> strips = RoundCharts.of(run, notDrawn);
 * }</pre>
 */
final class RoundCharts {

  /** The most configurations (rows) one strip chart holds. */
  static final int MAX_ROWS = 6;

  /** The most one chart's largest speed-up may be over its smallest, so each axis shows its rounds' scatter. */
  static final double MAGNITUDE = 3;

  /** How far apart, in rows, the dots of one row are spread so that equal rounds stay visible. */
  private static final double SPREAD = 0.08;

  private RoundCharts() {}

  /** One configuration's row: its label, its speed-up and its rounds. */
  private record Row(String label, SpeedUp speedUp, SerialPairing pairing) {}

  /**
   * The strip charts of a run, and a note when a job has no rounds to show.
   *
   * @param run the run
   * @param skipped where notes go
   * @return the charts, job by job
   */
  static List<ChartData> of(RunResults run, List<String> skipped) {
    List<SerialPairing> pairings = SpeedUps.pairings(run.results(), run.rounds(), new ArrayList<>());
    List<ChartData> out = new ArrayList<>();
    Slugs slugs = new Slugs();
    for (String job : Charts.jobs(run)) {
      String slug = slugs.of(job);
      boolean backends = run.speedUps().stream().filter(s -> !s.python() && s.job().equals(job))
          .map(SpeedUp::backend).distinct().count() > 1;
      List<Row> rows = new ArrayList<>();
      for (SerialPairing p : pairings) {
        if (!p.parallel().job().equals(job)) {
          continue;
        }
        run.speedUps().stream()
            .filter(s -> !s.python() && s.isFinite() && s.job().equals(job) && s.params().equals(p.parallel().params()))
            .findFirst()
            .ifPresent(s -> rows.add(new Row(ChartLabels.config(s, backends), s, p)));
      }
      if (rows.isEmpty()) {
        // a job without speed-ups (a latency benchmark) already has its note from Charts
        if (run.speedUps().stream().anyMatch(s -> !s.python() && s.job().equals(job))) {
          skipped.add("Per-round speed-ups of " + job + ": no configuration has a finite speed-up.");
        }
        continue;
      }
      List<String> impls = rows.stream().map(r -> r.speedUp().impl()).distinct().toList();
      rows.sort(Comparator.comparingInt((Row r) -> order(r.speedUp().impl()))
          .thenComparingInt(r -> impls.indexOf(r.speedUp().impl()))
          .thenComparing(r -> r.speedUp().backend())
          .thenComparingInt(r -> r.speedUp().workers())
          .thenComparingLong(r -> chunkOrder(r.speedUp().chunksize())));
      List<List<Row>> parts = new ArrayList<>();
      for (List<Row> bucket : byMagnitude(rows, r -> r.speedUp().value())) {
        for (int i = 0; i < bucket.size(); i += MAX_ROWS) {
          parts.add(bucket.subList(i, Math.min(bucket.size(), i + MAX_ROWS)));
        }
      }
      for (int c = 0; c < parts.size(); c++) {
        String of = parts.size() == 1 ? "" : " (" + (c + 1) + " of " + parts.size() + ")";
        out.add(strip("rounds-" + slug + (c == 0 ? "" : "-" + (c + 1)),
            "Per-round speed-ups" + of + ": " + ChartLabels.jobTitle(job, rows.get(0).speedUp().params()),
            parts.get(c)));
      }
    }
    return out;
  }

  /**
   * Rows split so that within one chart the largest value is at most {@value #MAGNITUDE} times
   * the smallest (a 3x row and a 90x row on one axis would leave the 3x row's dots on one
   * pixel); buckets in ascending value, rows in their given order within each.
   *
   * @param rows the rows, in the order a chart shows them
   * @param value a row's size (its speed-up, its median time)
   * @return the buckets
   */
  static <R> List<List<R>> byMagnitude(List<R> rows, java.util.function.ToDoubleFunction<R> value) {
    List<R> sorted = rows.stream().sorted(Comparator.comparingDouble(value)).toList();
    List<List<R>> buckets = new ArrayList<>();
    double floor = 0;
    for (R r : sorted) {
      if (buckets.isEmpty() || value.applyAsDouble(r) > floor * MAGNITUDE) {
        buckets.add(new ArrayList<>());
        floor = value.applyAsDouble(r);
      }
      buckets.get(buckets.size() - 1).add(r);
    }
    buckets.forEach(b -> b.sort(Comparator.comparingInt(rows::indexOf)));
    return buckets;
  }

  /** Chunksizes in numeric order, {@code default} (and anything else) after them. */
  private static long chunkOrder(String chunksize) {
    return chunksize.matches("\\d{1,18}") ? Long.parseLong(chunksize) : Long.MAX_VALUE;
  }

  /** Pool methods first, then peers, then per-task methods; stable within each. */
  private static int order(String impl) {
    return impl.startsWith("POOL_") ? 0 : ChartLabels.perTask(impl) ? 2 : 1;
  }

  private static ChartData strip(String id, String title, List<Row> rows) {
    List<String> categories = rows.stream().map(Row::label).toList();
    List<ChartData.Point> used = new ArrayList<>();
    List<ChartData.Point> outliers = new ArrayList<>();
    List<ChartData.Point> excluded = new ArrayList<>();
    List<ChartData.Point> estimates = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      boolean throughput = row.pairing().parallel().throughput();
      List<RoundPair> usable = row.pairing().pairs().stream()
          .filter(RoundPair::usable).toList();
      // the estimate's own rule (SpeedUps.measure): disturbed rounds are left out when two clean remain
      long clean = usable.stream().filter(x -> !x.disturbed()).count();
      double[] kept = usable.stream().filter(x -> clean < 2 || !x.disturbed())
          .mapToDouble(x -> x.ratio(throughput).value()).toArray();
      double[] fences = RobustStats.mildFences(kept);
      double low = fences[0];
      double high = fences[1];
      for (int k = 0; k < usable.size(); k++) {
        RoundPair x = usable.get(k);
        double v = x.ratio(throughput).value();
        ChartData.Point p = new ChartData.Point(categories.get(i),
            i + (k - (usable.size() - 1) / 2.0) * SPREAD, v, v, v);
        if (clean >= 2 && x.disturbed()) {
          excluded.add(p);
        } else if (v < low || v > high) {
          outliers.add(p);
        } else {
          used.add(p);
        }
      }
      SpeedUp s = row.speedUp();
      estimates.add(new ChartData.Point(categories.get(i), i, s.value(), s.low(), s.high()));
    }
    List<ChartData.Series> series = new ArrayList<>();
    series.add(new ChartData.Series("rounds (serial / parallel, one dot each)", ChartData.Style.DOTS, used));
    if (!outliers.isEmpty()) {
      series.add(new ChartData.Series("rounds outside Tukey's fences (1.5 IQR)", ChartData.Style.OUTLIERS, outliers));
    }
    if (!excluded.isEmpty()) {
      series.add(new ChartData.Series("rounds left out (disturbed)", ChartData.Style.EXCLUDED, excluded));
    }
    series.add(new ChartData.Series(String.format(Locale.ROOT, "median over rounds, %.0f%% interval",
        100 * rows.get(0).speedUp().level()), ChartData.Style.ESTIMATE, estimates));
    // the serial line only where the axis reaches down to it (the renderer starts at zero below 2x)
    if (rows.stream().anyMatch(r -> r.speedUp().low() < 2)) {
      series.add(new ChartData.Series("1.0: as fast as serial", true, List.of(
          ChartData.Point.of(-0.5, 1, Double.NaN), ChartData.Point.of(rows.size() - 0.5, 1, Double.NaN))));
    }
    return new ChartData(id, title, ChartKind.STRIP, "configuration", "speed-up (serial / parallel)",
        series, categories);
  }
}
