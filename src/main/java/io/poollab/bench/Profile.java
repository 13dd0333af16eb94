package io.poollab.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of the suite a run covers. Each profile fixes the default worker counts,
 * chunksizes, iteration settings and the slice of the word list; the plan builder turns it into
 * entries.
 *
 * <pre>{@code
 * Profile p = Profile.parse("quick");   // QUICK
 * }</pre>
 */
public enum Profile {
  /** A few minutes on 2 cores, for CI: workers 1,2, a 100,000-word slice, short iterations. */
  QUICK,
  /** The default: under 20 minutes on 2 cores, workers 1,2,4, the whole word list. */
  STANDARD,
  /** Every combination: workers 1,2,4,... up to twice the cores, every chunksize. */
  FULL;

  /**
   * The profile with this name, case-insensitive.
   *
   * @param name quick, standard or full
   * @return the profile
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static Profile parse(String name) {
    for (Profile p : values()) {
      if (p.name().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "profile '" + name + "' is not one of: quick, standard, full");
  }

  /**
   * How long a run of this profile may take on 2 cores, rounds, re-runs and Python's reference
   * together: quick 5 minutes (CI), standard 20; full has no limit. The plan fits inside it, and
   * re-runs of disturbed groups stop before they would carry the run past it.
   *
   * <pre>{@code
   * Profile.QUICK.timeLimit();   // Optional[PT5M]
   * }</pre>
   */
  public Optional<Duration> timeLimit() {
    return switch (this) {
      case QUICK -> Optional.of(Duration.ofMinutes(5));
      case STANDARD -> Optional.of(Duration.ofMinutes(20));
      case FULL -> Optional.empty();
    };
  }

  /** The lowercase name used on the command line and in metadata.json. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
