package io.poollab.regress;

import io.poollab.report.BenchmarkResult;
import io.poollab.report.RunResults;
import io.poollab.report.SerialPairing;
import io.poollab.report.SpeedUp;
import io.poollab.report.SpeedUps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Turns a run (the report's model) into the figures the regression check compares: ratios
 * measured inside the run, which survive a change of machine speed.
 *
 * <h2>Figures</h2>
 * For every result of the pool ({@code impl} starting {@code POOL_}) with an int {@code workers}
 * param and a {@code SERIAL} result of the same benchmark, mode and workload params (the same
 * backend preferred, as in {@link io.poollab.report.SpeedUps}):
 * <ul>
 *   <li>{@code speedup:KEY} = serial time / parallel time ({@link SpeedUp#of});</li>
 *   <li>{@code efficiency:KEY} = speed-up / workers;</li>
 *   <li>{@code overhead:KEY} = {@code (parallel time * workers - serial time) / serial time}
 *       = {@code workers / speedup - 1}: the pool's extra CPU time per item in units of the serial
 *       per-item time (0 is a free pool);</li>
 * </ul>
 * where {@code KEY} is {@code Class.method:IMPL:workers=W:chunksize=C} followed by
 * {@code :name=value} for every other param (backend and workload), sorted by name; {@code C} is
 * {@code -} when there is no chunksize param. For every latency histogram of the run
 * ({@code histograms/NAME.hlog}, nanoseconds) and a serial per-item time (below):
 * {@code latency:p50:NAME}, {@code latency:p90:NAME}, {@code latency:p99:NAME} = the percentile /
 * the serial per-item time.
 *
 * <h2>Uncertainty</h2>
 * <ul>
 *   <li>Interval of a speed-up: the delta method, as in the report: {@code S ± S *
 *       sqrt((e_s/s)^2 + (e_p/p)^2)} from JMH's two 99.9% half-widths {@code e}, cut at zero. Efficiency and
 *       overhead map the bounds through their formulas. A NaN half-width (one iteration) leaves
 *       the interval unknown.</li>
 *   <li>Samples of a speed-up: JMH's per-iteration raw data of the serial and the parallel
 *       result paired by position (fork 1 iteration 1 with fork 1 iteration 1, and so on):
 *       {@code s_k / p_k}, {@code min(n, m)} independent ratio draws that carry the noise of both
 *       sides. These feed the Mann-Whitney test.</li>
 *   <li>Latency: an order-statistic (distribution-free) 99.9% interval of the percentile, ranks
 *       {@code Nq ± 3.29 sqrt(Nq(1-q))} of the histogram's {@code N} values, divided by the serial
 *       per-item time widened by its own relative error. A histogram sums all iterations, so
 *       latency figures have no per-iteration samples; only the interval can show a change.</li>
 *   <li>Serial per-item time: the {@code SERIAL} result of the word job (a benchmark whose name
 *       contains "word"; the first by job name when several) in time per op, divided by its
 *       {@code words} param, else by the run's dataset word count. It only has to be the same
 *       convention in the baseline and the run.</li>
 * </ul>
 *
 * <pre>{@code
 * List<String> notes = new ArrayList<>();
 * List<Figure> figures = FigureExtractor.extract(RunReader.read(runDir), notes);
 * }</pre>
 */
public final class FigureExtractor {

  /** z of a two-sided 99.9% normal interval, matching JMH's 99.9% score error. */
  static final double Z_999 = 3.2905;

  private static final double[] PERCENTILES = {50.0, 90.0, 99.0};

  private FigureExtractor() {}

  /**
   * The figures of a run.
   *
   * @param run the run, as read by {@link io.poollab.report.RunReader}
   * @param notes where results that give no figure are explained, one line each
   * @return the figures, sorted by key, keys unique
   */
  public static List<Figure> extract(RunResults run, List<String> notes) {
    Map<String, Figure> out = new LinkedHashMap<>();
    for (Figure f : poolFigures(run.results(), notes)) {
      if (out.putIfAbsent(f.key(), f) != null) {
        notes.add("jmh.json: two results give figure " + f.key() + "; the first is kept");
      }
    }
    for (Figure f : latencyFigures(run, notes)) {
      out.putIfAbsent(f.key(), f);
    }
    return out.values().stream().sorted(Comparator.comparing(Figure::key)).toList();
  }

  /**
   * The speed-up, efficiency and overhead figures of the pool's results.
   *
   * @param results JMH results of one run
   * @param notes where results without a figure are explained
   * @return three figures per pool result that has a serial baseline
   */
  public static List<Figure> poolFigures(List<BenchmarkResult> results, List<String> notes) {
    List<Figure> out = new ArrayList<>();
    // paired as the report pairs them, so the check and the page agree on what has a baseline
    for (SerialPairing pairing : SpeedUps.pairings(results, notes)) {
      BenchmarkResult serial = pairing.serial();
      BenchmarkResult r = pairing.parallel();
      if (!r.isPool()) {
        continue;
      }
      if (!(serial.score() > 0) || !(r.score() > 0)
          || !Double.isFinite(serial.score()) || !Double.isFinite(r.score())) {
        notes.add("jmh.json: " + r.job() + " " + r.impl() + " or its SERIAL result has no score");
        continue;
      }
      if (!serial.unit().equals(r.unit())) {
        notes.add("jmh.json: " + r.job() + " " + r.impl() + " is in " + r.unit()
            + " but its SERIAL result in " + serial.unit() + "; left out");
        continue;
      }
      out.addAll(figuresOf(serial, r, pairing.workers()));
    }
    return out;
  }

  private static List<Figure> figuresOf(BenchmarkResult serial, BenchmarkResult r, int workers) {
    SpeedUp s = SpeedUp.of(serial, r, workers);
    double v = s.value();
    // a speed-up is positive: the symmetric delta-method interval is cut at zero
    double lo = Double.isFinite(s.error()) ? Math.max(0.0, v - s.error()) : Double.NaN;
    double hi = Double.isFinite(s.error()) ? v + s.error() : Double.NaN;
    boolean throughput = r.mode().equals("thrpt") || r.unit().startsWith("ops/");
    int n = Math.min(serial.samples().size(), r.samples().size());
    List<Double> ratios = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      double sk = serial.samples().get(k);
      double pk = r.samples().get(k);
      double ratio = throughput ? pk / sk : sk / pk;
      if (Double.isFinite(ratio) && ratio > 0) {
        ratios.add(ratio);
      }
    }
    double[] speed = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    String tail = keyTail(r);
    List<Figure> out = new ArrayList<>(3);
    out.add(new Figure("speedup:" + tail, FigureKind.SPEEDUP, v, lo, hi, speed));
    out.add(new Figure("efficiency:" + tail, FigureKind.EFFICIENCY, v / workers,
        lo / workers, hi / workers, map(speed, x -> x / workers)));
    // overhead = w/S - 1 falls as S rises, so the bounds swap; a lower bound <= 0 leaves it open
    boolean known = !Double.isNaN(lo) && lo > 0;
    out.add(new Figure("overhead:" + tail, FigureKind.OVERHEAD, workers / v - 1,
        known ? workers / hi - 1 : Double.NaN, known ? workers / lo - 1 : Double.NaN,
        map(speed, x -> workers / x - 1)));
    return out;
  }

  /**
   * The latency figures of the run's histograms, relative to the serial per-item time.
   *
   * @param run the run
   * @param notes where a missing reference is explained
   * @return three figures per histogram, or none without a serial per-item time
   */
  static List<Figure> latencyFigures(RunResults run, List<String> notes) {
    if (run.latencies().isEmpty()) {
      return List.of();
    }
    Optional<double[]> item = serialItemNanos(run);
    if (item.isEmpty()) {
      notes.add("histograms/: no SERIAL word-job result with a known word count in time per op, "
          + "so latencies have no serial per-item time and give no figures");
      return List.of();
    }
    double ref = item.get()[0];
    double rel = item.get()[1];
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : run.latencies().entrySet()) {
      Histogram h = e.getValue();
      long count = h.getTotalCount();
      if (count == 0) {
        continue;
      }
      for (double pct : PERCENTILES) {
        double q = pct / 100.0;
        double value = h.getValueAtPercentile(pct) / ref;
        double half = Z_999 * Math.sqrt(count * q * (1 - q));
        double loPct = Math.max(0.0, (count * q - half) / count * 100.0);
        double hiPct = Math.min(100.0, (count * q + half) / count * 100.0);
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (Double.isFinite(rel) && rel < 1.0) {
          lo = Math.min(value, h.getValueAtPercentile(loPct) / (ref * (1 + rel)));
          hi = Math.max(value, h.getValueAtPercentile(hiPct) / (ref * (1 - rel)));
        }
        String name = String.format(Locale.ROOT, "p%d", (int) pct);
        out.add(new Figure("latency:" + name + ":" + e.getKey(), FigureKind.LATENCY, value, lo, hi,
            null));
      }
    }
    return out;
  }

  /** {serial nanoseconds per item, its relative error} of the word job, if known. */
  static Optional<double[]> serialItemNanos(RunResults run) {
    return run.results().stream()
        .filter(BenchmarkResult::isSerial)
        .filter(r -> r.shortName().toLowerCase(Locale.ROOT).contains("word"))
        .filter(r -> nanosPerUnit(r.unit()) > 0 && r.score() > 0 && Double.isFinite(r.score()))
        .sorted(Comparator.comparing(BenchmarkResult::job))
        .map(r -> {
          long words = words(r, run.metadata().dataset().words());
          if (words <= 0) {
            return null;
          }
          double perItem = r.score() * nanosPerUnit(r.unit()) / words;
          return new double[] {perItem, r.error() / r.score()};
        })
        .filter(x -> x != null)
        .findFirst();
  }

  private static long words(BenchmarkResult r, long datasetWords) {
    for (String p : List.of("words", "items", "size")) {
      String v = r.params().get(p);
      if (v != null) {
        try {
          return Long.parseLong(v.trim());
        } catch (NumberFormatException ignored) {
          // not a count; try the next name
        }
      }
    }
    return datasetWords;
  }

  /** Nanoseconds in one unit of a time-per-op score, or 0 when the unit is not one. */
  static double nanosPerUnit(String unit) {
    return switch (unit) {
      case "s/op" -> 1e9;
      case "ms/op" -> 1e6;
      case "us/op" -> 1e3;
      case "ns/op" -> 1.0;
      default -> 0.0;
    };
  }

  private static String keyTail(BenchmarkResult r) {
    StringBuilder sb = new StringBuilder(r.shortName())
        .append(':').append(r.impl())
        .append(":workers=").append(r.params().get(BenchmarkResult.WORKERS))
        .append(":chunksize=").append(r.chunksize().isEmpty() ? "-" : r.chunksize());
    r.params().forEach((k, v) -> {
      if (!k.equals(BenchmarkResult.IMPL) && !k.equals(BenchmarkResult.WORKERS)
          && !k.equals(BenchmarkResult.CHUNKSIZE)) {
        sb.append(':').append(k).append('=').append(v);
      }
    });
    return sb.toString();
  }

  private static double[] map(double[] xs, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = f.applyAsDouble(xs[i]);
    }
    return out;
  }
}
