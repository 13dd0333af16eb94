package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The streaming benchmark's figures of a run: for each paced input and implementation, the time
 * to the first result (from the run's latency logs), the throughput against the input's
 * rate, and Python's figures over the same paced generator beside them.
 *
 * <p>A result is a streaming one when it has an {@value #INTERVAL} param (item {@code i} of its
 * input is handed over {@code i} intervals after the call starts) and an {@value #ITEMS} param.
 * The target for a pool's first result is one interval plus one task's time; one task's time is
 * what the {@code SERIAL} loop over the same input took to its first result in the same run (its
 * first item comes at once). The throughput is {@code (items - 1) / stream time}: the input hands
 * its items over in {@code items - 1} intervals, so a consumer that keeps up reaches the input's
 * rate, one item per interval, and one that starts late or falls behind stays below it.
 *
 * <pre>{@code
 * for (Streaming.Row r : Streaming.rows(RunReader.read(runDir))) {
 *   System.out.printf("%s every %d us: first result %.0f us, %.0f items/s%n",
 *       r.impl(), r.intervalMicros(), r.firstP50Micros(), r.throughputPerSecond());
 * }
 * }</pre>
 */
public final class Streaming {

  /** The param that marks a paced input: the time between two items, microseconds. */
  public static final String INTERVAL = "intervalMicros";

  /** The param naming the items of one stream. */
  public static final String ITEMS = "items";

  /**
   * First results a histogram needs for its p99 to be shown: ten beyond it, the rule the
   * regression check applies to percentiles (with fewer, the p99 is about the largest sample).
   */
  public static final long P99_SAMPLES = RobustStats.samplesNeeded(99);

  private static final List<String> IMPL_ORDER = List.of("SERIAL", "POOL_IMAP", "POOL_IMAP_UNORDERED");

  private Streaming() {}

  /**
   * One implementation over one paced input: the JMH figures and Python's beside them. A figure
   * that was not measured is NaN.
   *
   * @param intervalMicros the time between two items, microseconds
   * @param items items per stream
   * @param impl the implementation as JMH names it ({@code SERIAL}, {@code POOL_IMAP}, {@code
   *     POOL_IMAP_UNORDERED}); Python's {@code PY_} impls are matched to these
   * @param workers the worker count (1 for the serial loop)
   * @param chunksize the chunksize as written ({@code -} when only Python measured it)
   * @param firstResults how many first results the latency logs hold (0: none)
   * @param firstP50Micros the median time to the first result, microseconds
   * @param firstP99Micros its 99th percentile, NaN with fewer than {@link #P99_SAMPLES}
   * @param taskMicros one task's time: the SERIAL loop's median first result over this input
   * @param streamMillis one stream's time (median over forks of each fork's median), ms
   * @param pythonFirstMicros Python's median time to the first result, microseconds
   * @param pythonThroughputPerSecond Python's throughput, items per second
   */
  public record Row(
      long intervalMicros,
      int items,
      String impl,
      int workers,
      String chunksize,
      long firstResults,
      double firstP50Micros,
      double firstP99Micros,
      double taskMicros,
      double streamMillis,
      double pythonFirstMicros,
      double pythonThroughputPerSecond) {

    /** Checks the fields. */
    public Row {
      Objects.requireNonNull(impl, "impl");
      Objects.requireNonNull(chunksize, "chunksize");
      if (intervalMicros < 1) {
        throw new IllegalArgumentException("intervalMicros must be >= 1, was " + intervalMicros);
      }
    }

    /**
     * The input's rate.
     *
     * @return items per second, one per interval
     */
    public double inputPerSecond() {
      return 1e6 / intervalMicros;
    }

    /**
     * The target for the first result: one interval plus one task's time (the interval alone when
     * the run has no SERIAL first result over this input).
     *
     * @return microseconds
     */
    public double targetMicros() {
      return intervalMicros + (Double.isFinite(taskMicros) ? taskMicros : 0);
    }

    /**
     * Whether the median first result came within the target; only asked of the pool.
     *
     * @return {@code yes}, {@code no}, or {@code -} for the serial loop and unmeasured rows
     */
    public String withinTarget() {
      if (!impl.startsWith("POOL_") || !Double.isFinite(firstP50Micros)) {
        return "-";
      }
      return firstP50Micros <= targetMicros() ? "yes" : "no";
    }

    /**
     * The throughput: {@code (items - 1)} per second of the stream's time; at most the input's
     * rate, which a consumer that keeps up reaches.
     *
     * @return items per second, NaN when the stream was not measured
     */
    public double throughputPerSecond() {
      return items >= 2 && streamMillis > 0 ? (items - 1) / (streamMillis / 1e3) : Double.NaN;
    }
  }

  /**
   * Whether a configuration runs over a paced input.
   *
   * @param params its params
   * @return true when it has an {@value #INTERVAL} param
   */
  public static boolean isPaced(Map<String, String> params) {
    return params.containsKey(INTERVAL);
  }

  /**
   * The rows of a run: every streaming JMH result and every streaming Python result, matched by
   * interval, implementation and workers (any for the serial loop); ordered by interval, then
   * SERIAL, POOL_IMAP, POOL_IMAP_UNORDERED.
   *
   * @param run the run
   * @return the rows, empty when the run measured no paced input
   */
  public static List<Row> rows(RunResults run) {
    Map<Long, Double> taskByInterval = new LinkedHashMap<>();
    List<BenchmarkResult> streams = new ArrayList<>();
    for (BenchmarkResult r : run.results()) {
      long interval = longParam(r.params().get(INTERVAL));
      if (interval < 1 || r.workers().isEmpty()) {
        continue;
      }
      streams.add(r);
      Histogram h = run.latencies().get(r.latencyLogName());
      if (r.isSerial() && h != null && h.getTotalCount() > 0) {
        taskByInterval.putIfAbsent(interval, h.getValueAtPercentile(50) / 1e3);
      }
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (BenchmarkResult r : streams) {
      long interval = longParam(r.params().get(INTERVAL));
      Histogram h = run.latencies().get(r.latencyLogName());
      long count = h == null ? 0 : h.getTotalCount();
      double p50 = count == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1e3;
      double p99 = count < P99_SAMPLES ? Double.NaN : h.getValueAtPercentile(99) / 1e3;
      double stream = ForkStats.of(run.rounds().keptForks(r.configKey())).median()
          * ForkStats.millisPerUnit(r.unit());
      int workers = r.workers().getAsInt();
      int items = (int) Math.max(0, longParam(r.params().get(ITEMS)));
      rows.putIfAbsent(key(interval, r.impl(), r.isSerial() ? 1 : workers),
          new Row(interval, items, r.impl(), workers, r.chunksize(), count, p50, p99,
              taskByInterval.getOrDefault(interval, Double.NaN), stream, Double.NaN, Double.NaN));
    }
    run.python().ifPresent(py -> {
      for (PythonResult p : py.results()) {
        if (!p.isStream()) {
          continue;
        }
        String impl = p.impl().startsWith("PY_") ? p.impl().substring(3) : p.impl();
        String key = key(p.intervalMicros(), impl, p.isSerial() ? 1 : p.workers());
        Row java = rows.get(key);
        double first = p.firstResultMedianSeconds() * 1e6;
        double throughput = p.throughputItemsPerSecond();
        rows.put(key, java == null
            ? new Row(p.intervalMicros(), p.items(), impl, p.workers(), "-", 0, Double.NaN, Double.NaN,
                taskByInterval.getOrDefault(p.intervalMicros(), Double.NaN), Double.NaN, first, throughput)
            : new Row(java.intervalMicros(), java.items(), java.impl(), java.workers(), java.chunksize(),
                java.firstResults(), java.firstP50Micros(), java.firstP99Micros(), java.taskMicros(),
                java.streamMillis(), first, throughput));
      }
    });
    return rows.values().stream()
        .sorted(Comparator.comparingLong(Row::intervalMicros)
            .thenComparingInt(r -> order(r.impl()))
            .thenComparing(Row::impl)
            .thenComparingInt(Row::workers))
        .toList();
  }

  /**
   * An interval as people read it: {@code 100 µs}, {@code 10 ms}.
   *
   * @param micros the interval in microseconds
   * @return the text
   */
  public static String interval(long micros) {
    return micros % 1000 == 0 ? micros / 1000 + " ms" : micros + " µs";
  }

  private static int order(String impl) {
    int i = IMPL_ORDER.indexOf(impl);
    return i < 0 ? IMPL_ORDER.size() : i;
  }

  private static String key(long interval, String impl, int workers) {
    return interval + "/" + impl + "/" + workers;
  }

  private static long longParam(String v) {
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
