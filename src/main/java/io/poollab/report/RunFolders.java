package io.poollab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one definition of "the runs under a reports folder", shared by the {@code report} command
 * (its default run), the index of all runs and the {@code check} command (its default run), so
 * that all three see the same runs and pick the same newest one.
 *
 * <p>A run is a subfolder that holds a run's own files ({@code jmh.json} or
 * {@code metadata.json}), whatever its name: {@code reports/20260101-120000/} and
 * {@code reports/mine/} (from {@code --out reports/mine}) are runs; {@code baseline/}, hidden
 * folders ({@code .against/}), an empty or unrelated folder, and the folder
 * {@code check --against} makes ({@code <time>-against-<sha>/}, which holds two runs,
 * {@code ref/} and {@code head/}, of two builds, not a run of this checkout) are not. Runs are
 * ordered by when they started: {@code startedAt} of their {@code metadata.json}, or, when that is
 * missing or unreadable, the time {@code metadata.json} (else {@code jmh.json}) was last written;
 * runs that started at the same instant by name, greatest first.
 *
 * <pre>{@code
 * List<Path> runs = RunFolders.newestFirst(Path.of("reports"));
 * Optional<Path> newest = RunFolders.newest(Path.of("reports"));
 * boolean isRun = RunFolders.holdsRun(Path.of("reports/20260101-120000"));
 * }</pre>
 */
public final class RunFolders {

  /** The committed baseline folder under a reports folder, which is not a run. */
  public static final String BASELINE = "baseline";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFolders() {}

  /**
   * Whether a folder holds a run: a {@code jmh.json} or a {@code metadata.json} in it (a run
   * stopped early may have only the metadata, and a plain JMH result folder only jmh.json).
   *
   * @param dir any path
   * @return true when {@code dir} is a folder with one of those files
   */
  public static boolean holdsRun(Path dir) {
    return Files.isDirectory(dir)
        && (Files.isRegularFile(dir.resolve(RunReader.JMH_JSON))
            || Files.isRegularFile(dir.resolve(RunReader.METADATA_JSON)));
  }

  /**
   * The runs under a reports folder, newest first (see the class comment).
   *
   * @param reportsDir the reports folder
   * @return the run folders; empty when the folder does not exist
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public static List<Path> newestFirst(Path reportsDir) {
    if (!Files.isDirectory(reportsDir)) {
      return List.of();
    }
    List<Path> runs;
    try (Stream<Path> s = Files.list(reportsDir)) {
      runs = s.filter(p -> !p.getFileName().toString().equals(BASELINE))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(RunFolders::holdsRun)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reportsDir + ": " + e.getMessage(), e);
    }
    // each run's start time read once, not once per comparison
    record Timed(Path dir, Instant start) {}
    return runs.stream()
        .map(p -> new Timed(p, startTime(p)))
        .sorted(Comparator.comparing(Timed::start)
            .thenComparing(t -> t.dir().getFileName().toString())
            .reversed())
        .map(Timed::dir)
        .toList();
  }

  /**
   * The newest run under a reports folder.
   *
   * @param reportsDir the reports folder
   * @return the first of {@link #newestFirst}, or empty when there is no run
   */
  public static Optional<Path> newest(Path reportsDir) {
    return newestFirst(reportsDir).stream().findFirst();
  }

  /**
   * When a run started: {@code startedAt} of its {@code metadata.json}, else the time its
   * {@code metadata.json} (written as the run starts), else its {@code jmh.json}, was last written.
   *
   * @param runDir a run folder
   * @return the start time; {@link Instant#EPOCH} when none of that can be read
   */
  public static Instant startTime(Path runDir) {
    Path meta = runDir.resolve(RunReader.METADATA_JSON);
    if (Files.isRegularFile(meta)) {
      try {
        JsonNode root = JSON.readTree(meta.toFile());
        Optional<Instant> at = parse(root == null ? null : root.path("startedAt").asText(null));
        if (at.isPresent()) {
          return at.get();
        }
      } catch (IOException e) {
        // a malformed metadata.json: the file's own time still says roughly when the run began
      }
    }
    return fileTime(meta).or(() -> fileTime(runDir.resolve(RunReader.JMH_JSON))).orElse(Instant.EPOCH);
  }

  /**
   * When a run that has been read started: its metadata's {@code startedAt}, else as
   * {@link #startTime(Path)} finds it from the files.
   *
   * @param run a run read by {@link RunReader}
   * @return the start time
   */
  public static Instant startTime(RunResults run) {
    return parse(run.metadata().startedAt()).orElseGet(() -> startTime(run.dir()));
  }

  /**
   * Orders read runs oldest first by {@link #startTime(RunResults)}, then by name; reverse it for
   * newest first.
   *
   * @return the comparator
   */
  public static Comparator<RunResults> oldestFirst() {
    return Comparator.comparing((RunResults r) -> startTime(r)).thenComparing(RunResults::name);
  }

  private static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(text.strip()));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Instant> fileTime(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      FileTime t = Files.getLastModifiedTime(file);
      return Optional.of(t.toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
