package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Golden-file checks and run fixtures for tests: text produced with {@link Locale#ROOT} compared
 * with a file under {@code src/test/resources/report/golden/} (or another folder), and the run
 * folders under {@code src/test/resources/report/}. Run with {@code -Dgolden.update=true} to
 * rewrite the golden files after an intended change (then review the diff).
 */
public final class Golden {

  static final Path SOURCE_DIR = Path.of("src/test/resources/report/golden");

  private Golden() {}

  /** A fixture run folder from the test resources, e.g. {@code run("full")}. */
  public static Path run(String fixture) {
    try {
      Path base = Path.of(Golden.class.getResource("/report/" + fixture).toURI());
      try (var dirs = Files.list(base)) {
        return dirs.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("fixture " + fixture, e);
    }
  }

  /**
   * Copies a fixture run folder into {@code into}, keeping its name.
   *
   * @return the copy
   */
  public static Path copyRun(String fixture, Path into) throws IOException {
    Path from = run(fixture);
    Path to = into.resolve(from.getFileName().toString());
    copyTree(from, to);
    return to;
  }

  /** Copies the folder {@code from}, with everything in it, to {@code to}. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** Asserts {@code actual} equals the golden file {@code name} of the report's folder. */
  static void check(String name, String actual) {
    check(SOURCE_DIR, name, actual);
  }

  /** Asserts {@code actual} equals the golden file {@code name} in {@code dir}. */
  public static void check(Path dir, String name, String actual) {
    Path file = dir.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file %s (create with -Dgolden.update=true)", file).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual).as("golden file %s", file).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Formats like the report does: fixed locale, fixed digits. */
  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A deterministic text dump of a run's model. */
  static String dump(RunResults run) {
    StringBuilder sb = new StringBuilder();
    RunMetadata m = run.metadata();
    sb.append("run ").append(run.name()).append('\n');
    sb.append("metadata ").append(m).append('\n');
    for (BenchmarkResult r : run.results()) {
      sb.append("result ").append(r.benchmark()).append(' ').append(r.mode()).append(' ')
          .append(r.params()).append(" score=").append(num(r.score()))
          .append(" error=").append(num(r.error())).append(' ').append(r.unit())
          .append(" samples=").append(r.samples().size()).append('\n');
    }
    run.python().ifPresent(p -> {
      sb.append("python ").append(p.python()).append(" cores=").append(p.cores()).append('\n');
      for (PythonResult r : p.results()) {
        sb.append("  ").append(r.impl()).append(' ').append(r.workload()).append(" w=")
            .append(r.workers()).append(" c=").append(r.chunksize()).append(" median=")
            .append(num(r.medianSeconds())).append('\n');
      }
    });
    run.latencies().forEach((k, h) -> sb.append("latency ").append(k)
        .append(" count=").append(h.getTotalCount())
        .append(" p50=").append(h.getValueAtPercentile(50))
        .append(" p99=").append(h.getValueAtPercentile(99))
        .append(" max=").append(h.getMaxValue()).append('\n'));
    for (SpeedUp s : run.speedUps()) {
      sb.append("speedup ").append(s.job()).append(' ').append(s.impl()).append(' ')
          .append(s.backend()).append(" w=").append(s.workers()).append(" c=")
          .append(s.chunksize()).append(' ').append(num(s.value())).append(" [")
          .append(num(s.low())).append(", ").append(num(s.high())).append("] eff=")
          .append(num(s.efficiency())).append(" ").append(s.quality().data())
          .append(s.quality().flagged() ? " flags=" + s.quality().describe() : "")
          .append(s.python() ? " python" : "").append('\n');
    }
    run.problems().forEach(p -> sb.append("problem ").append(p).append('\n'));
    return sb.toString();
  }
}
