package io.poollab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a fork of another build's benchmarks: {@code java -jar JAR} with JMH's command line, one
 * fork, JSON results read back. {@code check --against REF} runs the reference build's jar and
 * this build's jar this way, side by side in the same rounds, so both are measured alike.
 *
 * <p>The jar must be a JMH benchmark jar with the same benchmark names and params (the lab's
 * {@code target/benchmarks.jar} of any commit that has them); its {@code Main} hands JMH's own
 * arguments to JMH.
 *
 * <pre>{@code
 * ForkRunner ref = new JarForkRunner(Path.of("reports/.against/abc123.jar"), runDir.resolve("jmh.log"));
 * ForkResult r = ref.run(entry, jvmArgs, Duration.ofMinutes(1));
 * }</pre>
 */
public final class JarForkRunner implements ForkRunner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jar;
  private final Path log;
  private final Path java;

  /**
   * A runner for a jar.
   *
   * @param jar the benchmark jar
   * @param log where the jar's JMH output is appended
   */
  public JarForkRunner(Path jar, Path log) {
    this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
    this.log = Objects.requireNonNull(log, "log").toAbsolutePath().normalize();
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (!Files.isRegularFile(this.jar)) {
      throw new IllegalArgumentException("jar " + this.jar + " is not a file; build it first");
    }
  }

  /** The jar this runner runs. */
  public Path jar() {
    return jar;
  }

  @Override
  public ForkResult run(PlanEntry entry, List<String> jvmArgs, Duration limit)
      throws ForkFailedException {
    Path result;
    try {
      Files.createDirectories(log.getParent());
      result = Files.createTempFile(log.getParent(), "fork-", ".json");
    } catch (IOException e) {
      throw new ForkFailedException("cannot create a result file next to " + log + ": " + e.getMessage(), e);
    }
    try {
      Process p = new ProcessBuilder(command(entry, jvmArgs, result))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new ForkFailedException(
            "ran past its limit of " + BenchPlan.format(limit) + " (a hang?); its JVM was stopped", null);
      }
      if (p.exitValue() != 0) {
        throw new ForkFailedException(
            jar.getFileName() + " exited with code " + p.exitValue() + " (details in " + log + ")", null);
      }
      return read(result, entry.params());
    } catch (IOException e) {
      throw new ForkFailedException("cannot run " + jar + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForkFailedException("interrupted", e);
    } finally {
      try {
        Files.deleteIfExists(result);
      } catch (IOException ignored) {
        // a temporary file in the run folder; harmless
      }
    }
  }

  /** The command line: JMH's own flags for exactly one fork of the entry, JSON results to a file. */
  List<String> command(PlanEntry entry, List<String> jvmArgs, Path result) throws ForkFailedException {
    IterationSettings s = entry.settings();
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    if (Runtime.version().feature() >= 23) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(List.of("-jar", jar.toString(), "^" + Pattern.quote(entry.benchmark()) + "$",
        "-f", "1",
        "-wi", Integer.toString(s.warmupIterations()), "-w", s.warmupTime().toMillis() + "ms",
        "-i", Integer.toString(s.measurementIterations()), "-r", s.measurementTime().toMillis() + "ms",
        "-prof", "gc", "-foe", "true", "-rf", "json", "-rff", result.toString()));
    entry.params().forEach((k, v) -> cmd.addAll(List.of("-p", k + "=" + v)));
    for (String arg : jvmArgs) {
      if (arg.chars().anyMatch(Character::isWhitespace)) {
        // JMH splits a lone -jvmArgs value at spaces; refuse rather than pass a broken argument
        throw new ForkFailedException("JVM argument '" + arg + "' contains a space, which JMH's"
            + " command line cannot pass on; use paths without spaces", null);
      }
      cmd.addAll(List.of("-jvmArgs", arg));
    }
    return cmd;
  }

  /** Reads JMH's JSON result list holding one result of one fork. */
  static ForkResult read(Path file) throws ForkFailedException {
    return read(file, Map.of());
  }

  /**
   * Reads JMH's JSON result list holding one result of one fork that was asked for {@code asked}
   * params. JMH ignores a {@code -p} the benchmark has no field for, so an older build (before a
   * param such as {@code backend} or {@code members} existed) would measure its own default under
   * the asked label; such a fork fails, naming the param.
   *
   * @param file the result file
   * @param asked the params the fork was given
   * @return the fork's result
   * @throws ForkFailedException when the file holds no single result, or the benchmark lacks a param
   */
  static ForkResult read(Path file, Map<String, String> asked) throws ForkFailedException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ForkFailedException("cannot read the fork's results " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isArray() || root.size() != 1) {
      throw new ForkFailedException("expected one JMH result in " + file + ", found "
          + (root == null || !root.isArray() ? "no result list" : root.size()), null);
    }
    JsonNode r = root.get(0);
    for (Map.Entry<String, String> p : asked.entrySet()) {
      if (!r.path("params").has(p.getKey())) {
        throw new ForkFailedException("this build's " + r.path("benchmark").asText("benchmark") + " has no param '"
            + p.getKey() + "' (asked " + p.getKey() + "=" + p.getValue() + "), so it cannot measure this"
            + " configuration", null);
      }
    }
    JsonNode metric = r.path("primaryMetric");
    List<Double> iterations = firstFork(metric);
    if (iterations.isEmpty()) {
      throw new ForkFailedException("the fork measured no iteration (" + file + ")", null);
    }
    Map<String, List<Double>> secondary = new LinkedHashMap<>();
    r.path("secondaryMetrics").properties().forEach(e ->
        secondary.put(JmhForkRunner.metricName(e.getKey()), firstFork(e.getValue())));
    return new ForkResult(
        r.path("mode").asText(""),
        metric.path("scoreUnit").asText(""),
        iterations,
        secondary,
        new ForkResult.Jvm(r.path("jvm").asText(""), r.path("jdkVersion").asText(""),
            r.path("vmName").asText(""), r.path("vmVersion").asText("")));
  }

  /**
   * The first fork's per-iteration scores: {@code rawData[0]}, or, in sample mode, where JMH
   * writes {@code rawDataHistogram[0][i]} as {@code [value, count]} pairs, each iteration's mean,
   * the score JMH's own API gives an iteration (as {@link JmhForkRunner} reads it).
   */
  private static List<Double> firstFork(JsonNode metric) {
    List<Double> out = new ArrayList<>();
    JsonNode fork = metric.path("rawData").path(0);
    for (JsonNode v : fork) {
      out.add(v.isNumber() ? v.asDouble() : parse(v.asText()));
    }
    if (out.isEmpty()) {
      for (JsonNode iteration : metric.path("rawDataHistogram").path(0)) {
        double sum = 0;
        double count = 0;
        for (JsonNode pair : iteration) {
          sum += pair.path(0).asDouble() * pair.path(1).asDouble();
          count += pair.path(1).asDouble();
        }
        out.add(count > 0 ? sum / count : Double.NaN);
      }
    }
    return out;
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
