package io.poollab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The tables of a run's page, built from the model with fixed formatting ({@link Locale#ROOT}).
 *
 * <pre>{@code
 * Table results = Tables.results(run);
 * }</pre>
 */
public final class Tables {

  private Tables() {}

  /**
   * Every JMH result: the median of its forks' medians with their range, the forks and
   * iterations behind it, outlying iterations, and what the garbage collector cost.
   *
   * @param run the run
   * @return the results table
   */
  public static Table results(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkResult r : run.results()) {
      ForkStats f = ForkStats.of(run.rounds().keptForks(r.configKey()));
      rows.add(List.of(r.shortName(), params(r.params()), num(f.median(), 3),
          f.forks() == 0 ? "-" : num(f.lowest(), 3) + " .. " + num(f.highest(), 3), r.unit(),
          Integer.toString(f.forks()), f.iterations() == 0 ? "-" : f.outliers() + "/" + f.iterations(),
          Double.isFinite(f.gcShare())
              ? num(f.gcShare() * f.median(), 3) + " (" + num(100 * f.gcShare(), 1) + "%)" : "-",
          Double.isFinite(f.allocBytesPerOp()) ? num(f.allocBytesPerOp() / (1024 * 1024), 1) + " MB" : "-"));
    }
    return new Table("results", "Every result (median over forks of each fork's median iteration)",
        List.of("benchmark", "params", "median", "forks' range", "unit", "forks", "outliers",
            "GC time per op (share)", "allocated/op"), rows);
  }

  /**
   * Every speed-up (JMH, then Python): the median over rounds with its 95% interval, efficiency,
   * the rounds behind it and its flags.
   *
   * @param run the run
   * @return the speed-up table
   */
  public static Table speedUps(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (SpeedUp s : run.speedUps()) {
      rows.add(List.of(s.python() ? "Python: " + s.job() : s.job(), s.impl(), s.backend(),
          Integer.toString(s.workers()), s.chunksize().isEmpty() ? "-" : s.chunksize(),
          suffix(num(s.value(), 2), "x"), interval(s.low(), s.high(), 2),
          suffix(num(100 * s.efficiency(), 0), "%"),
          s.python() ? (s.quality().flags().contains(QualityFlag.ONE_ROUND) ? "1 run" : "3+ runs")
              : s.quality().data(),
          s.quality().describe()));
    }
    return new Table("speedups", "Speed-up over the serial baseline (serial time / parallel time,"
            + " paired round by round; median over rounds, 95% bootstrap interval)",
        List.of("job", "impl", "backend", "workers", "chunksize", "speed-up", "95% interval",
            "efficiency", "data", "flags"),
        rows);
  }

  /** {@code [1.85, 1.97]}, or {@code n/a} when unknown. */
  static String interval(double low, double high, int decimals) {
    return Double.isFinite(low) && Double.isFinite(high) ? "[" + num(low, decimals) + ", " + num(high, decimals) + "]" : "n/a";
  }

  /**
   * Python's reference results, when present.
   *
   * @param run the run
   * @return the Python table (no rows when the run has none)
   */
  public static Table python(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    run.python().ifPresent(p -> p.results().forEach(r -> rows.add(List.of(r.impl(), r.workload(),
        Integer.toString(r.workers()), r.chunksize(), num(r.medianSeconds(), 3),
        Integer.toString(r.samplesSeconds().size())))));
    String title = run.python().map(p -> "Python " + p.python() + " reference (" + p.cores() + " cores)")
        .orElse("Python reference");
    return new Table("python", title,
        List.of("impl", "workload", "workers", "chunksize", "median (s)", "samples"), rows);
  }

  /**
   * Latency percentiles of each histogram, in microseconds.
   *
   * @param run the run
   * @return the latency table
   */
  public static Table latencies(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : run.latencies().entrySet()) {
      Histogram h = e.getValue();
      List<String> row = new ArrayList<>();
      row.add(e.getKey());
      row.add(Long.toString(h.getTotalCount()));
      for (double p : new double[] {50, 90, 99, 99.9}) {
        row.add(num(h.getValueAtPercentile(p) / 1000.0, 1));
      }
      row.add(num(h.getMaxValue() / 1000.0, 1));
      rows.add(row);
    }
    return new Table("latency", "Latency percentiles (µs)",
        List.of("histogram", "count", "p50", "p90", "p99", "p99.9", "max"), rows);
  }

  /**
   * Where and how the run ran.
   *
   * @param run the run
   * @return two columns: field and value
   */
  public static Table metadata(RunResults run) {
    RunMetadata m = run.metadata();
    List<List<String>> rows = List.of(
        List.of("run", run.name()),
        List.of("started at", m.startedAt()),
        List.of("machine class", m.machineClass()),
        List.of("CPU", m.cpuModel()),
        List.of("cores", m.cores() == 0 ? RunMetadata.UNKNOWN : Integer.toString(m.cores())),
        List.of("memory", m.memoryBytes() == 0 ? RunMetadata.UNKNOWN
            : String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (1024.0 * 1024 * 1024))),
        List.of("OS", m.os()),
        List.of("JVM", m.jvm()),
        List.of("JVM flags", m.jvmFlags().isEmpty() ? "(none)" : String.join(" ", m.jvmFlags())),
        List.of("commit", m.commit()),
        List.of("profile", m.profile()),
        List.of("protocol", protocol(run)),
        List.of("dataset", m.dataset().path()),
        List.of("dataset words", m.dataset().words() == 0 ? RunMetadata.UNKNOWN
            : m.dataset().wordsUsed() > 0 && m.dataset().wordsUsed() < m.dataset().words()
                ? m.dataset().wordsUsed() + " used of " + m.dataset().words()
                : Long.toString(m.dataset().words())),
        List.of("dataset SHA-256", m.dataset().sha256()));
    return new Table("machine", "Machine and configuration", List.of("field", "value"), rows);
  }

  /**
   * The run's protocol in one line, e.g. {@code 4 interleaved rounds (seed 42); 3 of 52 groups
   * disturbed, re-run; 0 still disturbed}.
   *
   * @param run the run
   * @return the line
   */
  public static String protocol(RunResults run) {
    Rounds r = run.rounds();
    if (!r.recorded()) {
      return r.planned() + (r.planned() == 1 ? " fork" : " forks") + " per configuration"
          + " (no rounds.json: forks paired by position; nothing known about disturbance)";
    }
    long groups = r.forks().stream().filter(f -> f.attempt() == 1).map(f -> f.round() + "." + f.group())
        .distinct().count();
    return r.planned() + " interleaved rounds (seed " + r.seed() + "); " + r.disturbedGroups() + " of "
        + groups + " groups disturbed" + (r.rerunGroups() > 0 ? ", " + r.rerunGroups() + " re-run" : "")
        + "; " + r.stillDisturbed() + " still disturbed";
  }

  static String params(Map<String, String> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static String num(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "NaN";
  }

  private static String suffix(String number, String unit) {
    return number.equals("NaN") ? number : number + unit;
  }

  static String error(double v, int decimals) {
    return Double.isFinite(v) ? "± " + String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
  }
}
