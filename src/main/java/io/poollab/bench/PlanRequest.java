package io.poollab.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the user asked for: a profile, optional overrides of its worker counts and chunksizes,
 * and an optional filter. The {@link PlanBuilder} turns it into a {@link BenchPlan}.
 *
 * <pre>{@code
 * PlanRequest r = new PlanRequest(Profile.QUICK, 2, List.of(1, 2), List.of("default", "1000"), null);
 * }</pre>
 *
 * @param profile the profile
 * @param cores the machine's cores (the full profile goes up to twice this many workers)
 * @param workers distinct worker counts that replace the profile's, or null/empty for the
 *     profile's
 * @param chunksizes distinct chunksizes ({@code default} or a positive integer) that replace the
 *     profile's, or null/empty for the profile's
 * @param include only entries whose {@link PlanEntry#label()} contains a match, or null for all
 */
public record PlanRequest(
    Profile profile, int cores, List<Integer> workers, List<String> chunksizes, Pattern include) {

  /** Checks the values; the messages name the input and what is allowed. */
  public PlanRequest {
    if (profile == null) {
      throw new IllegalArgumentException("profile must not be null");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, was " + cores);
    }
    workers = workers == null ? List.of() : List.copyOf(workers);
    for (int w : workers) {
      if (w < 1) {
        throw new IllegalArgumentException("workers must be positive integers, was " + w);
      }
    }
    // a repeated value would plan the same configuration twice: twice the time, and two forks
    // per round under one label
    Set<Integer> seenWorkers = new HashSet<>();
    for (int w : workers) {
      if (!seenWorkers.add(w)) {
        throw new IllegalArgumentException(
            "workers must not repeat a count, was " + workers + " (" + w + " twice)");
      }
    }
    chunksizes = chunksizes == null ? List.of() : List.copyOf(chunksizes);
    Set<Integer> seenChunks = new HashSet<>();
    for (String c : chunksizes) {
      if (!Chunksize.isValid(c)) {
        throw new IllegalArgumentException(
            "chunksize must be 'default' or a positive integer, was '" + c + "'");
      }
      // by value: 100 and 0100 are one chunksize
      if (!seenChunks.add(Chunksize.parse(c))) {
        throw new IllegalArgumentException("chunksizes must not repeat a size, was " + chunksizes
            + " (" + (Chunksize.parse(c) == 0 ? Chunksize.DEFAULT : String.valueOf(Chunksize.parse(c))) + " twice)");
      }
    }
  }
}
