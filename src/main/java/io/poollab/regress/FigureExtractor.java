package io.poollab.regress;

import io.poollab.report.BenchmarkResult;
import io.poollab.report.Bootstrap;
import io.poollab.report.ForkData;
import io.poollab.report.Quality;
import io.poollab.report.QualityFlag;
import io.poollab.report.RobustStats;
import io.poollab.report.RunResults;
import io.poollab.report.SerialPairing;
import io.poollab.report.SpeedUp;
import io.poollab.report.SpeedUps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns a run (the report's model) into the figures the regression check compares: ratios
 * measured inside the run, round by round, which survive a change of machine speed.
 *
 * <h2>Figures</h2>
 * <ul>
 *   <li>{@code speedup:KEY}: for every result of the pool ({@code impl} starting {@code POOL_})
 *       with a {@code SERIAL} baseline, the paired speed-up exactly as the report computes it
 *       ({@link SpeedUps#measure}: per round serial median / parallel median, or the median of a
 *       paired fork's per-iteration ratios, the median over rounds, a two-level bootstrap
 *       interval). {@code KEY} is
 *       {@code Class.method:IMPL:workers=W:chunksize=C} followed by {@code :name=value} for every
 *       other param, sorted by name ({@code C} is {@code -} without a chunksize param).</li>
 *   <li>{@code latency:pNN:KEY} ({@code p50}, {@code p99}; see {@link #PERCENTILES} for why not
 *       {@code p90}): for every configuration
 *       whose forks wrote their own latency log ({@code histograms/NAME-forkN.hlog}), per round
 *       the percentile of that fork's histogram divided by the serial per-item time of the same
 *       round (the word job's SERIAL forks of the round: median iteration / words used), then
 *       the median over rounds with a bootstrap interval over rounds. Dividing by the serial
 *       item time lets the figure carry over between machines of one class. A percentile is a
 *       figure only when every round's histogram holds at least {@value #MIN_SAMPLES_BEYOND}
 *       operations on its far side (p50: 20, p99: 1,000); otherwise a note says why.</li>
 * </ul>
 * Disturbed rounds are left out when at least two clean ones remain, as for speed-ups.
 *
 * <pre>{@code
 * List<String> notes = new ArrayList<>();
 * List<Figure> figures = FigureExtractor.extract(RunReader.read(runDir), notes);
 * }</pre>
 */
public final class FigureExtractor {

  /**
   * The percentiles the check gates: the typical operation and the tail. Not p90: a hand-off's
   * latency has modes (no wake-up, about 5 us on the development VM; a wake-up, about 55 us; and
   * one near 25 us), and the p90 falls in whichever mode the tenth-slowest operations landed in.
   * In one baseline run (bq-1) the round trip's p85/p90/p95 were 5.1/6.2/53.9 us in one fork and
   * 33.4/53.1/61.7 us in another; over 13 quick runs of unchanged code its p90 ranged 10.7-62.8
   * serial item times (a factor of 6), its p50 6.2-9.2 and its p99 104-170. Such a figure says
   * which mode won, not how fast the pool hands off; the report still shows it.
   */
  static final double[] PERCENTILES = {50.0, 99.0};

  /**
   * Operations a round's histogram must hold beyond a percentile (and before it) for that
   * percentile to be a figure ({@link RobustStats#MIN_SAMPLES_BEYOND}): with fewer, a p99 is the
   * round's largest sample, whatever the code does (the quick profile's first-result benchmark
   * records about 10 operations a fork).
   */
  static final int MIN_SAMPLES_BEYOND = RobustStats.MIN_SAMPLES_BEYOND;

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
    for (Figure f : speedUpFigures(run, notes)) {
      if (out.putIfAbsent(f.key(), f) != null) {
        notes.add("jmh.json: two results give figure " + f.key() + "; the first is kept");
      }
    }
    for (Figure f : latencyFigures(run, notes)) {
      out.putIfAbsent(f.key(), f);
    }
    return out.values().stream().sorted(Comparator.comparing(Figure::key)).toList();
  }

  /** The speed-up figure of every pool result with a serial baseline and a measurable round. */
  static List<Figure> speedUpFigures(RunResults run, List<String> notes) {
    List<Figure> out = new ArrayList<>();
    int paired = 0;
    // paired as the report pairs them, so the check and the page agree on what has a baseline
    for (SerialPairing p : SpeedUps.pairings(run.results(), run.rounds(), notes)) {
      BenchmarkResult r = p.parallel();
      if (!r.isPool()) {
        continue;
      }
      if (!p.serial().unit().equals(r.unit())) {
        notes.add("jmh.json: " + r.job() + " " + r.impl() + " is in " + r.unit()
            + " but its SERIAL result in " + p.serial().unit() + "; left out");
        continue;
      }
      SpeedUp s = SpeedUps.measure(p, run.metadata().cores());
      if (!s.isFinite()) {
        notes.add("jmh.json: " + r.job() + " " + r.impl() + " workers=" + p.workers()
            + " has no round with both its fork and its SERIAL fork measured; no figure");
        continue;
      }
      out.add(new Figure("speedup:" + keyTail(r.shortName(), r.params()), FigureKind.SPEEDUP,
          s.estimate(), s.quality(), List.of(r.configKey(), p.serial().configKey())));
      if (p.pairs().stream().anyMatch(x -> x.parallel().paired())) {
        paired++;
      }
    }
    if (paired > 0) {
      // said out loud, so a comparison with a baseline (or a build) measured before pairing
      // shows that it also spans a change of method
      notes.add(paired + " of " + out.size() + " speed-up figures come from paired forks (each"
          + " iteration timed beside its own serial job); a run without them pairs whole forks");
    }
    return out;
  }

  /** The latency figures of every configuration whose forks wrote their own histogram. */
  static List<Figure> latencyFigures(RunResults run, List<String> notes) {
    if (run.latencyByFork().isEmpty()) {
      if (!run.latencies().isEmpty()) {
        notes.add("histograms/: the logs are not per fork (no -forkN names), so latency figures"
            + " cannot be measured round by round; none checked");
      }
      return List.of();
    }
    Map<Integer, Double> itemNanosByRound = new TreeMap<>();
    String serialConfig = serialItemNanos(run, itemNanosByRound);
    if (itemNanosByRound.isEmpty()) {
      notes.add("jmh.json: no SERIAL word-job fork with a time per op, so latency figures have no"
          + " per-item unit; none checked");
      return List.of();
    }
    Map<String, List<ForkData>> byConfig = new LinkedHashMap<>();
    for (ForkData f : run.rounds().forks()) {
      if (f.kept() && f.usable() && run.latencyByFork().containsKey(f.id())) {
        byConfig.computeIfAbsent(f.configKey(), k -> new ArrayList<>()).add(f);
      }
    }
    List<Figure> out = new ArrayList<>();
    for (List<ForkData> forks : byConfig.values()) {
      List<ForkData> measurable = forks.stream().filter(f -> itemNanosByRound.containsKey(f.round())).toList();
      List<ForkData> clean = measurable.stream().filter(f -> !f.disturbed()).toList();
      List<ForkData> use = clean.size() >= 2 ? clean : measurable;
      if (use.isEmpty()) {
        continue;
      }
      ForkData first = use.get(0);
      String tail = keyTail(shortName(first.benchmark()), first.params());
      long fewest = use.stream().mapToLong(f -> run.latencyByFork().get(f.id()).getTotalCount()).min().orElse(0);
      for (double pct : PERCENTILES) {
        String key = "latency:p" + (int) pct + ":" + tail;
        long needed = samplesNeeded(pct);
        if (fewest < needed) {
          notes.add(key + ": a round recorded only " + fewest + " operations; a p" + (int) pct
              + " needs at least " + needed + " (" + MIN_SAMPLES_BEYOND + " on its far side), so it is not checked");
          continue;
        }
        List<Bootstrap.Point> rounds = new ArrayList<>();
        for (ForkData f : use) {
          Histogram h = run.latencyByFork().get(f.id());
          rounds.add(new Bootstrap.Point(h.getValueAtPercentile(pct) / itemNanosByRound.get(f.round())));
        }
        Bootstrap.Estimate e = Bootstrap.medianOverRounds(rounds, Bootstrap.seedOf(key));
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (use.size() == 1) {
          flags.add(QualityFlag.ONE_ROUND);
        }
        if (use.size() > 1 && e.relativeHalfWidth() > SpeedUps.NOISY_ABOVE) {
          flags.add(QualityFlag.NOISY);
        }
        if (use.stream().anyMatch(ForkData::disturbed)) {
          flags.add(QualityFlag.DISTURBED);
        }
        out.add(new Figure(key, FigureKind.LATENCY, e,
            new Quality(use.size(), measurable.size() - use.size(), 0, 0, flags),
            List.of(first.configKey(), serialConfig)));
      }
    }
    return out;
  }

  /** Operations a histogram needs for {@code pct} to have {@link #MIN_SAMPLES_BEYOND} on its far side. */
  static long samplesNeeded(double pct) {
    return RobustStats.samplesNeeded(pct);
  }

  /**
   * Fills the serial word job's time per item in each round (the median over the round's kept
   * SERIAL forks of a benchmark whose name holds "word", the first such configuration by key), and
   * returns that configuration's key.
   */
  private static String serialItemNanos(RunResults run, Map<Integer, Double> byRound) {
    long words = run.metadata().dataset().wordsUsed();
    if (words <= 0) {
      return "";
    }
    Map<String, List<ForkData>> serials = new TreeMap<>();
    for (ForkData f : run.rounds().forks()) {
      if (f.kept() && f.usable() && "SERIAL".equals(f.impl())
          && f.benchmark().toLowerCase(Locale.ROOT).contains("word") && nanosPerUnit(f.unit()) > 0) {
        serials.computeIfAbsent(f.configKey(), k -> new ArrayList<>()).add(f);
      }
    }
    if (serials.isEmpty()) {
      return "";
    }
    Map.Entry<String, List<ForkData>> chosen = serials.entrySet().iterator().next();
    Map<Integer, List<Double>> perRound = new TreeMap<>();
    for (ForkData f : chosen.getValue()) {
      perRound.computeIfAbsent(f.round(), k -> new ArrayList<>())
          .add(RobustStats.median(f.iterations()) * nanosPerUnit(f.unit()) / words);
    }
    perRound.forEach((round, values) -> {
      double median = RobustStats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
      if (median > 0 && Double.isFinite(median)) {
        byRound.put(round, median);
      }
    });
    return chosen.getKey();
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

  /** {@code Class.method:IMPL:workers=W:chunksize=C:other=params...} */
  static String keyTail(String shortName, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(shortName)
        .append(':').append(params.getOrDefault(BenchmarkResult.IMPL, ""))
        .append(":workers=").append(params.getOrDefault(BenchmarkResult.WORKERS, "-"))
        .append(":chunksize=").append(params.getOrDefault(BenchmarkResult.CHUNKSIZE, "-"));
    new TreeMap<>(params).forEach((k, v) -> {
      if (!k.equals(BenchmarkResult.IMPL) && !k.equals(BenchmarkResult.WORKERS)
          && !k.equals(BenchmarkResult.CHUNKSIZE)) {
        sb.append(':').append(k).append('=').append(v);
      }
    });
    return sb.toString();
  }

  private static String shortName(String benchmark) {
    int dot = benchmark.lastIndexOf('.');
    int classDot = dot < 0 ? -1 : benchmark.lastIndexOf('.', dot - 1);
    return benchmark.substring(classDot + 1);
  }
}
