package io.poollab.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed, short CPU workload run on several platform threads at once and timed: the canary that
 * tells how much of the machine a round of benchmark forks had. On a quiet machine it takes
 * nearly the same time every time; with a second CPU-bound process on a 2-core machine it takes
 * about 1.5 to 2 times as long.
 *
 * <p>Each thread runs the same number of rounds of a mixed loop: a chain of xorshift64 steps
 * (the scalar integer units) and one SHA-512 digest of a 128-byte block (the vector units the
 * JDK's SHA-512 intrinsic uses, as the word job does), with no allocation and a result the JIT
 * cannot drop because it ends in a volatile field. The digest is there because scalar work alone
 * misses what disturbs the word job most on shared hosts: on a 2-vCPU VM, an xorshift-only probe
 * stayed within 40-85 ms while a SHA-512 loop of the same length on the same threads swung from
 * 7 to 45 ms from one second to the next (other tenants on the hosts' shared vector units).
 *
 * <pre>{@code
 * CpuProbe probe = CpuProbe.calibrated(2, Duration.ofMillis(25));
 * Duration before = probe.measure();
 * runForks();
 * Duration after = probe.measure(); // well above before: the machine was shared
 * }</pre>
 */
public final class CpuProbe {

  /** How long {@link #measure()} waits for its threads before it gives up. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Duration MIN_TARGET = Duration.ofMillis(1);
  private static final Duration MAX_TARGET = Duration.ofSeconds(1);

  // enough calls of the loop method for C2 to compile it whole, as the worker threads call it
  // (a round is about 1 us: 2,000 x 50 rounds take about 0.1 s)
  private static final int WARMUP_CALLS = 2_000;
  private static final long WARMUP_ITERATIONS = 50;
  private static final int CALIBRATION_ROUNDS = 5;

  private static final long SEED = 0x9E3779B97F4A7C15L;

  // where every thread's result goes, so the loop has an effect the JIT must keep
  @SuppressWarnings("unused")
  private static volatile long sink;

  private final int threads;
  private final long iterations;
  private final Duration timeout;
  private final Runnable onStart;

  /**
   * A probe with an explicit work size, for tests; its first {@link #measure()} may run before
   * the loop is compiled, so prefer {@link #calibrated(int, Duration)}.
   *
   * <pre>{@code
   * new CpuProbe(2, 1_000_000).measure();
   * }</pre>
   *
   * @param threads threads that run the loop at once, at least 1
   * @param iterations rounds of the loop per thread, at least 1
   */
  public CpuProbe(int threads, long iterations) {
    this(threads, iterations, TIMEOUT, () -> {});
  }

  /**
   * A probe with a test seam.
   *
   * @param threads threads that run the loop at once, at least 1
   * @param iterations rounds of the loop per thread, at least 1
   * @param timeout how long to wait for the threads to start, and again to finish
   * @param onStart run by each thread after the start gun, before its loop
   */
  CpuProbe(int threads, long iterations, Duration timeout, Runnable onStart) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
    }
    this.threads = threads;
    this.iterations = iterations;
    this.timeout = timeout;
    this.onStart = onStart;
  }

  /**
   * A probe for all the machine's cores whose {@link #measure()} takes about {@code target};
   * see {@link #calibrated(int, Duration)}.
   *
   * <pre>{@code
   * CpuProbe probe = CpuProbe.calibrated(Duration.ofMillis(25));
   * }</pre>
   *
   * @param target the wanted length of one measurement, 1 ms to 1 s
   * @return the calibrated probe
   */
  public static CpuProbe calibrated(Duration target) {
    return calibrated(Runtime.getRuntime().availableProcessors(), target);
  }

  /**
   * A probe whose {@link #measure()} takes about {@code target} on this machine. It warms the
   * loop up, then measures a few times, each time with an iteration count scaled from the last
   * measurement, and sets the count from the fastest of them, the least disturbed. Calibrating
   * costs about six times {@code target}.
   *
   * <pre>{@code
   * CpuProbe probe = CpuProbe.calibrated(2, Duration.ofMillis(25));
   * probe.iterations(); // per thread, so that probe.measure() is about 25 ms here
   * }</pre>
   *
   * @param threads threads that run the loop at once, at least 1
   * @param target the wanted length of one measurement, 1 ms to 1 s
   * @return the calibrated probe
   */
  public static CpuProbe calibrated(int threads, Duration target) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (target == null || target.compareTo(MIN_TARGET) < 0 || target.compareTo(MAX_TARGET) > 0) {
      throw new IllegalArgumentException(
          "target must be between " + MIN_TARGET.toMillis() + " ms and " + MAX_TARGET.toMillis()
              + " ms, was " + target);
    }
    long warmupStart = System.nanoTime();
    for (int i = 0; i < WARMUP_CALLS; i++) {
      sink = spin(WARMUP_ITERATIONS);
    }
    double nanosPerIteration =
        (double) (System.nanoTime() - warmupStart) / (WARMUP_CALLS * WARMUP_ITERATIONS);
    double fastest = Double.MAX_VALUE;
    for (int round = 0; round < CALIBRATION_ROUNDS; round++) {
      long n = iterationsFor(target, nanosPerIteration);
      double measured = (double) new CpuProbe(threads, n).measure().toNanos() / n;
      fastest = Math.min(fastest, measured);
      nanosPerIteration = measured;
    }
    return new CpuProbe(threads, iterationsFor(target, fastest));
  }

  private static long iterationsFor(Duration target, double nanosPerIteration) {
    return Math.max(1, Math.round(target.toNanos() / Math.max(nanosPerIteration, 1e-3)));
  }

  /**
   * Runs the loop on all threads at once and times it, from the start gun until the last thread
   * finishes. Threads are created per call, as daemon threads named {@code cpu-probe-N}, and all
   * have started before the clock does, so thread start-up is not measured.
   *
   * <pre>{@code
   * Duration d = probe.measure();
   * }</pre>
   *
   * @return the wall time of the run
   * @throws IllegalStateException when the threads do not start or finish within 30 s, or this
   *     thread is interrupted
   */
  public Duration measure() {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Thread(() -> work(ready, go, done, failure), "cpu-probe-" + i);
      workers[i].setDaemon(true);
    }
    for (Thread w : workers) {
      w.start();
    }
    try {
      await(ready, "start");
      long start = System.nanoTime();
      go.countDown();
      await(done, "finish");
      long elapsed = System.nanoTime() - start;
      if (failure.get() != null) {
        throw new IllegalStateException("the cpu probe failed: " + failure.get(), failure.get());
      }
      // a coarse clock could read 0 for a tiny run; a measurement is never free
      return Duration.ofNanos(Math.max(1, elapsed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cpu probe ran", e);
    } finally {
      // a thread still parked at the start gun when we gave up must not wait for ever
      go.countDown();
    }
  }

  private void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(
          "the cpu probe did not " + what + " within " + timeout.toMillis() + " ms ("
              + (threads - latch.getCount()) + " of " + threads + " threads, " + iterations
              + " iterations each)");
    }
  }

  private void work(
      CountDownLatch ready, CountDownLatch go, CountDownLatch done, AtomicReference<Throwable> failure) {
    try {
      ready.countDown();
      if (!go.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return;
      }
      onStart.run();
      sink = spin(iterations);
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    } finally {
      done.countDown();
    }
  }

  /** xorshift64 steps per round of the loop, beside its one digest. */
  private static final int STEPS = 256;

  /**
   * The loop: per round, {@value #STEPS} xorshift64 steps (a dependent chain the CPU cannot
   * shortcut or vectorise) and one SHA-512 digest of a 128-byte block, written into a buffer
   * this thread owns.
   */
  private static long spin(long n) {
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-512");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-512", e);
    }
    byte[] block = new byte[128];
    byte[] out = new byte[64];
    long x = SEED;
    for (long i = 0; i < n; i++) {
      for (int k = 0; k < STEPS; k++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      block[0] = (byte) x;
      digest.update(block, 0, block.length);
      try {
        digest.digest(out, 0, out.length);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
      x += out[7];
    }
    return x;
  }

  /** Threads that run the loop at once. */
  public int threads() {
    return threads;
  }

  /** Rounds of the loop each thread runs. */
  public long iterations() {
    return iterations;
  }
}
