package io.poollab.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs a plan as randomized interleaved rounds and keeps each side's {@link RoundLog} current.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>Before the first round the canary's CPU probe runs five times; its median is the
 *       reference (later probes join it, so the reference is the median of every probe).</li>
 *   <li>A run is {@code rounds} rounds. Each round runs one fork of every entry, in the groups and
 *       order {@link RoundScheduler} draws for that round from the seed: parallel forks of a
 *       workload on either side of a SERIAL fork of it.</li>
 *   <li>Around each group the probe runs, and around each fork the CPU counters are read. A group
 *       is <em>disturbed</em> when, during one of its forks, other processes kept more than
 *       {@link DisturbanceLimits#foreignCores()} cores busy or the hypervisor took more than
 *       {@link DisturbanceLimits#stealCores()}, or when the probe before or after it was slower
 *       than the reference by more than {@link DisturbanceLimits#probeSlowdown()}.</li>
 *   <li>After the last round, a group is also disturbed when one of its forks measured further than
 *       {@link DisturbanceLimits#forkDeviation()} from the median of its configuration's other
 *       rounds (a host slowing one fork, which no counter shows). Every disturbed group then runs
 *       once more, in a shuffled order, the most disturbed first, at most a quarter of the groups
 *       and at most 10% of the rounds' time, and none that would end past the run's
 *       {@link #rerunDeadline(Duration) deadline} (its profile's time limit). The re-run
 *       replaces the first attempt unless it was disturbed too, in which case the less disturbed
 *       attempt is kept and stays marked, so the statistics can leave it out or flag it.</li>
 * </ol>
 * A fork that fails or hangs (stopped after three times its estimate plus a grace period) is
 * recorded with its reason and the run goes on.
 *
 * <pre>{@code
 * RoundRunner.Summary s = new RoundRunner(List.of(side), entries, 3, seed, Canary.machine(2), System.err).run();
 * }</pre>
 */
public final class RoundRunner {

  /** The protocol in one sentence, written into every rounds.json. */
  public static final String DESCRIPTION =
      "Each round runs one fork of every configuration in a shuffled order, parallel forks of a"
          + " workload next to a SERIAL fork of it ([P, SERIAL, P] groups); a CPU probe runs around"
          + " each group and CPU counters are read around each fork; disturbed groups run once more"
          + " after the last round.";

  /** Probes before the first round, whose median is the first reference. */
  static final int REFERENCE_PROBES = 5;

  /**
   * At most this share of a run's groups runs again. A transient disturbance (another job for a
   * while) hits a few groups, and re-running them pays; a machine that is noisy throughout would
   * re-run half the run to no avail, so the rest stay marked and the statistics deal with them.
   */
  static final double RERUN_SHARE = 0.25;

  /** Re-runs stop once they have taken this share of the time the rounds took. */
  static final double RERUN_TIME_SHARE = 0.10;

  /** The pause before a slow probe reading is taken again. */
  static final Duration SETTLE = Duration.ofMillis(200);

  /**
   * One side of the run: its forks run through {@code runner} with {@code jvmArgs} and are
   * recorded in {@code log}.
   *
   * @param name the side's name ({@code run}, or {@code ref}/{@code head})
   * @param runner how its forks run
   * @param log where they are recorded
   * @param jvmArgs the forked JVMs' arguments
   */
  public record Side(String name, ForkRunner runner, RoundLog log, List<String> jvmArgs) {
    /** Checks and copies. */
    public Side {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(runner, "runner");
      Objects.requireNonNull(log, "log");
      jvmArgs = List.copyOf(jvmArgs);
    }
  }

  /**
   * What a run did.
   *
   * @param forks forks run, re-runs included
   * @param failed labels of the configurations that had a failed fork, each once
   * @param groups groups run in the rounds (re-runs not counted)
   * @param disturbed groups the canary judged disturbed in the rounds
   * @param rerun groups run again
   * @param stillDisturbed groups whose kept attempt is disturbed
   * @param roundsRun rounds completed
   * @param elapsed wall time
   */
  public record Summary(int forks, List<String> failed, int groups, int disturbed, int rerun,
      int stillDisturbed, int roundsRun, Duration elapsed) {
    /** Copies. */
    public Summary {
      failed = List.copyOf(failed);
    }

    /** The disturbance line of the run, e.g. "2 of 36 groups disturbed, re-run; 0 still disturbed". */
    public String disturbanceLine() {
      return String.format(Locale.ROOT, "%d of %d groups disturbed%s; %d still disturbed after re-runs",
          disturbed, groups, rerun > 0 ? ", " + rerun + " re-run" : "", stillDisturbed);
    }
  }

  private final List<Side> sides;
  private final List<ForkGroup.SideEntry> entries;
  private final int rounds;
  private final long seed;
  private final Canary canary;
  private final PrintStream progress;
  private DisturbanceLimits limits = DisturbanceLimits.DEFAULTS;
  private Duration grace = Duration.ofSeconds(45);
  private Duration timeBox;
  private Duration rerunDeadline;
  private boolean rerunDisturbed = true;
  private IntConsumer afterEachRound = round -> { };
  private Duration betweenRoundsExpected = Duration.ZERO;
  private long betweenRoundsNanos;
  private int roundsRun;

  private final List<Double> probes = new ArrayList<>();
  private final Set<String> failed = new LinkedHashSet<>();
  private int nextId = 1;
  private int forksRun;
  private long start;
  private Duration estimatedDone = Duration.ZERO;
  private Duration estimatedTotal = Duration.ZERO;
  private int plannedForks;

  /**
   * A runner.
   *
   * @param sides the sides, by name; each entry names one of them
   * @param entries the entries to run each round
   * @param rounds the rounds, at least 1
   * @param seed the seed of the order
   * @param canary the machine's canary
   * @param progress where progress lines go (stderr on the command line)
   */
  public RoundRunner(List<Side> sides, List<ForkGroup.SideEntry> entries, int rounds, long seed,
      Canary canary, PrintStream progress) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    this.sides = List.copyOf(sides);
    this.entries = List.copyOf(entries);
    this.rounds = rounds;
    this.seed = seed;
    this.canary = Objects.requireNonNull(canary, "canary");
    this.progress = Objects.requireNonNull(progress, "progress");
    for (ForkGroup.SideEntry e : entries) {
      side(e.side());
    }
  }

  /** Sets the disturbance limits (default {@link DisturbanceLimits#DEFAULTS}). */
  public RoundRunner limits(DisturbanceLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** Sets the grace period added to three times a fork's estimate before it is stopped (default 45 s). */
  public RoundRunner hangGrace(Duration grace) {
    this.grace = Objects.requireNonNull(grace, "grace");
    return this;
  }

  /**
   * Starts no new round after the first, and no re-run, once this much time has passed (for the
   * check's confirmation runs); a round under way still finishes. Null: no limit.
   */
  public RoundRunner timeBox(Duration box) {
    this.timeBox = box;
    return this;
  }

  /**
   * Starts no re-run that would end later than this long after the run began, at the pace the
   * rounds ran (a profile's time limit less what comes after the rounds; see
   * {@link BenchPlan#rerunDeadline()}). Null: only the share of the rounds' time bounds re-runs.
   */
  public RoundRunner rerunDeadline(Duration deadline) {
    this.rerunDeadline = deadline;
    return this;
  }

  /** Whether disturbed groups run once more after the last round (default true). */
  public RoundRunner rerunDisturbed(boolean rerun) {
    this.rerunDisturbed = rerun;
    return this;
  }

  /**
   * Runs {@code step} after each round, before the next round (or the re-runs) begins, with the
   * round's number from 1: a plain run times Python's reference there, so that it runs in the
   * same hour as the forks. The step's time counts toward the run's deadline but not toward the
   * pace of the rounds, which sizes the re-runs and the time left that progress lines show.
   *
   * @param step what to run, given the round just run
   * @param expectedInAll what all the rounds' steps together are expected to take, for the time left
   * @return this runner
   */
  public RoundRunner afterEachRound(IntConsumer step, Duration expectedInAll) {
    this.afterEachRound = Objects.requireNonNull(step, "step");
    this.betweenRoundsExpected = Objects.requireNonNull(expectedInAll, "expectedInAll");
    return this;
  }

  /** Forks finished so far (read by the interrupt handler). */
  public int forksRun() {
    return forksRun;
  }

  /** The expected length of a run: every round's forks plus the probes, without re-runs. */
  public static Duration estimate(List<ForkGroup.SideEntry> entries, int rounds) {
    Duration one = Duration.ZERO;
    for (ForkGroup.SideEntry e : entries) {
      one = one.plus(e.entry().estimate());
    }
    // serial forks run once per group of two parallel forks, not once per round
    Map<String, Integer> parallelPerJob = new LinkedHashMap<>();
    Map<String, Duration> serialPerJob = new LinkedHashMap<>();
    for (ForkGroup.SideEntry e : entries) {
      String job = RoundScheduler.jobOf(e);
      if (e.isSerial()) {
        serialPerJob.put(job, e.entry().estimate());
      } else {
        parallelPerJob.merge(job, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Duration> s : serialPerJob.entrySet()) {
      int p = parallelPerJob.getOrDefault(s.getKey(), 0);
      int serialForks = Math.max(1, (p + RoundScheduler.PARALLEL_PER_SERIAL - 1) / RoundScheduler.PARALLEL_PER_SERIAL);
      one = one.plus(s.getValue().multipliedBy(serialForks - 1));
    }
    return one.multipliedBy(rounds);
  }

  /**
   * Runs the rounds, then the re-runs.
   *
   * @return what happened
   */
  public Summary run() {
    start = System.nanoTime();
    List<List<ForkGroup>> schedule = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      schedule.add(RoundScheduler.round(entries, r, seed));
    }
    for (List<ForkGroup> round : schedule) {
      for (ForkGroup g : round) {
        plannedForks += g.members().size();
        estimatedTotal = estimatedTotal.plus(g.estimate());
      }
    }
    for (int i = 0; i < REFERENCE_PROBES; i++) {
      probes.add(canary.probeMillis());
    }
    progress.printf(Locale.ROOT, "Protocol: %d rounds of %d groups (%d forks), seed %d; CPU probe %.1f ms on %d threads%n",
        rounds, schedule.isEmpty() ? 0 : schedule.get(0).size(), plannedForks, seed, reference(), canary.probeThreads());
    writeAll();

    List<Attempt> attempts = new ArrayList<>();
    for (List<ForkGroup> round : schedule) {
      if (roundsRun > 0 && overTimeBox()) {
        progress.println("Time box reached: no further rounds.");
        break;
      }
      for (ForkGroup g : round) {
        attempts.add(runGroup(g, 1));
      }
      roundsRun++;
      long stepStart = System.nanoTime();
      afterEachRound.accept(roundsRun);
      betweenRoundsNanos += System.nanoTime() - stepStart;
    }
    // a fork far from its configuration's other rounds was disturbed too, whatever the counters said
    List<Attempt> judged = new ArrayList<>();
    for (Attempt a : attempts) {
      judged.add(judgeDeviation(a));
    }
    List<Attempt> disturbed = judged.stream().filter(a -> a.record().disturbed()).toList();
    writeAll();

    int rerun = 0;
    if (rerunDisturbed && !disturbed.isEmpty()) {
      // the most disturbed first, up to the budget; then in a shuffled order
      int budget = (int) Math.ceil(RERUN_SHARE * attempts.size());
      double ref = reference();
      List<Attempt> order = new ArrayList<>(disturbed.stream()
          .sorted(java.util.Comparator.comparingDouble((Attempt x) -> -x.record().severity(ref)))
          .limit(budget).toList());
      Collections.shuffle(order, new Random(seed ^ 0x5DEECE66DL));
      progress.printf(Locale.ROOT, "Re-running %d disturbed group(s)%s ...%n", order.size(),
          disturbed.size() > order.size()
              ? " (the most disturbed; " + (disturbed.size() - order.size()) + " more stay marked: at most a"
                  + " quarter of the groups run again)" : "");
      long roundsTook = System.nanoTime() - start - betweenRoundsNanos;
      long rerunStart = System.nanoTime();
      for (Attempt first : order) {
        if (overTimeBox()) {
          progress.println("Time box reached: the remaining disturbed groups are not re-run.");
          break;
        }
        if (rerunDeadline != null
            && System.nanoTime() - start + expectedNanos(first.group(), roundsTook) > rerunDeadline.toNanos()) {
          progress.printf(Locale.ROOT, "Re-runs stop here: the next would end past the profile's time limit"
              + " (%s for the rounds and re-runs): the remaining disturbed groups stay marked.%n",
              BenchPlan.format(rerunDeadline));
          break;
        }
        if (System.nanoTime() - rerunStart > RERUN_TIME_SHARE * roundsTook) {
          progress.printf(Locale.ROOT, "Re-runs took %.0f%% of the rounds' time: the remaining disturbed"
              + " groups stay marked.%n", 100 * RERUN_TIME_SHARE);
          break;
        }
        Attempt second = judgeDeviation(runGroup(first.group(), 2));
        rerun++;
        boolean keepSecond = choose(first.record(), second.record());
        RoundLog log = side(first.group().members().get(0).side()).log();
        log.keep(first.group().round(), first.group().index(), 1, !keepSecond);
        log.keep(first.group().round(), first.group().index(), 2, keepSecond);
      }
      writeAll();
    }
    int still = 0;
    for (Side s : sides) {
      still += (int) s.log().groups().stream().filter(GroupRecord::kept).filter(GroupRecord::disturbed).count();
    }
    return new Summary(forksRun, List.copyOf(failed), attempts.size(), disturbed.size(), rerun, still, roundsRun,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The attempt with its forks' deviation from their configurations' first attempts in the other
   * rounds; marked disturbed when one is further than {@link DisturbanceLimits#forkDeviation()}.
   * Needs two other rounds to compare with; otherwise the deviation stays unknown.
   */
  private Attempt judgeDeviation(Attempt a) {
    Side side = side(a.group().members().get(0).side());
    List<ForkRecord> all = side.log().forks();
    double worst = Double.NaN;
    String why = "";
    for (ForkRecord f : all) {
      if (!a.record().forkIds().contains(f.id()) || !f.succeeded()) {
        continue;
      }
      List<Double> others = new ArrayList<>();
      for (ForkRecord o : all) {
        if (o.succeeded() && o.attempt() == 1 && o.round() != f.round() && o.entry().equals(f.entry())) {
          others.add(median(o.result().iterations()));
        }
      }
      if (others.size() < 2) {
        continue;
      }
      double reference = median(others);
      double dev = median(f.result().iterations()) / reference - 1;
      if (Double.isNaN(worst) || Math.abs(dev) > worst) {
        worst = Math.abs(dev);
        if (Math.abs(dev) > limits.forkDeviation()) {
          why = String.format(Locale.ROOT, "%s measured %.0f%% %s its median in the other rounds",
              f.entry().params().getOrDefault("impl", f.entry().shortName()), 100 * Math.abs(dev),
              dev > 0 ? "above" : "below");
        }
      }
    }
    GroupRecord updated = a.record().withDeviation(worst, why);
    side.log().replace(updated);
    if (!why.isEmpty()) {
      progress.println("        group " + a.group().round() + "." + a.group().index()
          + (a.record().attempt() > 1 ? " (re-run)" : "") + " is an outlier: " + why);
    }
    return new Attempt(a.group(), updated);
  }

  private static double median(List<Double> values) {
    double[] xs = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  }

  /** Whether the re-run replaces the first attempt: when it is clean and complete, or less disturbed. */
  private boolean choose(GroupRecord first, GroupRecord second) {
    boolean secondComplete = allSucceeded(second);
    if (!secondComplete && allSucceeded(first)) {
      return false;
    }
    if (!second.disturbed()) {
      return true;
    }
    return second.severity(reference()) <= first.severity(reference());
  }

  private boolean allSucceeded(GroupRecord g) {
    Side s = sides.stream().filter(x -> x.name().equals(g.side())).findFirst().orElseThrow();
    return s.log().forks().stream().filter(f -> g.forkIds().contains(f.id())).allMatch(ForkRecord::succeeded);
  }

  private Attempt runGroup(ForkGroup g, int attempt) {
    Side side = side(g.members().get(0).side());
    double probeBefore = probe();
    List<Integer> ids = new ArrayList<>();
    double foreign = Double.NaN;
    double steal = Double.NaN;
    for (ForkGroup.SideEntry m : g.members()) {
      ForkRecord f = runFork(side(m.side()), m.entry(), g, attempt);
      ids.add(f.id());
      foreign = max(foreign, f.foreignCores());
      steal = max(steal, f.stealCores());
    }
    double probeAfter = probe();
    Interference.Snapshot now = canary.snapshot();
    double load1 = now.available() ? now.load1() : Double.NaN;
    String reason = reason(foreign, steal, probeBefore, probeAfter);
    GroupRecord record = new GroupRecord(side.name(), g.round(), g.index(), attempt, g.job(), ids,
        probeBefore, probeAfter, foreign, steal, load1, Double.NaN, !reason.isEmpty(), reason, true);
    side.log().add(record);
    if (!reason.isEmpty()) {
      progress.println("        group " + g.round() + "." + g.index() + " disturbed: " + reason
          + (attempt == 1 && rerunDisturbed ? "; it runs again after the last round" : ""));
    }
    writeAll();
    return new Attempt(g, record);
  }

  private ForkRecord runFork(Side side, PlanEntry entry, ForkGroup g, int attempt) {
    int id = nextId++;
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    progress.printf(Locale.ROOT, "[round %d/%d, %d/%d%s] %s  (elapsed %s, ~%s left)%n",
        g.round(), rounds, Math.min(forksRun + 1, plannedForks), plannedForks,
        attempt > 1 ? ", re-run" : "", (sides.size() > 1 ? side.name() + ": " : "") + entry.label(),
        BenchPlan.format(elapsed), BenchPlan.format(timeLeft(elapsed)));
    List<String> args = new ArrayList<>(side.jvmArgs());
    args.add("-D" + BenchInputs.FORK + "=" + id);
    Duration limit = entry.estimate().multipliedBy(3).plus(grace);
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    Interference.Snapshot before = canary.snapshot();
    ForkResult result = null;
    String failure = null;
    try {
      result = side.runner().run(entry, args, limit);
    } catch (ForkRunner.ForkFailedException e) {
      failure = e.getMessage();
    }
    Interference.Load load = canary.between(before, canary.snapshot());
    double seconds = (System.nanoTime() - t0) / 1e9;
    ForkRecord record = new ForkRecord(id, side.name(), g.round(), g.index(), attempt, entry, args, startedAt,
        seconds, result, failure, load.available() ? load.foreignCores() : Double.NaN,
        load.available() ? load.stealCores() : Double.NaN, true);
    side.log().add(record);
    forksRun++;
    if (attempt == 1) {
      estimatedDone = estimatedDone.plus(entry.estimate());
    }
    if (result != null) {
      progress.printf(Locale.ROOT, "        = %.3f %s (median of %d)%s%n", median(result.iterations()),
          result.unit(), result.iterations().size(),
          load.available() && load.foreignCores() > limits.foreignCores()
              ? String.format(Locale.ROOT, "; others used %.2f cores meanwhile", load.foreignCores()) : "");
    } else {
      failed.add(entry.label());
      progress.println("        FAILED: " + failure + " (details in " + side.log().dir().resolve("jmh.log") + ")");
    }
    side.log().write(protocol());
    return record;
  }

  /**
   * One probe reading. A reading over the limit is taken again after a short pause and the faster
   * kept: on a quiet 2-vCPU VM about one probe in ten right after a fork ended ran 30-50% slow
   * (the kernel releasing the fork's heap, this JVM's own collector), while a competing process
   * keeps both readings slow.
   */
  private double probe() {
    double p = canary.probeMillis();
    if (p > reference() * (1 + limits.probeSlowdown())) {
      try {
        Thread.sleep(SETTLE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      p = Math.min(p, canary.probeMillis());
    }
    probes.add(p);
    return p;
  }

  private String reason(double foreign, double steal, double before, double after) {
    List<String> why = new ArrayList<>();
    if (foreign > limits.foreignCores()) {
      why.add(String.format(Locale.ROOT, "other processes used %.2f cores", foreign));
    }
    if (steal > limits.stealCores()) {
      why.add(String.format(Locale.ROOT, "the hypervisor took %.2f cores", steal));
    }
    double ref = reference();
    double worst = Math.max(before, after);
    if (worst > ref * (1 + limits.probeSlowdown())) {
      why.add(String.format(Locale.ROOT, "the CPU probe took %.0f%% longer than usual (%.1f vs %.1f ms)",
          100 * (worst / ref - 1), worst, ref));
    }
    return String.join("; ", why);
  }

  private double reference() {
    double[] xs = probes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (xs.length == 0) {
      return Double.NaN;
    }
    return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  }

  private RoundLog.Protocol protocol() {
    return new RoundLog.Protocol(seed, rounds, DESCRIPTION, canary.probeThreads(), canary.probeIterations(),
        reference(), limits);
  }

  private void writeAll() {
    RoundLog.Protocol p = protocol();
    for (Side s : sides) {
      s.log().write(p);
    }
  }

  private Duration timeLeft(Duration elapsed) {
    Duration rest = estimatedTotal.minus(estimatedDone);
    if (rest.isNegative()) {
      rest = Duration.ZERO;
    }
    // the steps between the rounds still to come, taken as even shares of their whole
    Duration steps = betweenRoundsExpected.multipliedBy(Math.max(0, rounds - roundsRun)).dividedBy(rounds);
    Duration forks = elapsed.minusNanos(betweenRoundsNanos);
    if (estimatedDone.isZero() || forks.isZero() || forks.isNegative()) {
      return rest.plus(steps);
    }
    double pace = Math.min(4.0, Math.max(0.25, (double) forks.toMillis() / estimatedDone.toMillis()));
    return Duration.ofMillis((long) (rest.toMillis() * pace)).plus(steps);
  }

  /**
   * How long a group should take to run again: its forks' estimates at the pace the rounds ran
   * against theirs (a loaded host runs every fork slower, its JVM starts included).
   */
  private long expectedNanos(ForkGroup group, long roundsTook) {
    double pace = estimatedTotal.isZero() ? 1.0 : Math.max(1.0, (double) roundsTook / estimatedTotal.toNanos());
    return (long) (group.estimate().toNanos() * pace);
  }

  private boolean overTimeBox() {
    return timeBox != null && System.nanoTime() - start > timeBox.toNanos();
  }

  private Side side(String name) {
    for (Side s : sides) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no side named '" + name + "'; sides: "
        + sides.stream().map(Side::name).toList());
  }

  private static double max(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    if (Double.isNaN(b)) {
      return a;
    }
    return Math.max(a, b);
  }

  private record Attempt(ForkGroup group, GroupRecord record) {}
}
