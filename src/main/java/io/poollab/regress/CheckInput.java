package io.poollab.regress;

import io.poollab.report.ReportException;
import io.poollab.report.RunMetadata;
import io.poollab.report.RunReader;
import io.poollab.report.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One side of the check, a run or a baseline, read with the report's {@link RunReader} and
 * turned into figures.
 *
 * <p>The report tolerates bad files; the check does not: a folder that does not exist, a
 * {@code jmh.json} that is missing, empty, malformed or holds unreadable entries, a
 * {@code rounds.json} that is there but malformed, or a latency log that does not parse
 * ({@link RunResults#unreadable()}) is a {@link CheckInputException}: figures computed around
 * them would be missing or made up, and a regression verdict on them would be wrong. Smaller gaps
 * (a result without a serial baseline, metadata fields missing, an absent optional file, a
 * latency log without values) are kept as {@link #notes()} and printed as warnings.
 *
 * <pre>{@code
 * CheckInput run = CheckInput.load(Path.of("reports/20260101-120000"), "run");
 * run.figures().forEach(System.out::println);
 * }</pre>
 *
 * @param dir the folder read
 * @param role {@code run} or {@code baseline}, used in messages
 * @param results what the report's reader made of it
 * @param figures the figures, sorted by key
 * @param notes warnings: what was read with gaps, one line each, prefixed with the role
 */
public record CheckInput(
    Path dir, String role, RunResults results, List<Figure> figures, List<String> notes) {

  /** Validates and copies. */
  public CheckInput {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(results, "results");
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
  }

  /**
   * Reads a run folder (or a baseline folder, which has the same files).
   *
   * @param dir the folder
   * @param role {@code run} or {@code baseline}
   * @return the input with its figures
   * @throws CheckInputException when the folder, its {@code jmh.json}, its {@code rounds.json} or
   *     a latency log cannot be used
   */
  public static CheckInput load(Path dir, String role) {
    RunResults results;
    try {
      results = RunReader.read(dir);
    } catch (ReportException e) {
      throw new CheckInputException(role + ": " + e.getMessage());
    }
    List<String> jmhProblems =
        results.problems().stream()
            .filter(p -> p.startsWith(RunReader.JMH_JSON))
            .filter(p -> results.results().isEmpty() || p.contains("skipped"))
            .toList();
    if (results.results().isEmpty() || !jmhProblems.isEmpty()) {
      throw new CheckInputException(
          role + " " + dir + ": " + RunReader.JMH_JSON + " is not usable ("
              + (jmhProblems.isEmpty() ? "no results" : String.join("; ", jmhProblems))
              + "); expected JMH's JSON result list (java -jar benchmarks.jar -rf json)");
    }
    if (!results.unreadable().isEmpty()) {
      // without the report's "what it did instead", which the check does not do
      List<String> files = results.unreadable().stream()
          .map(u -> u.replaceFirst("; (latency chart left out for it|rounds inferred from jmh\\.json)$", ""))
          .toList();
      throw new CheckInputException(
          role + " " + dir + ": " + String.join("; ", files)
              + "; the check reads a run only as the lab wrote it (the report shows what else can be read)");
    }
    List<String> notes = new ArrayList<>();
    results.problems().forEach(p -> notes.add(role + ": " + p));
    List<String> extraction = new ArrayList<>();
    List<Figure> figures = FigureExtractor.extract(results, extraction);
    extraction.stream().filter(n -> !results.problems().contains(n))
        .forEach(n -> notes.add(role + ": " + n));
    return new CheckInput(dir, role, results, figures, notes);
  }

  /**
   * The machine class from {@code metadata.json}.
   *
   * @return e.g. {@code linux-x86_64-2c}, or {@link RunMetadata#UNKNOWN}
   */
  public String machineClass() {
    return results.metadata().machineClass();
  }

  /** Whether {@code metadata.json} named a machine class. */
  public boolean hasMachineClass() {
    return !RunMetadata.UNKNOWN.equals(machineClass());
  }
}
