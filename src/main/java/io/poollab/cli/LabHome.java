package io.poollab.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The lab's own folder: the checkout that holds {@code run-benchmarks.sh}, {@code datasets/},
 * {@code reports/} and the Python reference script.
 *
 * <p>The script passes it as {@code -Dpoollab.home=<checkout>} and stays in the caller's working
 * directory, so that paths the user types ({@code --dataset words.txt}, {@code --out run1},
 * {@code report ../run1}) mean what they mean in the user's shell, while the lab's own defaults
 * still live in the checkout. Without the property (the jar run by hand, the tests) the home is the
 * working directory, as before.
 *
 * <pre>{@code
 * java -Dpoollab.home=/opt/poollab -jar /opt/poollab/target/benchmarks.jar hash   # /opt/poollab/datasets
 * Path words = DefaultDataset.resolve(LabHome.datasets());
 * }</pre>
 */
final class LabHome {

  /** The system property that names the lab's folder. */
  static final String PROPERTY = "poollab.home";

  private LabHome() {}

  /** The lab's folder: {@code -Dpoollab.home}, else the working directory ({@code "."}). */
  static Path dir() {
    return home().orElse(Path.of("."));
  }

  private static Optional<Path> home() {
    String home = System.getProperty(PROPERTY);
    return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
  }

  /** The folder of the default word lists: {@code <home>/datasets}. */
  static Path datasets() {
    return resolve(Path.of("datasets"));
  }

  /** The reports folder the lab owns: {@code <home>/reports}. */
  static Path reports() {
    return resolve(Path.of("reports"));
  }

  /** A file of the checkout, such as the Python reference script. */
  static Path resolve(Path relative) {
    // without a home, keep the path relative, so messages read "datasets/..." as before
    return home().map(h -> h.resolve(relative)).orElse(relative);
  }
}
