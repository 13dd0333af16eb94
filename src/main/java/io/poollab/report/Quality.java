package io.poollab.report;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is known about the data behind a figure: how many rounds it rests on, how many of them
 * were left out as disturbed, outlying iterations, and the flags that keep it out of headlines.
 *
 * <pre>{@code
 * Quality q = speedUp.quality();
 * System.out.println(q.rounds() + " rounds, " + q.outliers() + "/" + q.iterations() + " outliers " + q.describe());
 * }</pre>
 *
 * @param rounds rounds the estimate rests on
 * @param leftOut disturbed rounds left out of it (there were enough clean ones)
 * @param outliers iterations outside the Tukey fences of their fork, serial and parallel forks
 * @param iterations iterations in those forks
 * @param flags the flags, possibly none
 */
public record Quality(int rounds, int leftOut, int outliers, int iterations, Set<QualityFlag> flags) {

  /** Nothing known, nothing flagged. */
  public static final Quality UNKNOWN = new Quality(0, 0, 0, 0, Set.of());

  /** Checks and copies. */
  public Quality {
    if (rounds < 0 || leftOut < 0 || outliers < 0 || iterations < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }

  /** Whether any flag is set. */
  public boolean flagged() {
    return !flags.isEmpty();
  }

  /** The flags as words, e.g. {@code noisy, not warmed up}; empty when none. */
  public String describe() {
    return flags.stream().map(QualityFlag::label).collect(Collectors.joining(", "));
  }

  /** The data in a few words, e.g. {@code 3 rounds, 1 disturbed left out, 2/45 outliers}. */
  public String data() {
    StringBuilder sb = new StringBuilder().append(rounds).append(rounds == 1 ? " round" : " rounds");
    if (leftOut > 0) {
      sb.append(", ").append(leftOut).append(" disturbed left out");
    }
    if (iterations > 0) {
      sb.append(String.format(Locale.ROOT, ", %d/%d outliers", outliers, iterations));
    }
    return sb.toString();
  }
}
