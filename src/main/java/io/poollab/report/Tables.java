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
   * Every JMH result with its score, error and unit.
   *
   * @param run the run
   * @return the results table
   */
  public static Table results(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (BenchmarkResult r : run.results()) {
      rows.add(List.of(r.shortName(), r.mode(), params(r.params()), num(r.score(), 3),
          error(r.error(), 3), r.unit(), Integer.toString(r.samples().size())));
    }
    return new Table("results", "Every result",
        List.of("benchmark", "mode", "params", "score", "error (99.9%)", "unit", "samples"), rows);
  }

  /**
   * Every speed-up (JMH, then Python) with its error and efficiency.
   *
   * @param run the run
   * @return the speed-up table
   */
  public static Table speedUps(RunResults run) {
    List<List<String>> rows = new ArrayList<>();
    for (SpeedUp s : run.speedUps()) {
      rows.add(List.of(s.python() ? "Python: " + s.job() : s.job(), s.impl(), s.backend(),
          Integer.toString(s.workers()), s.chunksize().isEmpty() ? "-" : s.chunksize(),
          suffix(num(s.value(), 2), "x"), error(s.error(), 2), suffix(num(100 * s.efficiency(), 0), "%")));
    }
    return new Table("speedups", "Speed-up over the serial baseline (serial time / parallel time)",
        List.of("job", "impl", "backend", "workers", "chunksize", "speed-up", "error", "efficiency"),
        rows);
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
        List.of("dataset", m.dataset().path()),
        List.of("dataset words", m.dataset().words() == 0 ? RunMetadata.UNKNOWN
            : Long.toString(m.dataset().words())),
        List.of("dataset SHA-256", m.dataset().sha256()));
    return new Table("machine", "Machine and configuration", List.of("field", "value"), rows);
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
