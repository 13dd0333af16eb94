package io.poollab.report;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The words a chart shows a reader: an implementation's name as a user calls it ({@code map},
 * {@code ForkJoin parallel stream}, {@code Python Pool.map}) rather than its enum constant, and a
 * configuration as {@code map, 2 workers, chunksize 1000} rather than a JMH param string. Charts
 * are read by people deciding how to call the pool; the raw keys stay in the tables.
 *
 * <pre>{@code
 * ChartLabels.impl("POOL_IMAP_UNORDERED");                         // imap_unordered
 * ChartLabels.config("POOL_MAP", "PLATFORM", 2, "default", false); // map, 2 workers, chunksize default
 * ChartLabels.backend("CLUSTER", 2);                               // 2 member processes
 * }</pre>
 */
public final class ChartLabels {

  /** Implementations that start one virtual thread per task: their {@code workers} param is no worker count. */

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("SERIAL", "serial loop"),
      Map.entry("POOL_MAP", "map"),
      Map.entry("POOL_MAP_ASYNC", "map_async"),
      Map.entry("POOL_IMAP", "imap"),
      Map.entry("POOL_IMAP_UNORDERED", "imap_unordered"),
      Map.entry("POOL_APPLY_ASYNC", "apply_async"),
      Map.entry("POOL_STARMAP", "starmap"),
      Map.entry("FORKJOIN_STREAM", "ForkJoin parallel stream"),
      Map.entry("EXECUTOR_INVOKE_ALL", "ExecutorService.invokeAll"),
      Map.entry("EXECUTOR_SUBMIT", "ExecutorService.submit"),
      Map.entry("HAND_WRITTEN_IDEAL", "hand-written ideal"),
      Map.entry("PARALLEL_COLLECTORS", "parallel-collectors"),
      Map.entry("VIRTUAL_PER_TASK", "virtual thread per task"),
      Map.entry("PY_SERIAL", "Python serial loop"),
      Map.entry("PY_POOL_MAP", "Python Pool.map"),
      Map.entry("PY_POOL_IMAP", "Python Pool.imap"),
      Map.entry("PY_POOL_IMAP_UNORDERED", "Python Pool.imap_unordered"),
      Map.entry("PY_THREADPOOL_MAP", "Python ThreadPool.map"),
      Map.entry("CLUSTER_APPLY_ASYNC", "apply_async on member processes (cluster)"));

  /** What a latency benchmark method measures, by {@code Class.method}. */
  private static final Map<String, String> LATENCY = Map.of(
      "FirstResultBenchmark.firstResult", "Time to the first result",
      "TaskLatencyBenchmark.latencyUnderLoad", "Task latency under load (submission to end of task)",
      "RoundTripLatencyBenchmark.applyAsyncRoundTrip", "apply_async round trip, idle pool",
      "StreamingBenchmark.stream", "Streaming input: time to the first result");

  private ChartLabels() {}

  /**
   * An implementation's name as a user knows it.
   *
   * @param impl the {@code impl} param ({@code POOL_MAP}, {@code PY_POOL_MAP}, ...)
   * @return the readable name; an unknown impl lower-cased with spaces
   */
  public static String impl(String impl) {
    String known = NAMES.get(impl);
    return known != null ? known : impl.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Whether an implementation has no worker count: it starts one virtual thread per task, so
   * its {@code workers} param only says how many tasks ran at once (all of them), and speed-up per
   * worker means nothing.
   *
   * @param impl the {@code impl} param
   * @return true for {@code VIRTUAL_PER_TASK} and its kind
   */
  public static boolean perTask(String impl) {
    return SpeedUp.perTask(impl);
  }

  /**
   * A backend as a reader says it.
   *
   * @param backend {@code PLATFORM}, {@code VIRTUAL}, {@code CLUSTER}, {@code PROCESS} or
   *     {@code THREAD}
   * @return e.g. {@code platform threads}, {@code member processes}
   */
  public static String backend(String backend) {
    return switch (backend) {
      case "PLATFORM" -> "platform threads";
      case "VIRTUAL" -> "virtual threads";
      case "CLUSTER" -> "member processes";
      case "PROCESS" -> "processes";
      case "THREAD" -> "threads";
      default -> backend.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * A backend with its member processes, when it has them.
   *
   * @param backend the backend
   * @param members the member processes of a {@code CLUSTER} backend; 0 when none or unknown
   * @return e.g. {@code 2 member processes}, {@code 1 member process}; else {@link #backend(String)}
   */
  public static String backend(String backend, int members) {
    if (!BenchmarkResult.CLUSTER.equals(backend) || members < 1) {
      return backend(backend);
    }
    return members + (members == 1 ? " member process" : " member processes");
  }

  /**
   * A configuration: implementation, worker count (none for a per-task impl) and chunksize.
   *
   * @param impl the implementation
   * @param backend the backend, named only when {@code withBackend}
   * @param workers the worker count
   * @param chunksize the chunksize as written ({@code ""}: none)
   * @param withBackend whether to name the backend (when a chart holds both)
   * @return e.g. {@code map, 2 workers, chunksize default, virtual threads}
   */
  public static String config(String impl, String backend, int workers, String chunksize, boolean withBackend) {
    return config(impl, backend, 0, workers, chunksize, withBackend);
  }

  /**
   * A configuration whose backend may be member processes.
   *
   * @param impl the implementation
   * @param backend the backend, named only when {@code withBackend}
   * @param members the member processes of a {@code CLUSTER} backend (0: none or unknown)
   * @param workers the worker count
   * @param chunksize the chunksize as written ({@code ""}: none)
   * @param withBackend whether to name the backend (when a chart holds several)
   * @return e.g. {@code map, 100 workers, chunksize default, 2 member processes}
   */
  public static String config(String impl, String backend, int members, int workers, String chunksize,
      boolean withBackend) {
    StringBuilder sb = new StringBuilder(impl(impl));
    if (!perTask(impl) && !impl.equals("SERIAL") && !impl.equals("PY_SERIAL")) {
      sb.append(", ").append(workers).append(workers == 1 ? " worker" : " workers");
    }
    if (!chunksize.isEmpty() && !perTask(impl)) {
      sb.append(", chunksize ").append(chunksize);
    }
    // Python's backend is in its name (Pool, ThreadPool); so is a per-task impl's (virtual thread)
    if (withBackend && !impl.startsWith("PY_") && !perTask(impl)) {
      sb.append(", ").append(backend(backend, members));
    }
    return sb.toString();
  }

  /**
   * A speed-up's configuration.
   *
   * @param s the speed-up
   * @param withBackend whether to name the backend
   * @return see {@link #config(String, String, int, String, boolean)}
   */
  public static String config(SpeedUp s, boolean withBackend) {
    return config(s.impl(), s.backend(), s.members(), s.workers(), s.chunksize(), withBackend);
  }

  /**
   * A job as a reader says it: the task and its cost when the benchmark has them, else the
   * benchmark and its workload params.
   *
   * @param job the job ({@link BenchmarkResult#job()})
   * @param params the params of one of its results
   * @return e.g. {@code sleep tasks of 5 ms}, {@code CPU tasks of 100 µs} or {@code WordJobBenchmark.hashAll hashing=NEW_DIGEST}
   */
  public static String job(String job, Map<String, String> params) {
    String task = params.get("task");
    String cost = params.get("costMicros");
    if (task == null || cost == null || !cost.matches("\\d+")) {
      return job;
    }
    long micros = Long.parseLong(cost);
    String c = micros >= 1000 && micros % 1000 == 0 ? micros / 1000 + " ms" : micros + " µs";
    // CPU is an acronym; sleep and loopback are words
    String t = task.equalsIgnoreCase("CPU") ? "CPU" : task.toLowerCase(Locale.ROOT);
    return t + " tasks of " + c;
  }

  /**
   * A chart title's job: in words when the benchmark names its task, with the benchmark after it.
   *
   * @param job the job
   * @param params the params of one of its results
   * @return e.g. {@code sleep tasks of 5 ms (CpuIoBenchmark.runAll)}, else the job
   */
  public static String jobTitle(String job, Map<String, String> params) {
    String words = job(job, params);
    return words.equals(job) ? job : words + " (" + job.split(" ")[0] + ")";
  }

  /**
   * A latency log's name, {@code Class.method-key=value-...} (or an older {@code method-IMPL}),
   * split into what it measures and the configuration.
   *
   * @param logName the log name, without {@code .hlog} and fork suffix
   * @return the kind of latency (the chart it belongs in) and the legend of its curve
   */
  public static LatencyName latency(String logName) {
    String[] parts = logName.split("-");
    SortedMap<String, String> params = new TreeMap<>();
    String legacyImpl = "";
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      } else {
        legacyImpl = parts[i];
      }
    }
    String method = parts[0];
    String impl = params.getOrDefault(BenchmarkResult.IMPL, legacyImpl);
    StringBuilder kind = new StringBuilder(LATENCY.getOrDefault(method, "Latency: " + method));
    StringBuilder workload = new StringBuilder();
    params.forEach((k, v) -> {
      if (!BenchmarkResult.isConfiguration(k)) {
        workload.append(workload.isEmpty() ? "" : ", ").append(workloadParam(k, v));
      }
    });
    if (!workload.isEmpty()) {
      kind.append(" (").append(workload).append(')');
    }
    String w = params.get(BenchmarkResult.WORKERS);
    int workers = w != null && w.matches("\\d+") ? Integer.parseInt(w) : 0;
    String legend = impl.isEmpty() ? method
        : workers > 0 ? config(impl, params.getOrDefault(BenchmarkResult.BACKEND, ""),
            BenchmarkResult.members(params), workers, params.getOrDefault(BenchmarkResult.CHUNKSIZE, ""),
            params.containsKey(BenchmarkResult.BACKEND))
        : impl(impl);
    // the method without its class: ids such as latency-firstresult, latency-stream-intervalmicros-100-items-1000
    String shortMethod = method.substring(method.lastIndexOf('.') + 1);
    StringBuilder key = new StringBuilder(shortMethod);
    params.forEach((k, v) -> {
      if (!BenchmarkResult.isConfiguration(k)) {
        key.append(' ').append(k).append('=').append(v);
      }
    });
    return new LatencyName(key.toString(), kind.toString(), legend);
  }

  private static String workloadParam(String key, String value) {
    if (key.equals("intervalMicros") && value.matches("\\d+")) {
      return "an item every " + Streaming.interval(Long.parseLong(value));
    }
    return key.equals("items") ? value + " items" : key + " " + value;
  }

  /**
   * A latency log's name read for a chart.
   *
   * @param key what groups logs into one chart: the method (without its class) and its workload
   *     params, e.g. {@code stream intervalMicros=100 items=1000}
   * @param title what the chart measures, in words
   * @param legend the curve's legend: the configuration
   */
  public record LatencyName(String key, String title, String legend) {}
}
