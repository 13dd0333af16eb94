package io.poollab.report;

import java.util.List;
import java.util.Map;

/**
 * Writes the HTML of one run's report: one self-contained page (inline CSS and SVG, no script,
 * nothing fetched). Every text taken from the input is escaped.
 *
 * <pre>{@code
 * ChartSet charts = Charts.forRun(run);
 * String html = RunPage.render(run, charts, ReportWriter.svgs(charts));
 * }</pre>
 *
 * <p>The top of the page answers first: the title and where it ran (with the words hashed), then
 * one {@link Headline} per job, then what went wrong, the recommendations and, when the report
 * command looked for one, the change against the committed baseline ({@link BaselineChanges}).
 */
public final class RunPage {

  private RunPage() {}

  /**
   * The page's HTML.
   *
   * @param run the run
   * @param charts its charts and skipped-chart notes
   * @param svgById each chart's inline SVG element by chart id (from {@link ChartRenderer#svg})
   * @return the HTML document
   */
  public static String render(RunResults run, ChartSet charts, Map<String, String> svgById) {
    return render(run, charts, svgById, BaselineChanges.NOT_LOOKED);
  }

  /**
   * The page's HTML with the change against the baseline.
   *
   * <pre>{@code
   * String html = RunPage.render(run, charts, ReportWriter.svgs(charts), changes);
   * }</pre>
   *
   * @param run the run
   * @param charts its charts and skipped-chart notes
   * @param svgById each chart's inline SVG element by chart id (from {@link ChartRenderer#svg})
   * @param changes the run against its machine class's baseline ({@link BaselineChanges#NOT_LOOKED}:
   *     the section is left out)
   * @return the HTML document
   */
  public static String render(RunResults run, ChartSet charts, Map<String, String> svgById,
      BaselineChanges changes) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    RunMetadata m = run.metadata();
    Table streaming = Tables.streaming(run);
    Table backends = Tables.backends(run);
    Table taskCost = Tables.taskCost(run);
    boolean threadsOrProcesses = !backends.rows().isEmpty() || !taskCost.rows().isEmpty();
    Html.open(sb, "Pool lab report " + run.name());
    sb.append("<h1>Pool lab report: ").append(Html.escape(run.name())).append("</h1>\n")
        .append("<p class=\"sub\">").append(Html.escape(m.machineClass())).append(" · ")
        .append(Html.escape(m.cpuModel())).append(" · ")
        .append(m.cores() == 0 ? "cores unknown" : m.cores() + " cores").append(" · profile ")
        .append(Html.escape(m.profile())).append(" · ").append(Html.escape(Words.used(m.dataset())))
        .append(" · commit ").append(Html.escape(m.commit()))
        .append(" · started ").append(Html.escape(m.startedAt())).append("</p>\n")
        .append("<nav><a href=\"../index.html\">all runs</a><a href=\"#recommendation\">recommendation</a>"
            + (changes.looked() ? "<a href=\"#baseline\">vs baseline</a>" : "")
            + "<a href=\"#charts\">charts</a><a href=\"#distributions\">distributions</a><a href=\"#speedups\">speed-ups</a>"
            + (threadsOrProcesses ? "<a href=\"#backends\">threads or processes</a>" : "")
            + "<a href=\"#quality\">data quality</a>"
            + "<a href=\"#results\">results</a>"
            + (streaming.rows().isEmpty() ? "" : "<a href=\"#streaming\">streaming</a>")
            + "<a href=\"#machine\">machine</a>"
            + "<a href=\"#problems\">problems</a></nav>\n");

    headlines(sb, run);

    sb.append("<h2 id=\"problems\">Problems</h2>\n");
    Html.problems(sb, run.problems(), "Every file of the run was read; nothing is missing.");

    sb.append("<h2 id=\"recommendation\">Recommendation</h2>\n");
    List<Recommendation> recs = Recommendation.forRun(run);
    if (recs.isEmpty()) {
      sb.append("<p class=\"note\">No recommendation: the run has no finite speed-up of the pool.</p>\n");
    } else {
      sb.append("<div class=\"rec\"><ul>\n");
      recs.forEach(r -> sb.append("<li>").append(Html.escape(r.sentence(m.machineClass()))).append("</li>\n"));
      sb.append("</ul></div>\n");
    }
    if (changes.looked()) {
      baseline(sb, changes);
    }

    sb.append("<h2 id=\"quality\">Data quality</h2>\n<p class=\"note\">")
        .append(Html.escape("Protocol: " + Tables.protocol(run) + ". Each speed-up pairs a parallel fork with the"
            + " SERIAL fork that ran next to it in the same round; the figure is the median over rounds and"
            + " its 95% interval comes from a bootstrap over rounds and iterations. Flagged figures never make"
            + " a recommendation."))
        .append("</p>\n");
    Html.problems(sb, DataQuality.notes(run), "No figure is flagged: every interval is within ±10%, no"
        + " efficiency is above 100% beyond its interval, every warm-up was long enough.");

    sb.append("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">Speed-up = serial time / parallel time, "
        + "paired round by round in this run; points are medians over rounds, error bars half the 95% "
        + "bootstrap interval.</p>\n");
    for (ChartData c : charts.charts()) {
      if (c.kind() != ChartKind.STRIP) {
        figure(sb, c, svgById.get(c.id()));
      }
    }
    if (!charts.skipped().isEmpty()) {
      sb.append("<p class=\"note\">Not drawn, for want of data:</p>\n<ul class=\"note\">\n");
      charts.skipped().forEach(s -> sb.append("<li>").append(Html.escape(s)).append("</li>\n"));
      sb.append("</ul>\n");
    }

    // the rounds behind each figure above: a median says nothing about how the rounds scatter
    List<ChartData> strips = charts.charts().stream().filter(c -> c.kind() == ChartKind.STRIP).toList();
    if (!strips.isEmpty()) {
      sb.append("<h2 id=\"distributions\">Distributions</h2>\n<p class=\"note\">Each dot is one"
          + " round: that round's serial fork over its parallel fork (medians of their iterations). The"
          + " black diamond is the speed-up reported (the median over rounds) with its 95% bootstrap"
          + " interval; hollow red rings are rounds outside Tukey's fences (1.5 IQR, with four rounds or"
          + " more); grey crosses are rounds left out because the canary judged them disturbed. Configurations whose"
          + " speed-ups differ by more than 3x are on separate charts, so each axis shows its rounds'"
          + " scatter.</p>\n");
      strips.stream().filter(c -> !c.id().startsWith("iterations-")).forEach(c -> figure(sb, c, svgById.get(c.id())));
      List<ChartData> iterations = strips.stream().filter(c -> c.id().startsWith("iterations-")).toList();
      if (!iterations.isEmpty()) {
        sb.append("<h3 id=\"iterations\">Every measured iteration</h3>\n<p class=\"note\">JMH's raw data:"
            + " each dot is one measured iteration of one fork (a fork's dots share a line within its"
            + " row), in the benchmark's unit. Hollow red rings are iterations outside their fork's"
            + " Tukey fences, the ones the tables count as outliers; grey crosses are forks of groups the"
            + " canary judged disturbed.</p>\n");
        iterations.forEach(c -> figure(sb, c, svgById.get(c.id())));
      }
    }

    section(sb, "speedups", Tables.speedUps(run),
        "No speed-ups: the run needs a SERIAL result and parallel results of the same job.");
    if (threadsOrProcesses) {
      sb.append("<h2 id=\"backends\">Threads or processes</h2>\n<p class=\"note\">")
          .append(Html.escape("Threads of this JVM, worker processes (the pool's CLUSTER backend: member"
              + " JVMs on this machine, started before the measurement) or Python's processes, and what"
              + " each costs per task. Every figure here is also in the speed-up table; the member"
              + " processes' are paired with the same serial forks as the threads'."))
          .append("</p>\n");
      for (Table t : List.of(backends, taskCost)) {
        if (!t.rows().isEmpty()) {
          sb.append("<h3 id=\"").append(t.id()).append("-title\">").append(Html.escape(t.title())).append("</h3>\n");
          Html.table(sb, t);
        }
      }
    }
    section(sb, "results", Tables.results(run), "No JMH results could be read (see Problems).");
    if (run.python().isPresent()) {
      section(sb, "python", Tables.python(run), "python.json holds no results.");
    }
    if (!run.latencies().isEmpty()) {
      section(sb, "latency", Tables.latencies(run), "");
    }
    if (!streaming.rows().isEmpty()) {
      section(sb, "streaming", streaming, "");
    }
    section(sb, "machine", Tables.metadata(run), "");
    sb.append("<p class=\"note\">Beside this page: jmh.json, metadata.json")
        .append(run.python().isPresent() ? ", python.json" : "")
        .append(run.latencies().isEmpty() ? "" : ", histograms/*.hlog")
        .append(" and charts/*.png.</p>\n");
    Html.close(sb);
    return sb.toString();
  }

  /** One quotable sentence per job, flagged figures that were kept out right under it. */
  private static void headlines(StringBuilder sb, RunResults run) {
    List<Headline> headlines = Headline.forRun(run);
    if (headlines.isEmpty()) {
      return;
    }
    sb.append("<div class=\"rec\" id=\"headline\"><ul>\n");
    for (Headline h : headlines) {
      sb.append("<li>").append(Html.escape(h.sentence()));
      h.flaggedLine().ifPresent(f -> sb.append("<br><span class=\"note\">").append(Html.escape(f)).append("</span>"));
      sb.append("</li>\n");
    }
    sb.append("</ul></div>\n");
  }

  /** The benchstat-style table against the baseline, or the one line saying there is none. */
  private static void baseline(StringBuilder sb, BaselineChanges changes) {
    Table t = changes.table();
    sb.append("<h2 id=\"baseline\">").append(Html.escape(t.title())).append("</h2>\n");
    if (!t.rows().isEmpty()) {
      // the figure key may break after each ':' so that the numbers keep their lines
      sb.append("<table id=\"t-").append(t.id()).append("\">\n<thead><tr>");
      t.header().forEach(h -> sb.append("<th>").append(Html.escape(h)).append("</th>"));
      sb.append("</tr></thead>\n<tbody>\n");
      for (List<String> row : t.rows()) {
        sb.append("<tr><td>").append(Html.escape(row.get(0)).replace(":", ":<wbr>")).append("</td>");
        row.subList(1, row.size() - 1).forEach(c -> sb.append("<td class=\"n\">").append(Html.escape(c)).append("</td>"));
        sb.append("<td>").append(Html.escape(row.get(row.size() - 1))).append("</td>");
        sb.append("</tr>\n");
      }
      sb.append("</tbody>\n</table>\n");
    }
    for (String line : changes.lines()) {
      sb.append("<p class=\"note\">").append(Html.escape(line)).append("</p>\n");
    }
  }

  static void figure(StringBuilder sb, ChartData c, String svg) {
    sb.append("<figure id=\"fig-").append(c.id()).append("\">\n");
    if (svg != null) {
      sb.append(svg).append('\n');
    }
    sb.append("<figcaption>").append(Html.escape(c.title())).append(" · <a href=\"charts/")
        .append(c.id()).append(".png\">PNG</a></figcaption>\n</figure>\n");
  }

  private static void section(StringBuilder sb, String id, Table t, String empty) {
    sb.append("<h2 id=\"").append(id).append("\">").append(Html.escape(t.title())).append("</h2>\n");
    if (t.rows().isEmpty()) {
      sb.append("<p class=\"note\">").append(Html.escape(empty)).append("</p>\n");
    } else {
      Html.table(sb, t);
    }
  }
}
