package io.poollab.report;

import java.util.List;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Pool} reference results ({@code python.json}), present when
 * the run found a {@code python3}.
 *
 * <pre>{@code
 * run.python().ifPresent(py -> System.out.println("Python " + py.python() + ", " + py.results().size() + " results"));
 * }</pre>
 *
 * @param python the Python version
 * @param cores the cores Python saw ({@code 0}: unknown)
 * @param dataset the dataset Python hashed
 * @param results its results
 */
public record PythonResults(String python, int cores, String dataset, List<PythonResult> results) {

  /** Checks the fields and copies the list. */
  public PythonResults {
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(dataset, "dataset");
    if (cores < 0) {
      throw new IllegalArgumentException("cores must be >= 0 (0 = unknown), was " + cores);
    }
    results = List.copyOf(results);
  }
}
