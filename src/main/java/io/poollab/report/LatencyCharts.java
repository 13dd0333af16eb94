package io.poollab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency percentile charts from a run's histograms: one chart per kind of latency (time to the
 * first result, task latency under load, the {@code apply_async} round trip, each streaming
 * input), never two measurements on one axis; one curve per configuration, its legend in words.
 *
 * <p>A curve goes only as far as its samples support: percentile {@code p} is drawn only when
 * at least {@link RobustStats#MIN_SAMPLES_BEYOND} samples lie beyond it ({@link
 * RobustStats#samplesNeeded}), the rule the latency table and the regression check follow. A
 * histogram with too few samples for two points is no curve and is said so in a note.
 *
 * <pre>{@code
 * List<String> notDrawn = new ArrayList<>();
 * List<ChartData> charts = LatencyCharts.of(run.latencies(), notDrawn);
 * }</pre>
 */
final class LatencyCharts {

  /** The percentiles (in percent) a curve may have, where the samples support them. */
  static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999};

  private LatencyCharts() {}

  /**
   * The latency charts, and a note for each histogram too small to draw.
   *
   * @param latencies histograms by log name, values in nanoseconds
   * @param skipped where notes go
   * @return the charts, in log-name order of their first histogram
   */
  static List<ChartData> of(Map<String, Histogram> latencies, List<String> skipped) {
    Map<String, List<ChartData.Series>> byKind = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, List<String>> tooFew = new LinkedHashMap<>();
    latencies.forEach((name, h) -> {
      ChartLabels.LatencyName n = ChartLabels.latency(name);
      titles.putIfAbsent(n.key(), n.title());
      List<ChartData.Point> points = curve(h);
      if (points.size() < 2) {
        tooFew.computeIfAbsent(n.title(), k -> new ArrayList<>())
            .add(String.format(Locale.ROOT, "%s (%d samples)", n.legend(), h.getTotalCount()));
        return;
      }
      String legend = String.format(Locale.ROOT, "%s (%,d samples)", n.legend(), h.getTotalCount());
      byKind.computeIfAbsent(n.key(), k -> new ArrayList<>())
          .add(new ChartData.Series(legend, false, points));
    });
    // one note per kind of latency, naming every curve left out
    tooFew.forEach((title, curves) -> skipped.add(String.format(Locale.ROOT, "Latency curves of %s: %s:"
        + " too few samples for percentiles (a median needs %d: %d beyond it on each side).", title,
        String.join(", ", curves), RobustStats.samplesNeeded(50), RobustStats.MIN_SAMPLES_BEYOND)));
    List<ChartData> out = new ArrayList<>();
    Slugs slugs = new Slugs();
    byKind.forEach((key, series) -> out.add(new ChartData("latency-" + slugs.of(key), titles.get(key),
        ChartKind.PERCENTILE, "percentile (1 / (1 - p), log scale)", "latency (µs, log scale)", series)));
    return out;
  }

  /** The curve's points: each percentile the histogram's count supports, x = 1 / (1 - p). */
  static List<ChartData.Point> curve(Histogram h) {
    List<ChartData.Point> points = new ArrayList<>();
    for (double p : PERCENTILES) {
      // the minimum has every sample beyond it; any other p needs MIN_SAMPLES_BEYOND on its far side
      long needed = p == 0 ? RobustStats.MIN_SAMPLES_BEYOND : RobustStats.samplesNeeded(p);
      if (h.getTotalCount() < needed) {
        break;
      }
      // rounded: 100 / (100 - 99.99) is 9999.99999999488 in binary floating point
      double x = Math.round(100_000 / (100 - p)) / 1000.0;
      points.add(ChartData.Point.of(x, h.getValueAtPercentile(p) / 1000.0, Double.NaN));
    }
    return points;
  }
}
