package io.poollab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the report files: a run's {@code index.html} and {@code charts/*.png}, and the reports
 * folder's {@code index.html}.
 *
 * <pre>{@code
 * RunResults run = RunReader.read(runDir);
 * Path page = ReportWriter.writeRun(run);
 * Path index = ReportWriter.writeIndex(runDir.getParent());
 * }</pre>
 */
public final class ReportWriter {

  /** The committed baseline folder under reports/, which is not a run. */
  public static final String BASELINE = "baseline";

  private ReportWriter() {}

  /**
   * Writes {@code <run>/index.html}, the PNG copies of its charts in {@code <run>/charts/} and
   * the Markdown {@link Summary} in {@code <run>/summary.md}.
   *
   * @param run the run
   * @return the page written
   * @throws IOException when a file cannot be written
   */
  public static Path writeRun(RunResults run) throws IOException {
    ChartSet charts = Charts.forRun(run);
    for (ChartData c : charts.charts()) {
      ChartRenderer.png(c, run.dir().resolve("charts").resolve(c.id() + ".png"));
    }
    Path page = run.dir().resolve("index.html");
    Files.writeString(page, RunPage.render(run, charts, svgs(charts)), StandardCharsets.UTF_8);
    Files.writeString(run.dir().resolve("summary.md"), Summary.markdown(run), StandardCharsets.UTF_8);
    return page;
  }

  /**
   * Reads every run folder under {@code reportsDir} (not {@code baseline/}) and writes
   * {@code reportsDir/index.html}.
   *
   * @param reportsDir the reports folder
   * @return the page written
   * @throws IOException when the folder cannot be listed or the page written
   */
  public static Path writeIndex(Path reportsDir) throws IOException {
    List<RunResults> runs = new ArrayList<>();
    for (Path dir : runDirs(reportsDir)) {
      runs.add(RunReader.read(dir));
    }
    ChartSet charts = Charts.forIndex(runs);
    Path page = reportsDir.resolve("index.html");
    Files.writeString(page, IndexPage.render(runs, charts, svgs(charts)), StandardCharsets.UTF_8);
    return page;
  }

  /**
   * The run folders under a reports folder, newest (greatest name) first; {@code baseline/} and
   * plain files are left out.
   *
   * @param reportsDir the reports folder
   * @return the run folders
   * @throws IOException when the folder cannot be listed
   */
  public static List<Path> runDirs(Path reportsDir) throws IOException {
    if (!Files.isDirectory(reportsDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(reportsDir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().equals(BASELINE))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
          .toList();
    }
  }

  /**
   * Renders every chart of a set to inline SVG.
   *
   * @param charts the charts
   * @return SVG elements by chart id, in chart order
   */
  public static Map<String, String> svgs(ChartSet charts) {
    Map<String, String> out = new LinkedHashMap<>();
    charts.charts().forEach(c -> out.put(c.id(), ChartRenderer.svg(c)));
    return out;
  }
}
