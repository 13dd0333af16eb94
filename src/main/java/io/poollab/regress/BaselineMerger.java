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

  /**
   * Merges the runs' {@code rounds.json} into one protocol record: rounds, groups and fork numbers
   * continue from run to run (the second run's round 1 becomes round R1 + 1, and so on), each
   * fork and group names the run it came from ({@code sourceRun}), and the seed and probe are the
   * first run's. Histogram logs named after fork numbers are renamed to match ({@link
   * #histograms}).
   *
   * @param runDirs run folders, each with a {@code rounds.json}
   * @return the merged rounds.json, pretty-printed
   * @throws CheckInputException when a file cannot be read as a rounds record
   */
  public static String mergeRounds(List<Path> runDirs) {
    ObjectNode out = null;
    ArrayNode groups = JSON.createArrayNode();
    ArrayNode forks = JSON.createArrayNode();
    int roundOffset = 0;
    int forkOffset = 0;
    for (Path dir : runDirs) {
      JsonNode root = readRounds(dir);
      String name = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
      if (out == null) {
        out = ((ObjectNode) root).deepCopy();
      }
      int maxRound = 0;
      int maxFork = 0;
      for (JsonNode g : root.path("groups")) {
        ObjectNode copy = g.deepCopy();
        int round = g.path("round").asInt();
        maxRound = Math.max(maxRound, round);
        copy.put("round", round + roundOffset);
        ArrayNode ids = copy.putArray("forks");
        for (JsonNode id : g.path("forks")) {
          ids.add(id.asInt() + forkOffset);
        }
        copy.put("sourceRun", name);
        groups.add(copy);
      }
      for (JsonNode f : root.path("forks")) {
        ObjectNode copy = f.deepCopy();
        int round = f.path("round").asInt();
        maxRound = Math.max(maxRound, round);
        maxFork = Math.max(maxFork, f.path("id").asInt());
        copy.put("round", round + roundOffset);
        copy.put("id", f.path("id").asInt() + forkOffset);
        copy.put("sourceRun", name);
        forks.add(copy);
      }
      roundOffset += Math.max(maxRound, root.path("rounds").asInt(0));
      forkOffset += maxFork;
    }
    if (out == null) {
      throw new CheckInputException("no run to merge");
    }
    out.put("rounds", roundOffset);
    out.set("groups", groups);
    out.set("forks", forks);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the merged rounds", e);
    }
  }

  /**
   * The per-fork histogram logs of the runs, with the names they get in the merged baseline (fork
   * numbers shifted as {@link #mergeRounds} shifts them).
   *
   * @param runDirs run folders
   * @return source log to target file name, in order
   */
  public static Map<Path, String> histograms(List<Path> runDirs) {
    Map<Path, String> out = new LinkedHashMap<>();
    int forkOffset = 0;
    for (Path dir : runDirs) {
      JsonNode root = readRounds(dir);
      int maxFork = 0;
      for (JsonNode f : root.path("forks")) {
        maxFork = Math.max(maxFork, f.path("id").asInt());
      }
      Path logs = dir.resolve(RunReader.HISTOGRAMS);
      if (java.nio.file.Files.isDirectory(logs)) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(logs)) {
          for (Path log : files.sorted().toList()) {
            java.util.regex.Matcher m = FORK_LOG.matcher(log.getFileName().toString());
            if (m.matches()) {
              out.put(log, m.group(1) + "-fork" + (Integer.parseInt(m.group(2)) + forkOffset) + ".hlog");
            }
          }
        } catch (IOException e) {
          throw new CheckInputException("run " + dir + ": cannot list " + logs + ": " + e.getMessage());
        }
      }
      forkOffset += maxFork;
    }
    return out;
  }

  private static final java.util.regex.Pattern FORK_LOG = java.util.regex.Pattern.compile("(.*)-fork(\\d+)\\.hlog");

  private static JsonNode readRounds(Path dir) {
    Path file = dir.resolve(RunReader.ROUNDS_JSON);
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.isObject() || !root.path("forks").isArray()) {
        throw new CheckInputException("run " + dir + ": " + file + " is not a rounds record (no 'forks' array)");
      }
      return root;
    } catch (IOException e) {
      throw new CheckInputException("run " + dir + ": cannot read " + file + ": " + e.getMessage());
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
