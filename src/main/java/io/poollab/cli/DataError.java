package io.poollab.cli;

/**
 * A problem with what the user's files hold, not with how the command was typed: a dataset that
 * does not exist or holds no words, a folder that cannot be written. {@link Main} prints it as
 * one line, {@code <command>: <message>}, and exits with code 2, without the usage text that
 * picocli prints for a mistyped command line.
 *
 * <pre>{@code
 * if (words.isEmpty()) {
 *   throw new DataError("--dataset " + path + " holds no words; give a list with at least one word per line");
 * }
 * }</pre>
 */
final class DataError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The exit code of a data error, the same as picocli's for a usage error. */
  static final int EXIT_CODE = 2;

  /**
   * @param message one line that names the input and what is allowed
   */
  DataError(String message) {
    super(message);
  }

  /**
   * @param message one line that names the input and what is allowed
   * @param cause what went wrong underneath
   */
  DataError(String message, Throwable cause) {
    super(message, cause);
  }
}
