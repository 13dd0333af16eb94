package io.poollab.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a plan's entries one by one through JMH's Java API and keeps {@code jmh.json} current.
 *
 * <p>After every entry, all results so far are written to {@code jmh.json} (a temporary file
 * moved into place), so an interrupted run leaves valid JSON with what finished. JMH's own
 * console output goes to {@code jmh.log}; progress (which entry, i/N, elapsed, time left) goes to
 * the progress stream. While another JMH run on the machine holds JMH's lock, entries wait for
 * it (two runs at once would measure each other), up to a budget for the whole run. An entry
 * that runs far past its estimate (a hang) has its forked JVM stopped and counts as failed.
 *
 * <pre>{@code
 * BenchRunner.Summary s = new BenchRunner(plan, runDir, List.of("-Dpoollab.dataset=..."), System.err).run();
 * }</pre>
 */
public final class BenchRunner {

  private final BenchPlan plan;
  private final Path runDir;
  private final List<String> jvmArgs;
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final PrintStream progress;
  private final List<RunResult> results = new ArrayList<>();
  private volatile int finished;
  private Duration lockWait = Duration.ofMinutes(10);
  private Duration lockWaited = Duration.ZERO;
  private Duration grace = Duration.ofSeconds(45);

  /**
   * A runner for one run folder.
   *
   * @param plan the entries to run
   * @param runDir the run folder ({@code jmh.json} and {@code jmh.log} go there)
   * @param jvmArgs the arguments of every forked benchmark JVM
   * @param progress where progress lines go (stderr on the command line)
   */
  public BenchRunner(BenchPlan plan, Path runDir, List<String> jvmArgs, PrintStream progress) {
    this.plan = plan;
    this.runDir = runDir;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.progress = progress;
  }

  /**
   * What a run did.
   *
   * @param finished entries that produced a result
   * @param failed labels of the entries that failed
   * @param elapsed wall time of the JMH stage
   */
  public record Summary(int finished, List<String> failed, Duration elapsed) {}

  /**
   * How long, over the whole run, to wait for other JMH runs on this machine to release JMH's
   * lock (default 10 min); after that, an entry that finds the lock held fails at once.
   *
   * @param wait the longest wait
   * @return this runner
   */
  public BenchRunner lockWait(Duration wait) {
    this.lockWait = wait;
    return this;
  }

  /** How many entries have finished so far (read by the interrupt handler). */
  public int finished() {
    return finished;
  }

  /**
   * Runs every entry in order.
   *
   * @return the summary
   * @throws IOException when the run folder cannot be written
   */
  public Summary run() throws IOException {
    Files.createDirectories(runDir);
    Path json = runDir.resolve("jmh.json");
    writeJson(json);
    List<String> failed = new ArrayList<>();
    long start = System.nanoTime();
    Duration estimatedDone = Duration.ZERO;
    List<PlanEntry> entries = plan.entries();
    try (PrintStream log =
        new PrintStream(new FileOutputStream(runDir.resolve("jmh.log").toFile(), true), true, StandardCharsets.UTF_8)) {
      OutputFormat format = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
      for (int i = 0; i < entries.size(); i++) {
        PlanEntry entry = entries.get(i);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration left = timeLeft(entries, i, elapsed, estimatedDone);
        progress.printf(
            Locale.ROOT,
            "[%d/%d] %s  (elapsed %s, ~%s left)%n",
            i + 1,
            entries.size(),
            entry.label(),
            BenchPlan.format(elapsed),
            BenchPlan.format(left));
        Duration limit = limit(entry);
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicLong forkSeconds = new AtomicLong();
        // counts only the time a forked JVM exists, so waiting for JMH's lock does not count
        ScheduledFuture<?> watchdog =
            WATCHDOG.scheduleAtFixedRate(() -> {
              if (forks().findAny().isPresent()
                  && forkSeconds.incrementAndGet() > limit.toSeconds()
                  && !timedOut.getAndSet(true)) {
                forks().forEach(ProcessHandle::destroyForcibly);
              }
            }, 1, 1, TimeUnit.SECONDS);
        try {
          Collection<RunResult> rs = runWaitingForLock(entry, format);
          watchdog.cancel(false);
          if (timedOut.get()) {
            throw new RunnerException("ran past its limit of " + BenchPlan.format(limit) + "; its JVM was stopped");
          }
          results.addAll(rs);
          writeJson(json);
          for (RunResult r : rs) {
            Result<?> primary = r.getPrimaryResult();
            progress.printf(
                Locale.ROOT,
                "        = %.3f ± %.3f %s%n",
                primary.getScore(),
                primary.getScoreError(),
                primary.getScoreUnit());
          }
          finished++;
        } catch (RunnerException | RuntimeException e) {
          watchdog.cancel(false);
          failed.add(entry.label());
          String why =
              timedOut.get()
                  ? "ran past its limit of " + BenchPlan.format(limit) + " (a hang?); its JVM was stopped"
                  : rootMessage(e);
          progress.println("        FAILED: " + why + " (details in " + runDir.resolve("jmh.log") + ")");
        }
        estimatedDone = estimatedDone.plus(entry.estimate());
      }
    }
    return new Summary(finished, List.copyOf(failed), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The longest an entry's forked JVMs may run before they are stopped: a hung benchmark (a pool
   * that deadlocks) must not stall the whole run. Three times its estimate plus a grace period
   * (default 45 s), so a slow but working entry on a busy machine still finishes.
   */
  Duration limit(PlanEntry entry) {
    return entry.estimate().multipliedBy(3).plus(grace);
  }

  /**
   * Sets the grace period added to three times an entry's estimate before its JVM is stopped.
   *
   * @param grace the grace period, at least zero
   * @return this runner
   */
  public BenchRunner hangGrace(Duration grace) {
    this.grace = grace;
    return this;
  }

  /** This JVM's forked benchmark JVMs (JMH's ForkedMain children). */
  private static java.util.stream.Stream<ProcessHandle> forks() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain"));
  }

  /**
   * Runs one entry; while another JMH run on this machine holds JMH's lock (its file in the
   * temporary folder), waits for it rather than fail or measure two runs at once.
   */
  private Collection<RunResult> runWaitingForLock(PlanEntry entry, OutputFormat format)
      throws RunnerException {
    boolean told = false;
    while (true) {
      long tryStart = System.nanoTime();
      try {
        return new Runner(options(entry), format).run();
      } catch (RunnerException e) {
        boolean locked = String.valueOf(e.getMessage()).contains("Unable to acquire the JMH lock");
        if (!locked) {
          throw e;
        }
        if (lockWaited.compareTo(lockWait) >= 0) {
          throw new RunnerException(
              "another JMH run held JMH's lock for longer than the " + BenchPlan.format(lockWait)
                  + " this run may wait; rerun when it is done, or with --ignore-jmh-lock", e);
        }
        if (!told) {
          progress.println("        waiting for another JMH run on this machine to finish (JMH lock held) ...");
          told = true;
        }
        try {
          Thread.sleep(2000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        lockWaited = lockWaited.plusNanos(System.nanoTime() - tryStart);
      }
    }
  }

  /** The remaining entries' estimate, scaled by how fast the finished ones went against theirs. */
  static Duration timeLeft(List<PlanEntry> entries, int next, Duration elapsed, Duration estimatedDone) {
    Duration rest = Duration.ZERO;
    for (int j = next; j < entries.size(); j++) {
      rest = rest.plus(entries.get(j).estimate());
    }
    if (estimatedDone.isZero() || elapsed.isZero()) {
      return rest;
    }
    double pace = Math.min(4.0, Math.max(0.25, (double) elapsed.toMillis() / estimatedDone.toMillis()));
    return Duration.ofMillis((long) (rest.toMillis() * pace));
  }

  /** JMH options for one entry: exactly its benchmark, its params, its iterations, our forks' flags. */
  org.openjdk.jmh.runner.options.Options options(PlanEntry entry) {
    IterationSettings s = entry.settings();
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .include("^" + Pattern.quote(entry.benchmark()) + "$")
            .forks(s.forks())
            .warmupIterations(s.warmupIterations())
            .warmupTime(TimeValue.milliseconds(s.warmupTime().toMillis()))
            .measurementIterations(s.measurementIterations())
            .measurementTime(TimeValue.milliseconds(s.measurementTime().toMillis()))
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.NORMAL);
    for (Map.Entry<String, String> p : entry.params().entrySet()) {
      b = b.param(p.getKey(), p.getValue());
    }
    return b.build();
  }

  private void writeJson(Path json) throws IOException {
    Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
    try (PrintStream out = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
    }
    Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
