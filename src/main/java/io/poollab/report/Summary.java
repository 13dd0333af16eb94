package io.poollab.report;

import java.util.List;
import java.util.Locale;

/**
 * A run's results as Markdown ({@code <run>/summary.md}): where it ran, one {@link Headline} per
 * job, the recommendations,
 * the speed-up table, the threads-or-processes tables when the run measured a configuration on
 * member processes or on both kinds of threads, and, when the run streamed paced inputs, the
 * streaming table, ready to
 * paste into a README, an issue or a CI job summary, so that no figure there is typed by hand.
 *
 * <pre>{@code
 * String markdown = Summary.markdown(RunReader.read(Path.of("reports/20260101-120000")));
 * }</pre>
 */
public final class Summary {

  private Summary() {}

  /**
   * The summary of a run.
   *
   * @param run the run
   * @return Markdown text
   */
  public static String markdown(RunResults run) {
    return markdown(run, BaselineChanges.NOT_LOOKED);
  }

  /**
   * The summary of a run with its change against the baseline.
   *
   * @param run the run
   * @param changes the run against its machine class's baseline ({@link BaselineChanges#NOT_LOOKED}:
   *     left out)
   * @return Markdown text
   */
  public static String markdown(RunResults run, BaselineChanges changes) {
    RunMetadata m = run.metadata();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "Run `%s` (profile %s, %s): %s, %d cores, %s, %s; commit %s; dataset %s (%s).%n%n",
        run.dir().getFileName(), m.profile(), m.startedAt(), m.cpuModel(), m.cores(), m.os(),
        m.jvm(), shortCommit(m.commit()), m.dataset().path(), Words.used(m.dataset())));
    List<Headline> headlines = Headline.forRun(run);
    for (Headline h : headlines) {
      sb.append("**").append(h.sentence()).append("**\n");
      h.flaggedLine().ifPresent(f -> sb.append("  ").append(f).append('\n'));
      sb.append('\n');
    }
    sb.append("Protocol: ").append(Tables.protocol(run)).append(".\n\n");
    for (Recommendation r : Recommendation.forRun(run)) {
      sb.append("- ").append(r.sentence(m.machineClass())).append('\n');
    }
    sb.append('\n').append(Tables.speedUps(run).toMarkdown());
    for (Table t : List.of(Tables.backends(run), Tables.taskCost(run))) {
      if (!t.rows().isEmpty()) {
        sb.append('\n').append(t.title()).append(":\n\n").append(t.toMarkdown());
      }
    }
    Table streaming = Tables.streaming(run);
    if (!streaming.rows().isEmpty()) {
      sb.append('\n').append(streaming.title()).append(":\n\n").append(streaming.toMarkdown());
    }
    if (changes.looked()) {
      Table t = changes.table();
      sb.append('\n').append(t.title()).append(":\n\n");
      if (!t.rows().isEmpty()) {
        sb.append(t.toMarkdown()).append('\n');
      }
      changes.lines().forEach(l -> sb.append(l).append("\n\n"));
    }
    List<String> flags = DataQuality.notes(run);
    if (!flags.isEmpty()) {
      sb.append("\nData quality:\n");
      flags.forEach(f -> sb.append("- ").append(f).append('\n'));
    }
    if (!run.problems().isEmpty()) {
      sb.append("\nProblems:\n");
      run.problems().forEach(p -> sb.append("- ").append(p).append('\n'));
    }
    return sb.toString();
  }

  private static String shortCommit(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
