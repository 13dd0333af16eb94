package io.poollab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code reports/index.html}: every run, newest first, and trend charts of each job's best
 * speed-up across runs. One self-contained page, like the run pages.
 *
 * <pre>{@code
 * String html = IndexPage.render(runs, Charts.forIndex(runs), svgs);
 * }</pre>
 */
public final class IndexPage {

  private IndexPage() {}

  /**
   * The runs table: one row per run, newest first.
   *
   * @param runs the runs, in any order
   * @return the table
   */
  public static Table runs(List<RunResults> runs) {
    List<List<String>> rows = new ArrayList<>();
    for (RunResults r : newestFirst(runs)) {
      RunMetadata m = r.metadata();
      String best = Recommendation.forRun(r).stream().findFirst()
          .map(x -> x.job() + ": " + x.best().map(b -> Tables.num(b.value(), 2) + "x (" + b.impl()
              + ", " + b.workers() + " workers)")
              .orElse(x.noVerdict() ? "no verdict (every figure flagged)" : "stay serial"))
          .orElse("-");
      rows.add(List.of(r.name(), m.startedAt(), m.profile(), m.machineClass(), m.commit(),
          Integer.toString(r.results().size()), best, Integer.toString(r.problems().size())));
    }
    return new Table("runs", "Runs, newest first",
        List.of("run", "started", "profile", "machine", "commit", "results", "first job's best pool speed-up", "problems"),
        rows);
  }

  /**
   * The index page's HTML.
   *
   * @param runs the runs, in any order
   * @param charts the trend charts ({@link Charts#forIndex})
   * @param svgById each chart's inline SVG by chart id
   * @return the HTML document
   */
  public static String render(List<RunResults> runs, ChartSet charts, Map<String, String> svgById) {
    StringBuilder sb = new StringBuilder(32 * 1024);
    Html.open(sb, "Pool lab runs");
    // tells this page from a run's page, which carries the same footer (see ReportWriter.writeIndex)
    sb.append(ReportWriter.INDEX_MARK).append('\n');
    sb.append("<h1>Pool lab runs</h1>\n<p class=\"sub\">").append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs").append(" in this folder, newest first.</p>\n");
    Table t = runs(runs);
    sb.append("<h2 id=\"runs\">").append(Html.escape(t.title())).append("</h2>\n");
    if (t.rows().isEmpty()) {
      sb.append("<p class=\"note\">No runs yet: run ./run-benchmarks.sh.</p>\n");
    } else {
      // the run column links to the run's page
      Map<String, String> links = new LinkedHashMap<>();
      runs.forEach(r -> links.put(r.name(), r.name() + "/index.html"));
      Html.table(sb, t, links);
    }
    sb.append("<h2 id=\"trends\">Trends</h2>\n");
    for (ChartData c : charts.charts()) {
      sb.append("<figure id=\"fig-").append(c.id()).append("\">\n");
      String svg = svgById.get(c.id());
      if (svg != null) {
        sb.append(svg).append('\n');
      }
      sb.append("<figcaption>").append(Html.escape(c.title())).append("</figcaption>\n</figure>\n");
    }
    charts.skipped().forEach(s -> sb.append("<p class=\"note\">").append(Html.escape(s)).append("</p>\n"));
    Html.close(sb);
    return sb.toString();
  }

  static List<RunResults> newestFirst(List<RunResults> runs) {
    // by start time, as the report and the check pick the newest run (RunFolders)
    return runs.stream().sorted(RunFolders.oldestFirst().reversed()).toList();
  }
}
