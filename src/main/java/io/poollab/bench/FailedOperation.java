package io.poollab.bench;

/**
 * What a benchmark does when an operation fails: JMH then skips the trial's {@code @TearDown}, so
 * the benchmark stops what its set-up started (threads, and a {@code CLUSTER} pool's member
 * processes) itself before it rethrows, instead of leaving it to the end of the fork's JVM.
 *
 * <pre>{@code
 * try {
 *   return job.run(items);
 * } catch (Exception | Error e) {
 *   FailedOperation.close(job, e);
 *   job = null;
 *   throw e;
 * }
 * }</pre>
 */
final class FailedOperation {

  private FailedOperation() {}

  /**
   * Closes what a trial set up after an operation failed, keeping what closing threw as suppressed
   * by the failure.
   *
   * @param resource the job or pool, or null when it was closed already
   * @param failure what the operation threw
   */
  static void close(AutoCloseable resource, Throwable failure) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception | Error e) {
      failure.addSuppressed(e);
    }
  }
}
