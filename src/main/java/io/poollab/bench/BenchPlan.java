package io.poollab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a profile runs: its configurations, how many interleaved rounds of them, and the estimate
 * of how long that takes.
 *
 * <pre>{@code
 * BenchPlan plan = PlanBuilder.build(new PlanRequest(Profile.QUICK, 2, null, null, null));
 * System.out.println(plan.render());   // the listing printed before a run starts
 * }</pre>
 *
 * @param profile the profile it was built from
 * @param entries the configurations, one fork of each per round
 * @param rounds how many rounds, at least 1
 * @param wordLimit how many words of the list the benchmarks use; 0 for all
 * @param python what the Python reference runs, or null when the plan has no Python stage
 */
public record BenchPlan(
    Profile profile, List<PlanEntry> entries, int rounds, int wordLimit, PythonPlan python) {

  /** Checks and copies the fields. */
  public BenchPlan {
    if (profile == null) {
      throw new IllegalArgumentException("profile must not be null");
    }
    if (entries == null) {
      throw new IllegalArgumentException("entries must not be null");
    }
    entries = List.copyOf(entries);
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    if (wordLimit < 0) {
      throw new IllegalArgumentException("wordLimit must be >= 0 (0 = all), was " + wordLimit);
    }
  }

  /** The entries on the single side of a plain run, as the round runner takes them. */
  public List<ForkGroup.SideEntry> sideEntries(String side) {
    return entries.stream().map(e -> new ForkGroup.SideEntry(side, e)).toList();
  }

  /** The expected length of the JMH stage: every round's forks (serial forks once per group). */
  public Duration jmhEstimate() {
    return RoundRunner.estimate(sideEntries("run"), rounds);
  }

  /** The expected length of the whole run, Python's runs between the rounds included when there are some. */
  public Duration estimate() {
    return jmhEstimate().plus(pythonEstimate());
  }

  /** What the lab does outside the rounds and Python's runs: its start, the dataset's load, the probes. */
  static final Duration LAB_RESERVE = Duration.ofSeconds(5);

  /**
   * How long after the rounds begin the re-runs of disturbed groups must have ended, so that the
   * run stays inside its profile's {@link Profile#timeLimit() time limit}: the limit less
   * {@link #LAB_RESERVE} (Python's runs come between the rounds, before any re-run, so the time
   * since the run began holds them already). Empty when the profile has no limit, or when
   * the plan itself does not fit in it ({@code --rounds} or {@code --workers} widened it): such a
   * run's re-runs are bounded by their share of the rounds' time alone.
   *
   * <pre>{@code
   * plan.rerunDeadline();   // quick: Optional[PT4M55S]
   * }</pre>
   */
  public Optional<Duration> rerunDeadline() {
    Optional<Duration> limit = profile.timeLimit();
    if (limit.isEmpty() || estimate().compareTo(limit.get()) > 0) {
      return Optional.empty();
    }
    return Optional.of(limit.get().minus(LAB_RESERVE));
  }

  /** The expected length of Python's runs between the rounds; zero when the plan has none. */
  public Duration pythonEstimate() {
    if (python == null) {
      return Duration.ZERO;
    }
    return python.estimateOneAtATime(wordLimit > 0 ? wordLimit : PythonPlan.FULL_LIST_WORDS);
  }

  /** The listing printed before a run: one line per entry, then the totals. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Plan: profile %s, %d configurations x %d interleaved rounds%s%n",
            profile.id(),
            entries.size(),
            rounds,
            wordLimit > 0 ? ", first " + wordLimit + " words of the list" : ", whole word list"));
    int width = String.valueOf(entries.size()).length();
    for (int i = 0; i < entries.size(); i++) {
      PlanEntry e = entries.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "  %" + width + "d  %-95s %s%n",
              i + 1,
              e.label(),
              e.settings().describe()));
    }
    if (python != null) {
      sb.append("  Python reference: ").append(python.withRepeats(1).describe())
          .append(", ").append(PythonRounds.schedule(rounds, python.repeats())).append(System.lineSeparator());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "Estimated length: %s (JMH %s%s)%n",
            format(estimate()),
            format(jmhEstimate()),
            python == null ? "" : ", Python " + format(pythonEstimate())));
    return sb.toString();
  }

  /** Formats a duration as {@code 1h02m03s}, {@code 12m05s} or {@code 42s}. */
  public static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
