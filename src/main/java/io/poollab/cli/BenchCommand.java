package io.poollab.cli;

import io.poollab.bench.BenchInputs;
import io.poollab.bench.BenchPlan;
import io.poollab.bench.Canary;
import io.poollab.bench.DatasetInfo;
import io.poollab.bench.HeapFlags;
import io.poollab.bench.JmhForkRunner;
import io.poollab.bench.MetadataCollector;
import io.poollab.bench.PlanBuilder;
import io.poollab.bench.PlanEntry;
import io.poollab.bench.PlanRequest;
import io.poollab.bench.Profile;
import io.poollab.bench.PythonReference;
import io.poollab.bench.PythonRounds;
import io.poollab.bench.RoundLog;
import io.poollab.bench.RoundRunner;
import io.poollab.bench.RunMetadata;
import io.poollab.workload.CpuTask;
import io.poollab.workload.DefaultDataset;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: prints the plan of a profile and its estimated length, runs it as
 * interleaved rounds ({@link RoundRunner}), and writes the run folder ({@code rounds.json},
 * {@code jmh.json}, {@code metadata.json}, {@code histograms/}, {@code python.json}).
 * {@code ./run-benchmarks.sh} calls it.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar bench --profile quick --no-python
 * java -jar target/benchmarks.jar bench --profile standard --workers 1,2 --include WordJob --dry-run
 * }</pre>
 *
 * <p>Exit codes: 0 every benchmark ran, 1 some failed, 2 bad flags or input.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the JMH benchmark suite (serial vs the pool vs peers vs Python) into a run folder.",
      "Prints the plan and its estimated length first, progress on stderr while it runs."
    })
public final class BenchCommand implements Callable<Integer> {

  /**
   * The flags of the forked benchmark JVMs besides the lab's -D properties: a fixed heap, touched
   * at start so the young generation does not grow into untouched pages mid-measurement, on huge
   * pages where the kernel gives them on request ({@link HeapFlags}); on JDK 23+, JMH's use of
   * sun.misc.Unsafe allowed without a warning.
   *
   * <p>Measured on the 2-vCPU development VM, 100k words, six forks each, median of each fork's
   * iterations: without pre-touching, a 2 GB heap ran the serial job at 360 ms/op instead of 40
   * for its first 4-5 s; with it the serial fork-to-fork spread was 0.9-4% whatever the heap
   * size; a System.gc() between iterations (JMH -gc true) raised it to 12.6% (the collector
   * resizes the heap after each full collection); G1 is kept, the JVM's default, whose cost
   * (GC time per operation) the report shows.
   *
   * @param profile the profile (quick hashes 100,000 words and needs less heap)
   * @return the flags
   */
  static List<String> forkFlags(Profile profile) {
    String heap = profile == Profile.QUICK ? "1g" : "2g";
    List<String> flags = new ArrayList<>(HeapFlags.fixedHeap(heap));
    if (Runtime.version().feature() >= 23) {
      flags.add("--sun-misc-unsafe-memory-access=allow");
    }
    return List.copyOf(flags);
  }

  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "standard",
      description = "quick | standard | full (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(names = "--workers", paramLabel = "LIST", split = ",",
      description = "worker counts, e.g. 1,2,4 (default: the profile's)")
  List<Integer> workers;

  @Option(names = "--chunksizes", paramLabel = "LIST", split = ",",
      description = "chunksizes: positive integers or 'default', e.g. 1,100,default")
  List<String> chunksizes;

  @Option(names = "--dataset", paramLabel = "PATH",
      description = "the word list (.txt or .zip); default: datasets/ (the real list, else a generated stand-in)")
  Path dataset;

  @Option(names = "--include", paramLabel = "REGEX",
      description = "only plan entries whose 'Class.method key=value...' label matches")
  String include;

  @Option(names = "--no-python", description = "skip the Python multiprocessing.Pool reference")
  boolean noPython;

  @Option(names = "--out", paramLabel = "DIR", description = "the run folder, a new or empty one (default: reports/<yyyyMMdd-HHmmss>)")
  Path out;

  @Option(names = "--ignore-jmh-lock",
      description = "run even while another JMH run on this machine holds JMH's lock (its results and ours will disturb each other)")
  boolean ignoreJmhLock;

  @Option(names = "--lock-wait-minutes", paramLabel = "N", defaultValue = "10",
      description = "how long the run may wait in all for other JMH runs to finish (default: ${DEFAULT-VALUE})")
  int lockWaitMinutes;

  @Option(names = "--rounds", paramLabel = "N",
      description = "interleaved rounds, one fork of every configuration each (default: the profile's)")
  Integer rounds;

  @Option(names = "--seed", paramLabel = "N",
      description = "the seed of the rounds' order (default: a fresh one, recorded in rounds.json)")
  Long seed;

  @Option(names = "--dry-run", description = "print the plan and its estimate, then exit")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    PrintStream err = System.err;
    if (lockWaitMinutes < 0) {
      throw usage("--lock-wait-minutes must be >= 0, was " + lockWaitMinutes);
    }
    BenchPlan plan = plan();
    // the run folder and the word list before the plan, a dry run's too: a plan printed for a run
    // that would be refused promises a run that cannot happen. A dry run creates nothing: it
    // checks --out without making it, and leaves a default list that is yet to be generated
    Path runDir = runDir();
    Path data = dryRun && dataset == null && DefaultDataset.needsGeneration(LabHome.datasets())
        ? null : resolveDataset(err);
    int words = data == null ? 0 : DatasetWords.load(data).size();
    stdout.print(plan.render());
    keptBaselines(plan).ifPresent(stdout::println);
    pythonNarrowed(plan).ifPresent(stdout::println);
    stdout.flush();
    if (dryRun) {
      return 0;
    }

    DatasetInfo info = DatasetInfo.of(data, words, plan.wordLimit());
    Path histograms = runDir.resolve("histograms");
    try {
      Files.createDirectories(histograms);
    } catch (IOException e) {
      throw new DataError("--out " + runDir + " cannot be created (" + e + "); give a folder this user may write in", e);
    }
    String used = plan.wordLimit() > 0 && plan.wordLimit() < info.words()
        ? String.format(Locale.ROOT, "first %,d of %,d words", plan.wordLimit(), info.words())
        : String.format(Locale.ROOT, "%,d words", info.words());
    err.printf(Locale.ROOT, "Dataset: %s (%s, sha256 %s)%n", info.path(), used, info.sha256().substring(0, 12));

    List<String> jvmArgs = forkArguments(info, plan, histograms);
    long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 48);
    RunMetadata metadata = MetadataCollector.collect(Profile.parse(profile), info, jvmArgs, Instant.now(),
        LabHome.dir(), plan.rounds(), runSeed);
    MetadataCollector.write(metadata, runDir.resolve("metadata.json"));
    err.println("Run folder: " + runDir + " (machine class " + metadata.machineClass() + ")");

    if (ignoreJmhLock) {
      // read once by JMH's Runner when its class loads, which happens below
      System.setProperty("jmh.ignoreLock", "true");
    }
    RoundRunner.Summary summary;
    boolean pythonOk;
    try (PrintStream jmhLog = new PrintStream(
        new FileOutputStream(runDir.resolve("jmh.log").toFile(), true), true, StandardCharsets.UTF_8)) {
      JmhForkRunner forks = new JmhForkRunner(jmhLog, err).lockWait(Duration.ofMinutes(lockWaitMinutes));
      RoundLog log = new RoundLog(runDir, "run");
      RoundRunner runner = new RoundRunner(
          List.of(new RoundRunner.Side("run", forks, log, jvmArgs)), plan.sideEntries("run"), plan.rounds(),
          runSeed, Canary.machine(Runtime.getRuntime().availableProcessors()), err)
          .rerunDeadline(plan.rerunDeadline().orElse(null));
      // Python's runs go between the rounds, so that they share the hour of the forks they are
      // compared with (PythonRounds)
      PythonRounds python = plan.python() == null ? null : new PythonRounds(plan.python(), Path.of(info.path()),
          plan.wordLimit(), runDir, LabHome.resolve(PythonReference.SCRIPT), err);
      if (python != null) {
        runner.afterEachRound(round -> python.runAfter(round, plan.rounds()), plan.pythonEstimate());
      }
      AtomicBoolean done = new AtomicBoolean();
      Thread onInterrupt = new Thread(() -> {
        if (!done.get()) {
          err.println();
          err.println("Interrupted after " + runner.forksRun() + " forks; their results are in "
              + runDir.resolve("rounds.json") + " and " + runDir.resolve("jmh.json"));
        }
      });
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      try {
        summary = runner.run();
        err.println("Canary: " + summary.disturbanceLine() + ".");
        pythonOk = python == null || python.ok();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
          done.set(true);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and says what finished
        }
      }
    }

    err.printf(Locale.ROOT, "Done: %d forks (%d configurations x %d rounds) in %s%s; results in %s%n",
        summary.forks(), plan.entries().size(), summary.roundsRun(), BenchPlan.format(summary.elapsed()),
        plan.python() == null ? "" : " with Python's reference between the rounds", runDir);
    if (!summary.failed().isEmpty()) {
      err.println("Failed: " + String.join("; ", summary.failed()));
      return 1;
    }
    return pythonOk ? 0 : 1;
  }

  /** System properties with this prefix are passed on to every fork. */
  static final String POOL_PROPERTY_PREFIX = "poollab.pool.";

  /**
   * The arguments of every forked benchmark JVM: the fixed flags, the dataset, the word limit,
   * the histogram folder, the CPU task's cost per round measured once here, so that every fork
   * (serial and parallel) does the same work per item, and the word job's serial pairing.
   */
  static List<String> forkArguments(DatasetInfo info, BenchPlan plan, Path histograms) {
    List<String> jvmArgs = new ArrayList<>(forkFlags(plan.profile()));
    jvmArgs.add("-D" + BenchInputs.DATASET + "=" + info.path());
    if (plan.wordLimit() > 0) {
      jvmArgs.add("-D" + BenchInputs.WORDS + "=" + plan.wordLimit());
    }
    jvmArgs.add("-D" + BenchInputs.HISTOGRAMS + "=" + histograms.toAbsolutePath().normalize());
    jvmArgs.add("-D" + BenchInputs.NANOS_PER_ITERATION + "=" + CpuTask.measureNanosPerIteration());
    // each parallel word-job iteration times the serial job beside it: the speed-up's pairs then
    // see one machine state instead of two forks seconds apart (SerialPartner)
    jvmArgs.add("-D" + BenchInputs.PAIRED_SERIAL + "=true");
    // the pool's own switches (such as the deliberate slow-down that proves the regression check
    // works) reach the forks, where the pools are made, and so the run's metadata
    jvmArgs.addAll(poolProperties());
    return jvmArgs;
  }

  /** The {@code -Dpoollab.pool.*} options of this JVM, to pass on to the forks. */
  static List<String> poolProperties() {
    return System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(POOL_PROPERTY_PREFIX))
        .sorted()
        .map(name -> "-D" + name + "=" + System.getProperty(name))
        .toList();
  }

  /** The plan for the flags; bad values become usage errors (exit code 2). */
  BenchPlan plan() {
    Profile p;
    Pattern filter = null;
    try {
      p = Profile.parse(profile);
    } catch (IllegalArgumentException e) {
      throw usage("--profile: " + e.getMessage());
    }
    if (include != null) {
      try {
        filter = Pattern.compile(include);
      } catch (PatternSyntaxException e) {
        throw usage("--include '" + include + "' is not a valid regular expression: " + e.getDescription());
      }
    }
    PlanRequest request;
    try {
      request = new PlanRequest(p, Runtime.getRuntime().availableProcessors(), workers, chunksizes, filter);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage().startsWith("workers") ? "--workers: " + e.getMessage() : "--chunksizes: " + e.getMessage());
    }
    BenchPlan plan = PlanBuilder.build(request);
    if (plan.entries().isEmpty()) {
      throw usage("--include '" + include + "' matches none of the plan's benchmarks (see --dry-run without it)");
    }
    if (noPython && plan.python() != null) {
      plan = new BenchPlan(plan.profile(), plan.entries(), plan.rounds(), plan.wordLimit(), null);
    }
    if (rounds != null) {
      if (rounds < 1) {
        throw usage("--rounds must be a positive integer, was " + rounds);
      }
      plan = new BenchPlan(plan.profile(), plan.entries(), rounds, plan.wordLimit(), plan.python());
    }
    return plan;
  }

  /**
   * With {@code --include}: the line that says which SERIAL baselines were kept although the
   * pattern does not match them, since every speed-up of their jobs is divided by them.
   */
  Optional<String> keptBaselines(BenchPlan plan) {
    if (include == null) {
      return Optional.empty();
    }
    Pattern filter = Pattern.compile(include);
    List<String> kept = plan.entries().stream()
        .filter(e -> "SERIAL".equals(e.params().get("impl")) && !filter.matcher(e.label()).find())
        .map(PlanEntry::label)
        .toList();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("--include kept " + kept.size() + " SERIAL baseline" + (kept.size() == 1 ? "" : "s")
        + " it does not match, since the speed-ups of the entries it matches are divided by them: "
        + String.join("; ", kept));
  }

  /**
   * With {@code --include}: the line that says why Python's reference runs less than the
   * profile's, or not at all: it runs only what pairs with the entries kept
   * ({@link PlanBuilder#PYTHON_PAIRING}). Nothing with {@code --no-python}, which says it all.
   */
  Optional<String> pythonNarrowed(BenchPlan plan) {
    if (include == null || noPython) {
      return Optional.empty();
    }
    if (plan.python() == null) {
      return Optional.of("--include keeps nothing Python's reference is compared with (" + PlanBuilder.PYTHON_PAIRING
          + "): Python does not run");
    }
    List<String> left = new ArrayList<>();
    if (plan.python().workers().isEmpty()) {
      left.add("its word job");
    }
    if (plan.python().ioWorkers().isEmpty()) {
      left.add("its sleeps");
    }
    if (plan.python().streams().isEmpty() && plan.profile() != Profile.QUICK) {
      left.add("its paced inputs");
    }
    return Optional.of("--include: Python's reference runs only what pairs with the entries kept ("
        + PlanBuilder.PYTHON_PAIRING + ")" + (left.isEmpty() ? "" : "; left out: " + String.join(", ", left)));
  }

  /**
   * The run folder: {@code --out}, else {@code reports/<yyyyMMdd-HHmmss>}, checked before the
   * dataset is loaded or anything is written. A run goes only into a folder that does not exist
   * yet or is empty: the run writes metadata.json, jmh.json, rounds.json, jmh.log, histograms/ and
   * python.json, and its report index.html and charts/, so any other folder (an earlier run, the
   * checkout, a home folder) could lose a file the lab did not create.
   */
  Path runDir() {
    Path dir = out != null ? out : LabHome.reports().resolve(LocalDateTime.now().format(RUN_NAME));
    if (dir.toString().isEmpty()) {
      // Path.of("") is the working directory: an empty --out would spill the run into it
      throw new DataError("--out is empty; give the run folder, a new or empty one (e.g. reports/mine)");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DataError("--out " + dir + " is a file; give the run folder, a new or empty one");
    }
    if (!Files.isDirectory(dir)) {
      return dir;
    }
    List<String> held;
    try (Stream<Path> files = Files.list(dir)) {
      held = files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new DataError("--out " + dir + " cannot be read (" + e + "); give a new or empty folder", e);
    }
    if (held.contains("jmh.json")) {
      throw new DataError("--out " + dir + " already holds a run (jmh.json); choose a new folder");
    }
    if (!held.isEmpty()) {
      String shown = held.size() <= 5 ? String.join(", ", held)
          : String.join(", ", held.subList(0, 5)) + " and " + (held.size() - 5) + " more";
      throw new DataError("--out " + dir + " already holds files (" + shown + "); a run goes only into a new"
          + " or empty folder, so that it overwrites nothing the lab did not create: choose another");
    }
    return dir;
  }

  private Path resolveDataset(PrintStream err) {
    if (dataset != null) {
      if (!Files.isRegularFile(dataset)) {
        throw new DataError("--dataset " + dataset + " is not a file (a .txt word list, or a .zip holding one)");
      }
      return dataset.toAbsolutePath().normalize();
    }
    Path dir = LabHome.datasets();
    if (DefaultDataset.needsGeneration(dir)) {
      err.println("Generating the stand-in word list in " + dir + " (once) ...");
    }
    return DefaultDataset.resolve(dir).toAbsolutePath().normalize();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
