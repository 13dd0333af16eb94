package io.poollab.report;

/**
 * A run folder that cannot be reported on at all: it does not exist, or nothing in it could be
 * read. Smaller gaps (one bad file) are not exceptions but {@link RunResults#problems()}.
 *
 * <pre>{@code
 * try {
 *   RunResults run = RunReader.read(Path.of("reports/20260101-120000"));
 * } catch (ReportException e) {
 *   System.err.println(e.getMessage()); // names the folder and what is wrong
 * }
 * }</pre>
 */
public final class ReportException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the input
   */
  public ReportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, naming the input
   * @param cause the underlying failure
   */
  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
