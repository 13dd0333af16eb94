package io.poollab.cli;

import io.poollab.bench.BenchPlan;
import io.poollab.bench.Canary;
import io.poollab.bench.DatasetInfo;
import io.poollab.bench.ForkGroup;
import io.poollab.bench.JarForkRunner;
import io.poollab.bench.MetadataCollector;
import io.poollab.bench.PlanBuilder;
import io.poollab.bench.PlanRequest;
import io.poollab.bench.Profile;
import io.poollab.bench.RoundLog;
import io.poollab.bench.RoundRunner;
import io.poollab.bench.RunMetadata;
import io.poollab.regress.CheckInputException;
import io.poollab.regress.CheckOptions;
import io.poollab.regress.CheckRunner;
import io.poollab.workload.DefaultDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code check --against REF}: this build and another commit measured side by side. REF's jar is
 * built ({@link RefJar}); both jars run the profile's benchmarks in the same interleaved rounds on
 * this machine (sides {@code ref} and {@code head} of one run folder,
 * {@code reports/<yyyyMMdd-HHmmss>-against-<sha>/}); then the head side is checked against the
 * ref side, candidates confirmed with fresh rounds of both. Benchstat's old-vs-new, but measured
 * together, so the machine's mood is the same for both.
 *
 * <pre>{@code
 * CheckRunner.Result r = new AgainstRun(command, err).run(options);
 * }</pre>
 */
final class AgainstRun {

  private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final CheckCommand command;
  private final PrintWriter err;

  AgainstRun(CheckCommand command, PrintWriter err) {
    this.command = command;
    this.err = err;
  }

  CheckRunner.Result run(CheckOptions options) {
    // every flag and the dataset first: building REF's jar takes minutes, which a typo must not cost
    BenchPlan plan = plan();
    Profile profile = plan.profile();
    Path data = dataset();
    DatasetInfo info = DatasetInfo.of(data, DatasetWords.load(data).size(), plan.wordLimit());
    Path headJar = ownJar();
    Path repo = LabHome.dir();
    String sha = RefJar.resolve(command.against, repo);
    Path refJar = RefJar.build(command.against, repo, command.reports.resolve(".against"), System.err);
    Path runDir = BenchConfirmer.freeFolder(command.reports,
        LocalDateTime.now().format(RUN_NAME) + "-against-" + sha.substring(0, 12));
    long seed = ThreadLocalRandom.current().nextLong(1L << 48);
    err.printf(Locale.ROOT, "Comparing this build (%s) with %s (%s): %d configurations x %d rounds on each,"
        + " interleaved; estimated %s; results in %s%n", headJar.getFileName(), command.against,
        sha.substring(0, 12), plan.entries().size(), plan.rounds(),
        BenchPlan.format(RoundRunner.estimate(plan.sideEntries("ref"), plan.rounds()).multipliedBy(2)), runDir);
    err.flush();

    List<RoundRunner.Side> sides = new ArrayList<>();
    List<ForkGroup.SideEntry> entries = new ArrayList<>();
    List<BenchConfirmer.Side> confirmSides = new ArrayList<>();
    for (String side : List.of("ref", "head")) {
      Path sideDir = runDir.resolve(side);
      Path histograms = sideDir.resolve("histograms");
      try {
        Files.createDirectories(histograms);
        List<String> jvmArgs = BenchCommand.forkArguments(info, plan, histograms);
        RunMetadata meta = MetadataCollector.collect(profile, info, jvmArgs, Instant.now(), repo, plan.rounds(), seed);
        MetadataCollector.write(side.equals("ref") ? meta.withCommit(sha) : meta, sideDir.resolve("metadata.json"));
        JarForkRunner runner = new JarForkRunner(side.equals("ref") ? refJar : headJar, runDir.resolve("jmh.log"));
        sides.add(new RoundRunner.Side(side, runner, new RoundLog(sideDir, side), jvmArgs));
        confirmSides.add(new BenchConfirmer.Side(side, sideDir, runner));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare " + sideDir + ": " + e.getMessage(), e);
      }
      entries.addAll(plan.sideEntries(side));
    }
    RoundRunner.Summary summary = new RoundRunner(sides, entries, plan.rounds(), seed,
        Canary.machine(Runtime.getRuntime().availableProcessors()), System.err).run();
    System.err.println("Canary: " + summary.disturbanceLine() + ".");
    if (!summary.failed().isEmpty()) {
      err.println("warning: forks failed: " + String.join("; ", summary.failed()) + " (details in "
          + runDir.resolve("jmh.log") + ")");
    }
    BenchConfirmer confirmer = new BenchConfirmer(confirmSides, runDir, System.err);
    return CheckRunner.against(runDir.resolve("ref"), runDir.resolve("head"), options,
        options.confirmRounds() > 0 ? confirmer : null, err);
  }

  /** The plan of --profile, --include and --rounds; a bad one is named (exit code 2). */
  private BenchPlan plan() {
    Profile profile;
    try {
      profile = Profile.parse(command.profile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--profile: " + e.getMessage(), e);
    }
    Pattern filter;
    try {
      filter = command.include == null ? null : Pattern.compile(command.include);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--include '" + command.include + "' is not a valid regular expression: "
          + e.getDescription(), e);
    }
    BenchPlan plan = PlanBuilder.build(new PlanRequest(profile, Runtime.getRuntime().availableProcessors(),
        null, null, filter));
    if (plan.entries().isEmpty()) {
      throw new IllegalArgumentException("--include '" + command.include + "' matches none of the plan's benchmarks");
    }
    if (command.rounds != null) {
      if (command.rounds < 1) {
        throw new IllegalArgumentException("--rounds must be a positive integer, was " + command.rounds);
      }
      plan = new BenchPlan(plan.profile(), plan.entries(), command.rounds, plan.wordLimit(), null);
    }
    return plan;
  }

  private Path dataset() {
    if (command.dataset != null) {
      if (!Files.isRegularFile(command.dataset)) {
        throw new IllegalArgumentException("--dataset " + command.dataset + " is not a file (a .txt word list, or a .zip holding one)");
      }
      return command.dataset.toAbsolutePath().normalize();
    }
    return DefaultDataset.resolve(LabHome.datasets()).toAbsolutePath().normalize();
  }

  /** The jar this command runs from: the head side's build. */
  private static Path ownJar() {
    try {
      Path p = Path.of(AgainstRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
        throw new CheckInputException("--against needs the lab's jar (java -jar target/benchmarks.jar check"
            + " --against REF, or ./run-benchmarks.sh check --against REF); this runs from " + p);
      }
      return p;
    } catch (URISyntaxException e) {
      throw new CheckInputException("cannot tell which jar this is: " + e.getMessage());
    }
  }
}
