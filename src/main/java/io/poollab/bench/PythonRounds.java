package io.poollab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.statistics.descriptive.Median;

/**
 * Python's reference between the rounds of a run, and the run's {@code python.json} built from
 * it. The plan's {@link PythonPlan#repeats() repeats} runs of every configuration are spread over
 * the rounds, one script run ({@code --repeats 1}) at a time, each after the round it follows
 * ({@link RoundRunner#afterEachRound}); {@code python.json} holds every configuration's runs in
 * that order, with the round of each ({@code "rounds": [1, 2, 3]}) and the median over them.
 * Python then runs in the same hour as the Java forks it is compared with, instead of after all
 * of them: on a shared 2-vCPU VM Python's serial loop took 1.21 s in one run and 2.10 s in
 * another a quarter of an hour later, so Java's rounds against Python's minutes after them
 * measured the host's hour as much as the code.
 *
 * <p>After each round's runs, {@code python.json} holds every run so far (written to a temporary
 * file and moved over it), so an interrupted run keeps what Python measured.
 *
 * <pre>{@code
 * PythonRounds python = new PythonRounds(plan.python(), dataset, 0, runDir, script, System.err);
 * new RoundRunner(...).afterEachRound(r -> python.runAfter(r, plan.rounds()), pythonEstimate).run();
 * boolean ok = python.ok();
 * }</pre>
 */
public final class PythonRounds {

  /** How the merged file says its runs were taken. */
  public static final String TIMING = "configurations run in turn after rounds of the JMH forks (see 'rounds')";

  /** The script's output for one round, in the run folder until it is merged. */
  static final String ROUND_FILE = "python-round.json";

  /** Commons Statistics' default median: the mean of the two middle values of an even count. */
  private static final Median MEDIAN = Median.withDefaults();

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PythonPlan plan;
  private final Path dataset;
  private final int wordLimit;
  private final Path runDir;
  private final Path script;
  private final PrintStream progress;
  private final Path target;
  private ObjectNode merged;
  private final Map<String, ObjectNode> byConfiguration = new LinkedHashMap<>();
  private boolean skipped;
  private boolean failed;

  /**
   * Python's runs for a plan, merged into {@code runDir/python.json}.
   *
   * @param plan what Python runs, and how many times in all ({@link PythonPlan#repeats()})
   * @param dataset the word list
   * @param wordLimit the word limit, 0 for all
   * @param runDir the run folder
   * @param script the script
   * @param progress where Python's output and the status lines go
   */
  public PythonRounds(PythonPlan plan, Path dataset, int wordLimit, Path runDir, Path script, PrintStream progress) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.wordLimit = wordLimit;
    this.runDir = Objects.requireNonNull(runDir, "runDir");
    this.script = Objects.requireNonNull(script, "script");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.target = runDir.resolve(PYTHON_JSON);
  }

  /** The merged file's name in the run folder. */
  public static final String PYTHON_JSON = "python.json";

  /**
   * How many of Python's runs follow round {@code round} of {@code rounds}, so that {@code runs}
   * are spread evenly and the last follows the last round: 3 runs over 3 rounds, one after each;
   * over 5 rounds, after rounds 2, 4 and 5; over 1 round, all 3 after it.
   *
   * @param round the round just run, from 1
   * @param rounds the run's rounds
   * @param runs Python's runs of each configuration in the whole run
   * @return how many to run now
   */
  static int runsAfter(int round, int rounds, int runs) {
    return (int) ((long) round * runs / rounds - (long) (round - 1) * runs / rounds);
  }

  /**
   * Where a run's Python runs go, for the plan listing: {@code 3 runs of each, after rounds 1, 2
   * and 3}, {@code 3 runs of each, after rounds 2, 4 and 5}, {@code 3 runs of each, after round 1}.
   *
   * @param rounds the run's rounds
   * @param runs Python's runs of each configuration
   * @return the phrase
   */
  static String schedule(int rounds, int runs) {
    List<String> after = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      if (runsAfter(r, rounds, runs) > 0) {
        after.add(Integer.toString(r));
      }
    }
    String list = after.size() == 1 ? "round " + after.get(0)
        : "rounds " + String.join(", ", after.subList(0, after.size() - 1)) + " and " + after.get(after.size() - 1);
    return runs + " run" + (runs == 1 ? "" : "s") + " of each, after " + list;
  }

  /**
   * Runs Python's share after a round and merges it into {@code python.json}. A missing python3 or
   * script is said once and skips every round; a failed run is said and the next round tries again.
   *
   * @param round the round just run, from 1
   * @param rounds the run's rounds
   */
  public void runAfter(int round, int rounds) {
    int runs = runsAfter(round, rounds, plan.repeats());
    PythonPlan once = plan.withRepeats(1);
    Path roundFile = runDir.resolve(ROUND_FILE);
    for (int i = 0; i < runs && !skipped && !Thread.currentThread().isInterrupted(); i++) {
      if (PythonReference.findPython().isEmpty() || !Files.isRegularFile(script)) {
        skipped = true;
      }
      progress.printf(Locale.ROOT, "Python reference after round %d of %d:%n", round, rounds);
      try {
        if (PythonReference.run(once, dataset, wordLimit, roundFile, script, progress)) {
          add(round, roundFile);
        } else if (!skipped) {
          failed = true;
        }
      } catch (IOException e) {
        failed = true;
        progress.println("Python reference: its results after round " + round + " could not be merged into "
            + target + " (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Files.deleteIfExists(roundFile);
        } catch (IOException e) {
          progress.println("Python reference: could not remove " + roundFile + " (" + e.getMessage() + ")");
        }
      }
    }
  }

  /**
   * Whether Python's stage did what it should: every run merged, or skipped on purpose (no python3
   * on the PATH, no script).
   *
   * @return false when a run failed or could not be merged
   */
  public boolean ok() {
    return !failed;
  }

  /**
   * Adds one script run's results (its JSON) and rewrites {@code python.json}.
   *
   * @param round the round the results were taken after, from 1
   * @param roundFile what the script wrote for that round
   * @throws IOException if the round's file cannot be read or is not the script's JSON, or
   *     {@code python.json} cannot be written
   */
  void add(int round, Path roundFile) throws IOException {
    JsonNode one = JSON.readTree(roundFile.toFile());
    if (one == null || !one.isObject() || !one.path("results").isArray()) {
      throw new IOException(roundFile + ": expected the Python reference's JSON, an object with a 'results' array");
    }
    if (merged == null) {
      merged = JSON.createObjectNode();
      for (String field : List.of("python", "cores", "dataset")) {
        if (one.has(field)) {
          merged.set(field, one.get(field));
        }
      }
      merged.put("timing", TIMING);
      merged.putArray("results");
    }
    ArrayNode results = (ArrayNode) merged.get("results");
    for (JsonNode r : one.path("results")) {
      if (!r.isObject()) {
        continue;
      }
      ObjectNode kept = byConfiguration.get(key(r));
      if (kept == null) {
        kept = ((ObjectNode) r).deepCopy();
        kept.putArray("rounds");
        for (int i = 0; i < r.path("samplesSeconds").size(); i++) {
          ((ArrayNode) kept.get("rounds")).add(round);
        }
        byConfiguration.put(key(r), kept);
        results.add(kept);
      } else {
        for (JsonNode s : r.path("samplesSeconds")) {
          kept.withArray("samplesSeconds").add(s);
          kept.withArray("rounds").add(round);
        }
        for (JsonNode f : r.path("firstResultSeconds")) {
          kept.withArray("firstResultSeconds").add(f);
        }
      }
      double median = median(kept.path("samplesSeconds"));
      if (!Double.isNaN(median)) {
        kept.put("medianSeconds", median);
      }
    }
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), merged);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** What makes two results the same configuration. */
  private static String key(JsonNode r) {
    return String.join("|", r.path("impl").asText(), r.path("workload").asText(), r.path("workers").asText(),
        r.path("chunksize").asText(), r.path("intervalMicros").asText(), r.path("items").asText());
  }

  /** As Python's {@code statistics.median}: the middle value, or the mean of the two middle ones. */
  static double median(JsonNode samples) {
    double[] values = new double[samples.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = samples.get(i).asDouble();
    }
    return MEDIAN.evaluate(values);
  }
}
