package io.poollab.workload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A word file that could not be used: missing, a directory, unreadable, not UTF-8, or a zip
 * archive without exactly one text file. The message names the file and the problem.
 *
 * <pre>{@code
 * try {
 *   WordList.load(Path.of("missing.txt"));
 * } catch (DatasetException e) {
 *   System.err.println(e.getMessage()); // missing.txt: no such file ...
 * }
 * }</pre>
 */
public final class DatasetException extends RuntimeException {

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the file that could not be used
   * @param problem what was wrong with it, and what is allowed
   */
  public DatasetException(Path file, String problem) {
    this(file, problem, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param file the file that could not be used
   * @param problem what was wrong with it, and what is allowed
   * @param cause the underlying exception, or {@code null}
   */
  public DatasetException(Path file, String problem, Throwable cause) {
    super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"),
        cause);
    this.file = file;
  }

  /**
   * The file that could not be used.
   *
   * @return the path as given
   */
  public Path file() {
    return file;
  }
}
