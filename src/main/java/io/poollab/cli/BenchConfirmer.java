package io.poollab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poollab.bench.BenchInputs;
import io.poollab.bench.Canary;
import io.poollab.bench.ForkGroup;
import io.poollab.bench.ForkRunner;
import io.poollab.bench.GroupRecord;
import io.poollab.bench.IterationSettings;
import io.poollab.bench.PlanEntry;
import io.poollab.bench.RoundLog;
import io.poollab.bench.RoundRunner;
import io.poollab.regress.CheckInputException;
import io.poollab.regress.Confirmer;
import io.poollab.report.BenchmarkResult;
import io.poollab.report.RunReader;
import io.poollab.report.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The check's {@link Confirmer} on this machine: measures the candidates' configurations again in
 * fresh interleaved rounds with the round runner, each with the settings, JVM flags and dataset
 * the run used, into {@code <run>/confirm/} (then {@code confirm-2/}, ...), and reads them back.
 * For {@code check --against} it has two sides, each running its own build's jar.
 *
 * <pre>{@code
 * Confirmer c = BenchConfirmer.forRun(runDir, new JmhForkRunner(log, System.err), System.err);
 * Confirmer.Confirmation fresh = c.confirm(configs, 3, Duration.ofMinutes(4));
 * }</pre>
 */
final class BenchConfirmer implements Confirmer {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One side to measure again.
   *
   * @param name the side's name ({@code run}, or {@code ref}/{@code head})
   * @param source the side's run folder, whose rounds.json and metadata.json say how it ran
   * @param runner how its forks run
   */
  record Side(String name, Path source, ForkRunner runner) {
    Side {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(runner, "runner");
    }
  }

  private final List<Side> sides;
  private final Path parent;
  private final PrintStream progress;

  BenchConfirmer(List<Side> sides, Path parent, PrintStream progress) {
    this.sides = List.copyOf(sides);
    this.parent = parent;
    this.progress = progress;
  }

  /**
   * A confirmer for a plain run folder, or empty with the reason when the folder cannot be measured
   * again here (no rounds.json, no JVM flags in its metadata, its dataset gone).
   */
  static Confirmer forRun(Path runDir, ForkRunner runner, PrintStream progress, List<String> whyNot) {
    String problem = problem(runDir);
    if (problem != null) {
      whyNot.add("cannot confirm with fresh rounds: " + problem);
      return null;
    }
    return new BenchConfirmer(List.of(new Side("run", runDir, runner)), runDir, progress);
  }

  /** Why a run folder cannot be measured again, or null when it can. */
  static String problem(Path runDir) {
    if (!Files.isRegularFile(runDir.resolve(RunReader.ROUNDS_JSON))) {
      return runDir + " has no rounds.json (a run from before interleaved rounds, or a baseline)";
    }
    try {
      JsonNode meta = JSON.readTree(runDir.resolve(RunReader.METADATA_JSON).toFile());
      if (!meta.path("jvmFlags").isArray() || meta.path("jvmFlags").isEmpty()) {
        return runDir + "/metadata.json names no jvmFlags";
      }
      String dataset = meta.path("dataset").path("path").asText("");
      if (dataset.isEmpty() || !Files.isRegularFile(Path.of(dataset))) {
        return "the run's dataset " + (dataset.isEmpty() ? "(not named)" : dataset) + " is not on this machine";
      }
    } catch (IOException e) {
      return "cannot read " + runDir.resolve(RunReader.METADATA_JSON) + ": " + e.getMessage();
    }
    return null;
  }

  @Override
  public Confirmation confirm(Set<String> configs, int rounds, Duration timeBox) {
    Path dir = freeFolder(parent, "confirm");
    List<RoundRunner.Side> runnerSides = new ArrayList<>();
    List<ForkGroup.SideEntry> entries = new ArrayList<>();
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (Side s : sides) {
      Path sideDir = sides.size() == 1 ? dir : dir.resolve(s.name());
      dirs.put(s.name(), sideDir);
      List<PlanEntry> own = entries(s.source(), configs);
      own.forEach(e -> entries.add(new ForkGroup.SideEntry(s.name(), e)));
      List<String> jvmArgs = jvmArgs(s.source(), sideDir.resolve(RunReader.HISTOGRAMS));
      copyMetadata(s.source(), sideDir);
      runnerSides.add(new RoundRunner.Side(s.name(), s.runner(), new RoundLog(sideDir, s.name()), jvmArgs));
    }
    if (entries.isEmpty()) {
      throw new CheckInputException("none of the configurations to confirm is in " + sides.get(0).source()
          + "/rounds.json: " + configs);
    }
    RoundRunner runner = new RoundRunner(runnerSides, entries, rounds,
        ThreadLocalRandom.current().nextLong(1L << 48),
        Canary.machine(Runtime.getRuntime().availableProcessors()), progress)
        // the time box is per build: with --against both builds run every round, and half the
        // rounds in the same time left too few (3 of 5) for the rank test at alpha / candidates
        .timeBox(timeBox.multipliedBy(sides.size()));
    RoundRunner.Summary summary = runner.run();
    progress.println("Canary: " + summary.disturbanceLine() + ".");
    Set<Integer> disturbedRounds = new HashSet<>();
    for (RoundRunner.Side s : runnerSides) {
      s.log().groups().stream().filter(GroupRecord::kept).filter(GroupRecord::disturbed)
          .forEach(g -> disturbedRounds.add(g.round()));
    }
    int clean = summary.roundsRun() - disturbedRounds.size();
    RunResults run = RunReader.read(dirs.get(sides.size() == 1 ? "run" : "head"));
    RunResults baseline = sides.size() == 1 ? null : RunReader.read(dirs.get("ref"));
    return new Confirmation(run, baseline, summary.roundsRun(), clean, dir.toString());
  }

  /** The plan entries of a run's rounds.json whose configuration is one of {@code configs}. */
  static List<PlanEntry> entries(Path runDir, Set<String> configs) {
    JsonNode root = read(runDir.resolve(RunReader.ROUNDS_JSON));
    Map<String, PlanEntry> out = new LinkedHashMap<>();
    for (JsonNode f : root.path("forks")) {
      Map<String, String> params = new LinkedHashMap<>();
      f.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      String benchmark = f.path("benchmark").asText("");
      String key = BenchmarkResult.configKey(benchmark, params);
      if (!configs.contains(key) || out.containsKey(key)) {
        continue;
      }
      IterationSettings settings = new IterationSettings(
          f.path("warmupIterations").asInt(1), Duration.ofMillis(f.path("warmupMillis").asLong(500)),
          f.path("measurementIterations").asInt(1), Duration.ofMillis(f.path("measurementMillis").asLong(500)));
      out.put(key, new PlanEntry(benchmark, params, settings));
    }
    return List.copyOf(out.values());
  }

  /** The run's fork arguments, with the histogram folder of the confirmation. */
  static List<String> jvmArgs(Path runDir, Path histograms) {
    JsonNode meta = read(runDir.resolve(RunReader.METADATA_JSON));
    List<String> out = new ArrayList<>();
    String prefix = "-D" + BenchInputs.HISTOGRAMS + "=";
    for (JsonNode a : meta.path("jvmFlags")) {
      String arg = a.asText();
      out.add(arg.startsWith(prefix) ? prefix + histograms.toAbsolutePath().normalize() : arg);
    }
    try {
      Files.createDirectories(histograms);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + histograms, e);
    }
    return out;
  }

  private static void copyMetadata(Path from, Path to) {
    try {
      Files.createDirectories(to);
      Files.copy(from.resolve(RunReader.METADATA_JSON), to.resolve(RunReader.METADATA_JSON));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + to.resolve(RunReader.METADATA_JSON) + ": " + e.getMessage(), e);
    }
  }

  /** {@code parent/name}, or {@code name-2}, {@code name-3}, ... when taken: never overwrites. */
  static Path freeFolder(Path parent, String name) {
    Path p = parent.resolve(name);
    for (int i = 2; Files.exists(p); i++) {
      p = parent.resolve(name + "-" + i);
    }
    return p;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new CheckInputException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
