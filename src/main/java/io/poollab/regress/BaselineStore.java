package io.poollab.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poollab.report.RunFolders;
import io.poollab.report.RunReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where baselines live and how they are made: {@code reports/baseline/<machineClass>/} holds a
 * copy of one run's {@code jmh.json} and {@code metadata.json} (or several runs merged, with
 * the runs under {@code runs/}), and optionally {@value #THRESHOLDS}, per-figure thresholds for
 * this machine class. One baseline per machine class
 * (OS, architecture, cores), since a ratio like the speed-up at 2 workers only carries over
 * between machines of the same shape.
 *
 * <pre>{@code
 * Path dir = BaselineStore.update(Path.of("reports/20260101-120000"), Path.of("reports"));
 * // -> reports/baseline/linux-x86_64-2c/{jmh.json, metadata.json}
 * BaselineStore.update(List.of(runA, runB, runC), Path.of("reports"));
 * // -> merged jmh.json + metadata.json, and runs/<name>/ with each run's two files
 * }</pre>
 */
public final class BaselineStore {

  /** The folder under the reports folder that holds the baselines. */
  public static final String BASELINE = "baseline";

  /** The folder of a merged baseline that keeps the runs it was merged from. */
  public static final String RUNS = "runs";

  /**
   * An optional file of a baseline folder: per-figure thresholds ({@link ThresholdRule} syntax,
   * one per line, {@code #} comments) that apply to every check against this baseline, before
   * the command line's {@code --threshold} rules (which win). Kept by {@code --update-baseline}.
   */
  public static final String THRESHOLDS = "thresholds.txt";

  /**
   * The threshold rules a baseline folder carries in {@value #THRESHOLDS}.
   *
   * <pre>{@code
   * # cross-host noise of parallel figures on 2-vCPU VMs
   * speedup:*workers=2:*=25%
   * }</pre>
   *
   * @param baselineDir a baseline folder
   * @return the rules in file order; empty when the file is absent
   * @throws CheckInputException naming the file and line of a rule that does not parse
   */
  public static List<ThresholdRule> thresholds(Path baselineDir) {
    Path file = baselineDir.resolve(THRESHOLDS);
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckInputException("cannot read " + file + ": " + e.getMessage());
    }
    List<ThresholdRule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        rules.add(ThresholdRule.parse(line));
      } catch (IllegalArgumentException e) {
        throw new CheckInputException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return List.copyOf(rules);
  }

  /**
   * The run folders a merged baseline was made from ({@code baseline/<class>/runs/*}).
   *
   * @param baselineDir a baseline folder
   * @return the runs' folders, sorted; empty for a single-run baseline
   */
  public static List<Path> mergedRuns(Path baselineDir) {
    Path runs = baselineDir.resolve(RUNS);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new CheckInputException("cannot list " + runs + ": " + e.getMessage());
    }
  }

  private static final Pattern SAFE_CLASS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private BaselineStore() {}

  /**
   * The baseline folder of a machine class (it may not exist).
   *
   * @param reportsDir the reports folder, e.g. {@code reports}
   * @param machineClass e.g. {@code linux-x86_64-2c}
   * @return {@code reportsDir/baseline/machineClass}
   * @throws CheckInputException when the machine class is not a plain folder name
   */
  public static Path dirFor(Path reportsDir, String machineClass) {
    if (machineClass == null || !SAFE_CLASS.matcher(machineClass).matches()) {
      throw new CheckInputException(
          "machine class '" + machineClass + "' is not a plain name (letters, digits, . _ -)");
    }
    return reportsDir.resolve(BASELINE).resolve(machineClass);
  }

  /**
   * Makes a run the baseline of its machine class, replacing any earlier one. The run is read
   * first and refused when the check could not use it.
   *
   * @param runDir the run folder
   * @param reportsDir the reports folder
   * @return the baseline folder written
   * @throws CheckInputException when the run is unusable or names no machine class
   * @throws UncheckedIOException when the files cannot be copied
   */
  public static Path update(Path runDir, Path reportsDir) {
    return update(List.of(runDir), reportsDir);
  }

  /**
   * Makes one or more runs of one machine class its baseline, replacing any earlier one. Several
   * runs are merged by {@link BaselineMerger} (recommended on shared machines: the baseline then
   * carries the run-to-run drift); the metadata is the first run's, with {@code baselineRuns}
   * listing the runs' folder names.
   *
   * @param runDirs the run folders, at least one
   * @param reportsDir the reports folder
   * @return the baseline folder written
   * @throws CheckInputException when a run is unusable, names no machine class, or the runs'
   *     machine classes differ
   * @throws UncheckedIOException when the files cannot be written
   */
  public static Path update(List<Path> runDirs, Path reportsDir) {
    if (runDirs.isEmpty()) {
      throw new CheckInputException("--update-baseline needs at least one run folder");
    }
    refuseRepeats(runDirs);
    String machineClass = null;
    for (Path runDir : runDirs) {
      CheckInput run = CheckInput.load(runDir, "run");
      if (!run.hasMachineClass()) {
        throw new CheckInputException(
            "run " + runDir + ": " + RunReader.METADATA_JSON
                + " names no machineClass (e.g. \"linux-x86_64-2c\"), so the baseline has no place");
      }
      if (machineClass != null && !machineClass.equals(run.machineClass())) {
        throw new CheckInputException(
            "run " + runDir + " is from machine class " + run.machineClass() + " but "
                + runDirs.get(0) + " from " + machineClass + "; a baseline holds one machine class");
      }
      machineClass = run.machineClass();
    }
    Path target = dirFor(reportsDir, machineClass);
    Path staging = null;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createTempDirectory(target.getParent(), "." + machineClass + "-");
      Path first = runDirs.get(0);
      boolean rounds = runDirs.stream().allMatch(d -> Files.exists(d.resolve(RunReader.ROUNDS_JSON)));
      if (runDirs.size() == 1) {
        copyRun(first, staging);
      } else {
        Files.writeString(staging.resolve(RunReader.JMH_JSON), BaselineMerger.mergeJmh(runDirs));
        if (rounds) {
          Files.writeString(staging.resolve(RunReader.ROUNDS_JSON), BaselineMerger.mergeRounds(runDirs));
          for (Map.Entry<Path, String> log : BaselineMerger.histograms(runDirs).entrySet()) {
            Path to = staging.resolve(RunReader.HISTOGRAMS).resolve(log.getValue());
            Files.createDirectories(to.getParent());
            Files.copy(log.getKey(), to);
          }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode meta = (ObjectNode) json.readTree(first.resolve(RunReader.METADATA_JSON).toFile());
        ArrayNode names = meta.putArray("baselineRuns");
        runDirs.forEach(d -> names.add(String.valueOf(d.toAbsolutePath().normalize().getFileName())));
        json.writerWithDefaultPrettyPrinter()
            .writeValue(staging.resolve(RunReader.METADATA_JSON).toFile(), meta);
        // the runs themselves, for the noise between runs (see NoiseModel)
        for (Path runDir : runDirs) {
          copyRun(runDir, staging.resolve(RUNS)
              .resolve(String.valueOf(runDir.toAbsolutePath().normalize().getFileName())));
        }
      }
      if (Files.exists(target.resolve(THRESHOLDS))) {
        // the thresholds are the maintainers' judgement of this machine class, not a measurement
        Files.copy(target.resolve(THRESHOLDS), staging.resolve(THRESHOLDS));
      }
      if (Files.exists(target)) {
        deleteTree(target);
      }
      // a rename within one folder: the baseline is never half-written
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the baseline " + target + ": " + e.getMessage(), e);
    } finally {
      // a baseline that failed half-way leaves no hidden staging folder behind (moved: gone already)
      if (staging != null && Files.exists(staging)) {
        try {
          deleteTree(staging);
        } catch (IOException ignored) {
          // the error that brought us here is the one to tell
        }
      }
    }
  }

  /**
   * Refuses a run given twice (its rounds would count twice, and the noise between runs would look
   * smaller than it is) and two runs of one folder name, under which a merged baseline keeps each
   * run ({@code runs/<name>/}).
   */
  private static void refuseRepeats(List<Path> runDirs) {
    Map<Path, Path> byPath = new HashMap<>();
    Map<String, Path> byName = new HashMap<>();
    for (Path runDir : runDirs) {
      Path absolute = runDir.toAbsolutePath().normalize();
      Path same = byPath.putIfAbsent(absolute, runDir);
      if (same != null) {
        throw new CheckInputException("--update-baseline names the run " + runDir + " twice"
            + (same.equals(runDir) ? "" : " (also as " + same + ")") + "; give each run once");
      }
      String name = String.valueOf(absolute.getFileName());
      Path other = byName.putIfAbsent(name, runDir);
      if (other != null) {
        throw new CheckInputException("--update-baseline runs " + other + " and " + runDir + " share the folder"
            + " name " + name + ", under which the baseline keeps each run; copy one under another name");
      }
    }
  }

  /**
   * The newest run under the reports folder, as the report and its index find it
   * ({@link RunFolders}): a subfolder holding {@code jmh.json} or {@code metadata.json}, by the
   * run's start time, whatever its name.
   *
   * @param reportsDir the reports folder
   * @return the newest run folder, or empty when there is none
   * @throws CheckInputException when the folder cannot be listed
   */
  public static Optional<Path> newestRun(Path reportsDir) {
    try {
      return RunFolders.newest(reportsDir);
    } catch (UncheckedIOException e) {
      throw new CheckInputException(e.getMessage());
    }
  }

  /** Copies what the check reads of a run: jmh.json, metadata.json, rounds.json, per-fork logs. */
  private static void copyRun(Path runDir, Path to) throws IOException {
    Files.createDirectories(to);
    for (String file : List.of(RunReader.JMH_JSON, RunReader.METADATA_JSON, RunReader.ROUNDS_JSON)) {
      if (Files.exists(runDir.resolve(file))) {
        Files.copy(runDir.resolve(file), to.resolve(file));
      }
    }
    Path logs = runDir.resolve(RunReader.HISTOGRAMS);
    if (Files.isDirectory(logs)) {
      try (Stream<Path> files = Files.list(logs)) {
        for (Path log : files.filter(p -> p.getFileName().toString().matches(".*-fork\\d+\\.hlog")).toList()) {
          Files.createDirectories(to.resolve(RunReader.HISTOGRAMS));
          Files.copy(log, to.resolve(RunReader.HISTOGRAMS).resolve(log.getFileName()));
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
