package io.poollab.regress;

/**
 * A run or baseline the check cannot use: missing, malformed, or without results. The message
 * names the folder or file and what is wrong; the {@code check} command exits with code 2.
 *
 * <pre>{@code
 * try {
 *   CheckInput run = CheckInput.load(Path.of("reports/20260101-120000"), "run");
 * } catch (CheckInputException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class CheckInputException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the input
   */
  public CheckInputException(String message) {
    super(message);
  }
}
