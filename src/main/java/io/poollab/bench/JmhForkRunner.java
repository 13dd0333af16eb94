package io.poollab.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a fork of the lab's own benchmarks through JMH's Java API, in this JVM's class path, with
 * JMH's GC profiler on (GC time and allocation per operation are part of what a job costs).
 *
 * <p>While another JMH run on the machine holds JMH's lock, the fork waits for it (two runs at
 * once would measure each other), up to a budget for the whole run. A fork that runs past its
 * limit (a hang) has its JVM stopped and fails, so one broken benchmark cannot stall a run.
 *
 * <pre>{@code
 * try (PrintStream log = new PrintStream(new FileOutputStream("jmh.log", true), true, UTF_8)) {
 *   ForkResult r = new JmhForkRunner(log).run(entry, List.of("-Xmx1g"), Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class JmhForkRunner implements ForkRunner {

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fork-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final OutputFormat format;
  private final PrintStream notices;
  private Duration lockWait = Duration.ofMinutes(10);
  private Duration lockWaited = Duration.ZERO;

  /**
   * A runner whose JMH output goes to {@code log}.
   *
   * @param log JMH's console output (the run's {@code jmh.log})
   * @param notices where a wait for JMH's lock is announced (the progress stream)
   */
  public JmhForkRunner(PrintStream log, PrintStream notices) {
    this.format = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
    this.notices = notices;
  }

  /**
   * How long, over all forks, to wait for other JMH runs on this machine to release JMH's lock
   * (default 10 min); after that, a fork that finds the lock held fails at once.
   *
   * @param wait the longest wait
   * @return this runner
   */
  public JmhForkRunner lockWait(Duration wait) {
    this.lockWait = wait;
    return this;
  }

  @Override
  public ForkResult run(PlanEntry entry, List<String> jvmArgs, Duration limit)
      throws ForkFailedException {
    AtomicBoolean timedOut = new AtomicBoolean();
    AtomicLong forkSeconds = new AtomicLong();
    // counts only while a forked JVM exists, so waiting for JMH's lock does not count
    ScheduledFuture<?> watchdog =
        WATCHDOG.scheduleAtFixedRate(() -> {
          if (forks().findAny().isPresent()
              && forkSeconds.incrementAndGet() > limit.toSeconds()
              && !timedOut.getAndSet(true)) {
            forks().forEach(ProcessHandle::destroyForcibly);
          }
        }, 1, 1, TimeUnit.SECONDS);
    try {
      Collection<RunResult> results = runWaitingForLock(options(entry, jvmArgs));
      if (timedOut.get()) {
        throw new ForkFailedException(
            "ran past its limit of " + BenchPlan.format(limit) + " (a hang?); its JVM was stopped", null);
      }
      return toForkResult(results);
    } catch (RunnerException | RuntimeException e) {
      String why = timedOut.get()
          ? "ran past its limit of " + BenchPlan.format(limit) + " (a hang?); its JVM was stopped"
          : rootMessage(e);
      throw new ForkFailedException(why, e);
    } finally {
      watchdog.cancel(false);
    }
  }

  /** JMH options for one fork: exactly the entry's benchmark and params, its iterations, GC profiling. */
  static Options options(PlanEntry entry, List<String> jvmArgs) {
    IterationSettings s = entry.settings();
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .include("^" + Pattern.quote(entry.benchmark()) + "$")
            .forks(1)
            .warmupIterations(s.warmupIterations())
            .warmupTime(TimeValue.milliseconds(s.warmupTime().toMillis()))
            .measurementIterations(s.measurementIterations())
            .measurementTime(TimeValue.milliseconds(s.measurementTime().toMillis()))
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.NORMAL);
    for (Map.Entry<String, String> p : entry.params().entrySet()) {
      b = b.param(p.getKey(), p.getValue());
    }
    return b.build();
  }

  /** One fork's result: JMH gives one RunResult holding one BenchmarkResult per fork. */
  static ForkResult toForkResult(Collection<RunResult> results) throws ForkFailedException {
    if (results.size() != 1) {
      throw new ForkFailedException("JMH returned " + results.size() + " results for one benchmark", null);
    }
    RunResult run = results.iterator().next();
    List<BenchmarkResult> forks = new ArrayList<>(run.getBenchmarkResults());
    if (forks.size() != 1) {
      throw new ForkFailedException("JMH returned " + forks.size() + " forks where one was asked for", null);
    }
    List<IterationResult> its = new ArrayList<>(forks.get(0).getIterationResults());
    List<Double> iterations = new ArrayList<>();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    its.forEach(it -> it.getSecondaryResults().keySet().forEach(k -> names.add(metricName(k))));
    Map<String, List<Double>> secondary = new LinkedHashMap<>();
    names.forEach(n -> secondary.put(n, new ArrayList<>()));
    for (IterationResult it : its) {
      iterations.add(it.getPrimaryResult().getScore());
      Map<String, Double> here = new LinkedHashMap<>();
      it.getSecondaryResults().forEach((k, v) -> here.put(metricName(k), v.getScore()));
      // the GC profiler leaves gc.time out of an iteration without a collection: that is 0 ms
      names.forEach(n -> secondary.get(n).add(here.getOrDefault(n, n.startsWith("gc.") ? 0.0 : Double.NaN)));
    }
    if (iterations.isEmpty()) {
      throw new ForkFailedException("the fork measured no iteration", null);
    }
    BenchmarkParams params = run.getParams();
    Result<?> primary = run.getPrimaryResult();
    return new ForkResult(
        params.getMode().shortLabel(),
        primary.getScoreUnit(),
        iterations,
        secondary,
        new ForkResult.Jvm(params.getJvm(), params.getJdkVersion(), params.getVmName(), params.getVmVersion()));
  }

  /** JMH labels secondary results {@code ·gc.time}; the dot is presentation, not the name. */
  static String metricName(String label) {
    return label.startsWith("\u00b7") ? label.substring(1) : label;
  }

  private Collection<RunResult> runWaitingForLock(Options options) throws RunnerException {
    boolean told = false;
    while (true) {
      long tryStart = System.nanoTime();
      try {
        return new Runner(options, format).run();
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
          notices.println("        waiting for another JMH run on this machine to finish (JMH lock held) ...");
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

  /** This JVM's forked benchmark JVMs (JMH's ForkedMain children). */
  static Stream<ProcessHandle> forks() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain"));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
