package io.poollab.bench;

import java.time.Duration;
import java.util.List;

/**
 * Runs one fork of one plan entry: a fresh JVM that warms up and measures the entry's iterations.
 * The round runner calls it once per fork, in the order of its schedule; implementations run the
 * lab's own benchmarks in place ({@link JmhForkRunner}) or another build's jar ({@link
 * JarForkRunner}, for {@code check --against}), and tests substitute fakes.
 *
 * <pre>{@code
 * ForkRunner runner = new JmhForkRunner(log);
 * ForkResult result = runner.run(entry, List.of("-Xmx1g"), Duration.ofSeconds(60));
 * }</pre>
 */
public interface ForkRunner {

  /**
   * Runs one fork.
   *
   * @param entry the benchmark and params, with the iteration settings to use
   * @param jvmArgs the forked JVM's arguments
   * @param limit the longest the fork may run; a fork still running then is stopped and fails
   * @return the measured iterations
   * @throws ForkFailedException when the fork fails, hangs past its limit or cannot start
   */
  ForkResult run(PlanEntry entry, List<String> jvmArgs, Duration limit) throws ForkFailedException;

  /** A fork that produced no result, with the reason in one line. */
  final class ForkFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message why, in one line
     * @param cause the underlying error, or null
     */
    public ForkFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
