package io.poollab.pool;

/**
 * A task threw: re-raised at that task's place by {@code get()}, {@code map()} or the result
 * iterator, with the task's own exception as the cause.
 *
 * <pre>{@code
 * try {
 *   pool.map(x -> 10 / x, List.of(1, 0));
 * } catch (TaskFailedException e) {
 *   Throwable original = e.getCause();   // the ArithmeticException
 * }
 * }</pre>
 */
public class TaskFailedException extends RuntimeException {

  /**
   * Wraps a task's failure.
   *
   * @param message what failed and where
   * @param cause the task's own exception
   */
  public TaskFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
