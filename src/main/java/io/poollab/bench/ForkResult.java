package io.poollab.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one benchmark fork measured: its measured iterations in execution order, and the
 * secondary metrics JMH's GC profiler recorded per iteration.
 *
 * <pre>{@code
 * ForkResult r = runner.run(entry, jvmArgs, limit);
 * double median = r.iterations().get(r.iterations().size() / 2);
 * List<Double> gcMillis = r.secondary().getOrDefault(ForkResult.GC_TIME, List.of());
 * }</pre>
 *
 * @param mode JMH's mode as written in its JSON ({@code avgt}, {@code sample}, ...)
 * @param unit the score unit, e.g. {@code ms/op}
 * @param iterations the measured iterations' scores, in order (warm-up excluded)
 * @param secondary secondary metrics by name without JMH's {@code ·} prefix ({@code gc.time},
 *     {@code gc.count}, {@code gc.alloc.rate.norm}), one value per measured iteration
 * @param jvm the forked JVM: {@link Jvm#UNKNOWN} when the runner could not tell
 */
public record ForkResult(
    String mode, String unit, List<Double> iterations, Map<String, List<Double>> secondary, Jvm jvm) {

  /** GC time in each iteration, milliseconds (JMH's GC profiler). */
  public static final String GC_TIME = "gc.time";

  /** Collections in each iteration (JMH's GC profiler). */
  public static final String GC_COUNT = "gc.count";

  /** A paired fork's serial job time per operation in each iteration, ms ({@link SerialPartner}). */
  public static final String SERIAL_PARTNER = "serialPartnerMillis";

  /** Bytes allocated per operation (JMH's GC profiler). */
  public static final String ALLOC_PER_OP = "gc.alloc.rate.norm";

  /** Checks and freezes the fields. */
  public ForkResult {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(jvm, "jvm");
    iterations = List.copyOf(iterations);
    if (iterations.isEmpty()) {
      throw new IllegalArgumentException("a fork result needs at least one measured iteration");
    }
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    secondary.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    secondary = Collections.unmodifiableMap(copy);
  }

  /**
   * The JVM a fork ran on, as JMH reports it.
   *
   * @param path the java binary
   * @param jdkVersion e.g. {@code 25.0.3}
   * @param vmName e.g. {@code OpenJDK 64-Bit Server VM}
   * @param vmVersion e.g. {@code 25.0.3+9-LTS}
   */
  public record Jvm(String path, String jdkVersion, String vmName, String vmVersion) {
    /** Nothing known. */
    public static final Jvm UNKNOWN = new Jvm("", "", "", "");

    /** Checks the fields. */
    public Jvm {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(jdkVersion, "jdkVersion");
      Objects.requireNonNull(vmName, "vmName");
      Objects.requireNonNull(vmVersion, "vmVersion");
    }
  }
}
