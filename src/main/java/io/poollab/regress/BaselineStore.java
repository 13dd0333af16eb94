package io.poollab.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poollab.report.RunFolders;
import io.poollab.report.RunReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where baselines live and how they are made: {@code reports/baseline/<machineClass>/} holds a
 * copy of one run's {@code jmh.json} and {@code metadata.json} (or several runs merged, with
 * the runs under {@code runs/}), and optionally {@value #THRESHOLDS}, per-figure thresholds for
 * this machine class, and other files of the maintainers' (an update keeps them). One baseline
 * per machine class (OS, architecture, cores), since a ratio like the speed-up at 2 workers only
 * carries over between machines of the same shape.
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
   * Makes one or more runs of one machine class its baseline, replacing the lab's files of any
   * earlier one; the files of that folder the lab did not write ({@value #THRESHOLDS}, notes)
   * are carried over, and the folder keeps its permissions. Several
   * runs are merged by {@link BaselineMerger} (recommended on shared machines: the baseline then
   * carries the run-to-run drift); the metadata is the first run's, with {@code baselineRuns}
   * listing the runs' folder names.
   *
   * @param runDirs the run folders, at least one
   * @param reportsDir the reports folder
   * @return the baseline folder written
   * @throws CheckInputException when a run is unusable, names no machine class, or the runs'
   *     machine classes differ; or when a file the lab did not write lies in the folder of a run
   *     the new baseline does not keep ({@code runs/<name>/}), where it cannot be carried over
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
      // not Files.createTempDirectory, whose folder is owner-only (0700) and would become the
      // baseline: this one gets the permissions any new folder gets here (the umask's)
      staging = newStagingFolder(target.getParent(), "." + machineClass + "-");
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
      if (Files.exists(target)) {
        // the thresholds (the maintainers' judgement of this machine class, not a measurement)
        // and any other file the lab did not write stay; only the lab's own files are replaced
        carryOver(target, staging);
        keepPermissions(target, staging);
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

  /** The files of a run, or of a baseline, that the lab writes: replaced by an update. */
  private static final List<String> LAB_FILES =
      List.of(RunReader.JMH_JSON, RunReader.METADATA_JSON, RunReader.ROUNDS_JSON);

  /**
   * Whether a path of a baseline folder (relative to it) is one the lab writes there: its three
   * files, the per-fork logs in {@code histograms/}, and the same in each {@code runs/<name>/}.
   */
  static boolean writtenByTheLab(Path relative) {
    List<String> parts = new ArrayList<>();
    for (Path part : relative) {
      parts.add(part.toString());
    }
    if (parts.size() >= 2 && parts.get(0).equals(RUNS)) {
      // runs/<name>/... holds a run as copyRun copies it
      parts = parts.subList(2, parts.size());
    }
    if (parts.size() == 1) {
      return LAB_FILES.contains(parts.get(0));
    }
    return parts.size() == 2 && parts.get(0).equals(RunReader.HISTOGRAMS) && FORK_LOG.matcher(parts.get(1)).matches();
  }

  /** The folders the lab makes in a baseline folder, which it makes again when it needs them. */
  private static boolean labFolder(Path relative) {
    int n = relative.getNameCount();
    String first = relative.getName(0).toString();
    return (n == 1 && (first.equals(RUNS) || first.equals(RunReader.HISTOGRAMS)))
        || (n == 2 && first.equals(RUNS))
        || (n == 3 && first.equals(RUNS) && relative.getName(2).toString().equals(RunReader.HISTOGRAMS));
  }

  private static final Pattern FORK_LOG = Pattern.compile(".*-fork\\d+\\.hlog");

  /**
   * Copies every file and folder of the old baseline that the lab did not write into the new one,
   * at the same place, with its attributes: the lab never deletes a file it did not create.
   */
  private static void carryOver(Path oldBaseline, Path staging) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(oldBaseline)) {
      entries = walk.filter(p -> !p.equals(oldBaseline)).sorted().toList();
    }
    for (Path from : entries) {
      Path relative = oldBaseline.relativize(from);
      boolean folder = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
      if (folder ? labFolder(relative) : writtenByTheLab(relative)) {
        continue;
      }
      Path to = staging.resolve(relative.toString());
      if (relative.getNameCount() >= 3 && relative.getName(0).toString().equals(RUNS)
          && !Files.isDirectory(staging.resolve(relative.subpath(0, 2).toString()))) {
        // carried alone, it would make runs/<name>/ a run of the baseline without a run's files
        throw new CheckInputException("the baseline " + oldBaseline + " holds " + relative + ", which the lab"
            + " did not write, in the folder of a run the new baseline does not keep; move it out of"
            + " the folder and try again");
      }
      if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
        if (folder && Files.isDirectory(to)) {
          continue;
        }
        // the patterns keep the lab's names and others apart, so this is a file the lab just
        // wrote under a name it does not own: refused, before anything of the old baseline goes
        throw new CheckInputException("the baseline " + oldBaseline + " holds " + relative
            + ", which the new baseline would overwrite; move it out of the folder and try again");
      }
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Gives the new baseline folder the permissions the old one had, where the file system has them. */
  private static void keepPermissions(Path oldBaseline, Path staging) throws IOException {
    if (Files.getFileAttributeView(oldBaseline, PosixFileAttributeView.class) != null
        && Files.getFileAttributeView(staging, PosixFileAttributeView.class) != null) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(oldBaseline);
      Files.setPosixFilePermissions(staging, permissions);
    }
  }

  /** A new, hidden folder beside the baseline, made with the permissions new folders get here. */
  private static Path newStagingFolder(Path parent, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path dir = parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

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
