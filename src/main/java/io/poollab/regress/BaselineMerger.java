package io.poollab.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poollab.report.RunReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the {@code jmh.json} of several runs of one machine class into one baseline, so that
 * the baseline knows how much a figure drifts from run to run (load on a shared machine, turbo,
 * thermal state), not only within one run.
 *
 * <p>Each result (same benchmark, mode and params) keeps every run's forks: the runs' {@code
 * rawData} arrays are concatenated, fork after fork, in the order the runs are given, so a serial
 * fork still pairs with the parallel fork of the same run. The score is the mean of all samples.
 * The error is the <em>envelope</em> of the runs' intervals: the smallest half-width around the new
 * score that covers every run's {@code score ± scoreError}, so run-to-run drift reads as noise
 * rather than shrinking with the number of samples. Every other field comes from the first run
 * that has the result. The files are already validated by {@link CheckInput#load}.
 *
 * <pre>{@code
 * String merged = BaselineMerger.mergeJmh(List.of(runA, runB, runC));
 * }</pre>
 */
public final class BaselineMerger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BaselineMerger() {}

  /**
   * Merges the runs' result lists.
   *
   * @param runDirs run folders, each with a readable {@code jmh.json}
   * @return the merged JMH JSON result list, pretty-printed
   * @throws CheckInputException when a file cannot be read as a JSON array
   */
  public static String mergeJmh(List<Path> runDirs) {
    Map<String, List<JsonNode>> byResult = new LinkedHashMap<>();
    for (Path dir : runDirs) {
      Path file = dir.resolve(RunReader.JMH_JSON);
      JsonNode root;
      try {
        root = JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new CheckInputException("run " + dir + ": cannot read " + file + ": " + e.getMessage());
      }
      if (root == null || !root.isArray()) {
        throw new CheckInputException("run " + dir + ": " + file + " is not a JSON array");
      }
      for (JsonNode entry : root) {
        String id = entry.path("benchmark").asText() + '\u0000' + entry.path("mode").asText()
            + '\u0000' + entry.path("params");
        byResult.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
      }
    }
    ArrayNode out = JSON.createArrayNode();
    for (List<JsonNode> entries : byResult.values()) {
      out.add(merge(entries));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the merged baseline", e);
    }
  }

  private static JsonNode merge(List<JsonNode> entries) {
    ObjectNode first = entries.get(0).deepCopy();
    if (entries.size() == 1) {
      return first;
    }
    ArrayNode raw = JSON.createArrayNode();
    double sum = 0;
    int n = 0;
    for (JsonNode e : entries) {
      for (JsonNode fork : e.path("primaryMetric").path("rawData")) {
        raw.add(fork.deepCopy());
        for (JsonNode v : fork) {
          double d = v.asDouble(Double.NaN);
          if (Double.isFinite(d)) {
            sum += d;
            n++;
          }
        }
      }
    }
    if (n == 0) {
      return first;
    }
    double score = sum / n;
    double half = 0;
    for (JsonNode e : entries) {
      JsonNode m = e.path("primaryMetric");
      double s = m.path("score").asDouble(Double.NaN);
      double err = m.path("scoreError").asDouble(Double.NaN);
      if (!Double.isFinite(err)) {
        err = 0; // one iteration: the run's interval is its score
      }
      if (Double.isFinite(s)) {
        half = Math.max(half, Math.max(Math.abs(s + err - score), Math.abs(score - (s - err))));
      }
    }
    ObjectNode metric = (ObjectNode) first.get("primaryMetric");
    metric.put("score", score);
    metric.put("scoreError", half);
    ArrayNode conf = metric.putArray("scoreConfidence");
    conf.add(score - half).add(score + half);
    metric.set("rawData", raw);
    // percentiles and histograms of single runs no longer describe the merged samples
    metric.remove("scorePercentiles");
    metric.remove("rawDataHistogram");
    first.put("forks", raw.size());
    first.put("measurementIterations", n / Math.max(1, raw.size()));
    return first;
  }
}
