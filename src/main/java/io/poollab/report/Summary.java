package io.poollab.report;

import java.util.List;
import java.util.Locale;

/**
 * A run's results as Markdown ({@code <run>/summary.md}): where it ran, the recommendations,
 * the speed-up table and, when the run streamed paced inputs, the streaming table, ready to
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
    RunMetadata m = run.metadata();
    StringBuilder sb = new StringBuilder();
    long used = m.dataset().wordsUsed() > 0 ? m.dataset().wordsUsed() : m.dataset().words();
    sb.append(String.format(Locale.ROOT,
        "Run `%s` (profile %s, %s): %s, %d cores, %s, %s; commit %s; dataset %s (%s words).%n%n",
        run.dir().getFileName(), m.profile(), m.startedAt(), m.cpuModel(), m.cores(), m.os(),
        m.jvm(), shortCommit(m.commit()), m.dataset().path(),
        used < m.dataset().words() ? String.format(Locale.ROOT, "first %d of %d", used, m.dataset().words())
            : Long.toString(m.dataset().words())));
    sb.append("Protocol: ").append(Tables.protocol(run)).append(".\n\n");
    for (Recommendation r : Recommendation.forRun(run)) {
      sb.append("- ").append(r.sentence(m.machineClass())).append('\n');
    }
    sb.append('\n').append(Tables.speedUps(run).toMarkdown());
    Table streaming = Tables.streaming(run);
    if (!streaming.rows().isEmpty()) {
      sb.append('\n').append(streaming.title()).append(":\n\n").append(streaming.toMarkdown());
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
