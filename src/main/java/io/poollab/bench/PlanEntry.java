package io.poollab.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH run of the plan: one benchmark method with one value for each of its params.
 *
 * <p>Each entry is a single configuration so progress can count them and so the plan can hold
 * subsets of the cross product (the peers run at the default chunksize only, for example).
 *
 * <pre>{@code
 * PlanEntry e = new PlanEntry("io.poollab.bench.WordJobBenchmark.hashAll",
 *     Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default", "hashing", "NEW_DIGEST"),
 *     settings);
 * e.label(); // WordJobBenchmark.hashAll impl=POOL_MAP workers=2 chunksize=default hashing=NEW_DIGEST
 * }</pre>
 *
 * @param benchmark the benchmark's full name, {@code package.Class.method}
 * @param params param name to value, kept in the order given
 * @param settings forks and iterations for this entry
 * @param expectedOperation the expected length of one operation, for the estimate
 * @param expectedSetup what a fork of this entry costs beyond a JVM's start and its iterations,
 *     for the estimate: a {@code CLUSTER} configuration starts member processes in its set-up and
 *     its first operation finds them cold
 */
public record PlanEntry(
    String benchmark,
    Map<String, String> params,
    IterationSettings settings,
    Duration expectedOperation,
    Duration expectedSetup) {

  /**
   * An entry whose operations are short against its iterations.
   *
   * @param benchmark the benchmark's full name
   * @param params param name to value
   * @param settings forks and iterations
   */
  public PlanEntry(String benchmark, Map<String, String> params, IterationSettings settings) {
    this(benchmark, params, settings, Duration.ZERO, Duration.ZERO);
  }

  /**
   * An entry whose fork has nothing to set up beyond a JVM's start.
   *
   * @param benchmark the benchmark's full name
   * @param params param name to value
   * @param settings forks and iterations
   * @param expectedOperation the expected length of one operation
   */
  public PlanEntry(
      String benchmark, Map<String, String> params, IterationSettings settings, Duration expectedOperation) {
    this(benchmark, params, settings, expectedOperation, Duration.ZERO);
  }

  /** Checks the fields and copies the params (insertion order kept). */
  public PlanEntry {
    if (benchmark == null || !benchmark.matches("[\\w.$]+\\.\\w+")) {
      throw new IllegalArgumentException(
          "benchmark must be a full method name like io.poollab.bench.WordJobBenchmark.hashAll, was "
              + benchmark);
    }
    if (params == null) {
      throw new IllegalArgumentException("params must not be null");
    }
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (expectedOperation == null || expectedOperation.isNegative()) {
      throw new IllegalArgumentException("expectedOperation must be >= 0, was " + expectedOperation);
    }
    if (expectedSetup == null || expectedSetup.isNegative()) {
      throw new IllegalArgumentException("expectedSetup must be >= 0, was " + expectedSetup);
    }
  }

  /**
   * The expected wall time of this entry's fork: its set-up and its iterations, each at least one
   * operation long.
   */
  public Duration estimate() {
    return settings.estimate(expectedOperation).plus(expectedSetup);
  }

  /** The class and method without the package, e.g. {@code WordJobBenchmark.hashAll}. */
  public String shortName() {
    String[] parts = benchmark.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  /** The text {@code --include} matches: short name then {@code key=value} pairs. */
  public String label() {
    String ps =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    return ps.isEmpty() ? shortName() : shortName() + " " + ps;
  }
}
