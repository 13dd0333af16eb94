package io.poollab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;
import org.openjdk.jmh.util.Version;

/**
 * Writes JMH's JSON result format from fork records, so a run's {@code jmh.json} stays readable
 * by JMH's own tools (JMH Visualizer, jmh-result comparisons) although the lab runs each fork on
 * its own, round after round.
 *
 * <p>One result per benchmark and params, holding all its kept forks in execution order
 * ({@code rawData[k]} is the k-th fork's iterations). As JMH does: the score is the mean of all
 * iterations, the error the half-width of a Student-t 99.9% interval of that mean (NaN with one
 * iteration), percentiles of all iterations. The lab's own statistics (per-round pairs, medians,
 * bootstrap intervals) come from {@code rounds.json}, not from these fields.
 *
 * <pre>{@code
 * String json = JmhJson.write(log.keptForks());
 * }</pre>
 */
public final class JmhJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

  private JmhJson() {}

  /**
   * The JSON result list of some forks.
   *
   * @param forks successful forks, in execution order (failed ones are skipped)
   * @return JMH's JSON, pretty-printed, ending with a newline
   */
  public static String write(List<ForkRecord> forks) {
    Map<String, List<ForkRecord>> byResult = new LinkedHashMap<>();
    for (ForkRecord f : forks) {
      if (f.succeeded()) {
        byResult.computeIfAbsent(f.entry().benchmark() + '\u0000' + f.entry().params(), k -> new ArrayList<>()).add(f);
      }
    }
    ArrayNode out = JSON.createArrayNode();
    byResult.values().forEach(list -> out.add(result(list)));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JMH's JSON", e);
    }
  }

  private static ObjectNode result(List<ForkRecord> forks) {
    ForkRecord first = forks.get(0);
    IterationSettings s = first.entry().settings();
    ForkResult r = first.result();
    ObjectNode node = JSON.createObjectNode();
    node.put("jmhVersion", Version.getPlainVersion());
    node.put("benchmark", first.entry().benchmark());
    node.put("mode", r.mode());
    node.put("threads", 1);
    node.put("forks", forks.size());
    node.put("jvm", r.jvm().path());
    ArrayNode args = node.putArray("jvmArgs");
    first.jvmArgs().stream().filter(a -> !a.startsWith("-D" + BenchInputs.FORK + "=")).forEach(args::add);
    node.put("jdkVersion", r.jvm().jdkVersion());
    node.put("vmName", r.jvm().vmName());
    node.put("vmVersion", r.jvm().vmVersion());
    node.put("warmupIterations", s.warmupIterations());
    node.put("warmupTime", s.warmupTime().toMillis() + " ms");
    node.put("warmupBatchSize", 1);
    node.put("measurementIterations", s.measurementIterations());
    node.put("measurementTime", s.measurementTime().toMillis() + " ms");
    node.put("measurementBatchSize", 1);
    ObjectNode params = node.putObject("params");
    first.entry().params().forEach(params::put);
    List<List<Double>> raw = forks.stream().map(f -> f.result().iterations()).toList();
    node.set("primaryMetric", metric(r.unit(), raw));
    ObjectNode secondary = node.putObject("secondaryMetrics");
    for (String name : r.secondary().keySet()) {
      List<List<Double>> values = forks.stream()
          .map(f -> f.result().secondary().getOrDefault(name, List.of()))
          .toList();
      secondary.set("\u00b7" + name, metric(unitOf(name, r.unit()), values));
    }
    return node;
  }

  private static ObjectNode metric(String unit, List<List<Double>> forks) {
    double[] all = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    ObjectNode m = JSON.createObjectNode();
    double mean = Arrays.stream(all).average().orElse(Double.NaN);
    double error = error(all, mean);
    number(m, "score", mean);
    number(m, "scoreError", error);
    ArrayNode conf = m.putArray("scoreConfidence");
    number(conf, mean - error);
    number(conf, mean + error);
    ObjectNode pct = m.putObject("scorePercentiles");
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    for (double p : PERCENTILES) {
      number(pct, Double.toString(p), percentile(sorted, p));
    }
    m.put("scoreUnit", unit);
    ArrayNode raw = m.putArray("rawData");
    for (List<Double> fork : forks) {
      ArrayNode f = raw.addArray();
      fork.forEach(v -> number(f, v));
    }
    return m;
  }

  /** JMH's score error: the half-width of the Student-t 99.9% interval of the mean. */
  static double error(double[] xs, double mean) {
    int n = xs.length;
    if (n < 2) {
      return Double.NaN;
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    return TDistribution.of(n - 1).inverseCumulativeProbability(1 - 0.001 / 2) * sd / Math.sqrt(n);
  }

  /** The percentile as JMH's Statistics computes it (the "R-7" estimate over sorted values). */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static String unitOf(String metric, String primaryUnit) {
    return switch (metric) {
      case ForkResult.GC_TIME -> "ms";
      case ForkResult.GC_COUNT -> "counts";
      case ForkResult.ALLOC_PER_OP -> "B/op";
      case "gc.alloc.rate" -> "MB/sec";
      default -> primaryUnit;
    };
  }

  /** JMH writes NaN and infinities as strings. */
  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.put(field, Double.toString(v));
    }
  }

  private static void number(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.add(Double.toString(v));
    }
  }
}
