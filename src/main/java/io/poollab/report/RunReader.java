package io.poollab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads a run folder ({@code jmh.json}, {@code metadata.json}, {@code python.json},
 * {@code histograms/*.hlog}; see the package docs) into {@link RunResults}.
 *
 * <p>A missing, empty, truncated or malformed file becomes a problem that names the file and
 * what is wrong; everything else is still read. Only a folder that does not exist is an error.
 * Problems with files that are there but not as the lab writes them (a malformed
 * {@code rounds.json}, a latency log that does not parse) are also listed in
 * {@link RunResults#unreadable()}, for the regression check, which refuses such a run.
 *
 * <pre>{@code
 * RunResults run = RunReader.read(Path.of("reports/20260101-120000"));
 * }</pre>
 */
public final class RunReader {

  /** JMH's result file in a run folder. */
  public static final String JMH_JSON = "jmh.json";

  /** The run's metadata file. */
  public static final String METADATA_JSON = "metadata.json";

  /** Python's reference results, optional. */
  public static final String PYTHON_JSON = "python.json";

  /** The folder of latency histogram logs. */
  public static final String HISTOGRAMS = "histograms";

  /** The protocol record: every fork with its round, group and attempt. */
  public static final String ROUNDS_JSON = "rounds.json";

  /**
   * The secondary metric of a paired fork: the serial job's ms/op beside each iteration (the
   * benchmarks' {@code ForkResult.SERIAL_PARTNER}; the report does not depend on them).
   */
  public static final String SERIAL_PARTNER = "serialPartnerMillis";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunReader() {}

  /**
   * Reads a run folder.
   *
   * @param runDir the run folder
   * @return what could be read, with {@link RunResults#problems()} listing the rest
   * @throws ReportException when {@code runDir} does not exist or is not a folder
   */
  public static RunResults read(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      throw new ReportException(
          "run folder " + runDir + (Files.exists(runDir) ? " is not a folder" : " does not exist")
              + "; expected a folder holding jmh.json, metadata.json and histograms/");
    }
    List<String> problems = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    RunMetadata metadata = readMetadata(runDir.resolve(METADATA_JSON), problems);
    List<BenchmarkResult> results = readJmh(runDir.resolve(JMH_JSON), problems);
    Optional<PythonResults> python = readPython(runDir.resolve(PYTHON_JSON), problems);
    // the rounds first: they say which forks failed, whose latency logs may be cut short
    Rounds rounds = readRounds(runDir.resolve(ROUNDS_JSON), results, problems, unreadable);
    Set<Integer> failed = new HashSet<>();
    if (rounds.recorded()) {
      rounds.forks().stream().filter(f -> !f.usable()).forEach(f -> failed.add(f.id()));
    }
    Map<Integer, Histogram> byFork = new TreeMap<>();
    Map<String, Histogram> latencies = readHistograms(runDir.resolve(HISTOGRAMS), byFork, problems, failed, unreadable);
    List<SpeedUp> speedUps = new ArrayList<>(SpeedUps.compute(results, rounds, metadata.cores(), problems));
    speedUps.addAll(SpeedUps.python(python, problems));
    return new RunResults(runDir, metadata, results, python, latencies, byFork, rounds, speedUps, problems, unreadable);
  }

  /**
   * Reads JMH's JSON result list. Entries that lack a benchmark name or a score are skipped, each
   * with a problem; the rest are kept.
   *
   * @param file the {@code jmh.json} file
   * @param problems where what could not be read is reported
   * @return the results read, in file order
   */
  static List<BenchmarkResult> readJmh(Path file, List<String> problems) {
    Optional<JsonNode> tree = readJson(file, true, problems);
    if (tree.isEmpty()) {
      return List.of();
    }
    JsonNode root = tree.get();
    if (!root.isArray()) {
      problems.add(name(file) + ": expected JMH's JSON result list (a JSON array), found "
          + kind(root) + "; no results read");
      return List.of();
    }
    if (root.isEmpty()) {
      problems.add(name(file) + ": the result list is empty; no results read");
      return List.of();
    }
    List<BenchmarkResult> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String where = name(file) + " entry #" + (i + 1);
      String benchmark = entry.path("benchmark").asText("");
      JsonNode metric = entry.path("primaryMetric");
      if (benchmark.isBlank()) {
        problems.add(where + ": no 'benchmark' name; entry skipped");
        continue;
      }
      if (!metric.has("score")) {
        problems.add(where + " (" + benchmark + "): no 'primaryMetric.score'; entry skipped");
        continue;
      }
      TreeMap<String, String> params = new TreeMap<>();
      entry.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      List<Double> samples = new ArrayList<>();
      List<Integer> forkSizes = new ArrayList<>();
      for (JsonNode fork : metric.path("rawData")) {
        int before = samples.size();
        for (JsonNode v : fork) {
          samples.add(number(v));
        }
        forkSizes.add(samples.size() - before);
      }
      out.add(new BenchmarkResult(
          benchmark,
          entry.path("mode").asText(""),
          params,
          number(metric.get("score")),
          metric.has("scoreError") ? number(metric.get("scoreError")) : Double.NaN,
          metric.path("scoreUnit").asText(""),
          samples,
          forkSizes,
          millis(entry.path("measurementTime").asText(""))));
    }
    return out;
  }

  /**
   * Reads {@code metadata.json}; a missing or unreadable file gives {@link RunMetadata#unknown()}
   * and a problem.
   *
   * @param file the metadata file
   * @param problems where what could not be read is reported
   * @return the metadata
   */
  static RunMetadata readMetadata(Path file, List<String> problems) {
    Optional<JsonNode> tree = readJson(file, true, problems);
    if (tree.isEmpty()) {
      return RunMetadata.unknown();
    }
    JsonNode m = tree.get();
    if (!m.isObject()) {
      problems.add(name(file) + ": expected a JSON object, found " + kind(m)
          + "; machine and configuration unknown");
      return RunMetadata.unknown();
    }
    List<String> flags = new ArrayList<>();
    JsonNode f = m.path("jvmFlags");
    if (f.isArray()) {
      f.forEach(v -> flags.add(v.asText()));
    } else if (f.isTextual() && !f.asText().isBlank()) {
      flags.addAll(List.of(f.asText().trim().split("\\s+")));
    }
    JsonNode d = m.path("dataset");
    RunMetadata.Dataset dataset =
        d.isObject()
            ? new RunMetadata.Dataset(
                text(d, "path"), text(d, "sha256"), Math.max(0, d.path("words").asLong(0)),
                Math.max(0, d.path("wordsUsed").asLong(d.path("words").asLong(0))))
            : RunMetadata.Dataset.unknown();
    List<String> missing = new ArrayList<>();
    for (String field : List.of("cpuModel", "cores", "os", "jvm", "commit", "profile", "startedAt")) {
      if (!m.hasNonNull(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(name(file) + ": missing " + String.join(", ", missing));
    }
    return new RunMetadata(
        text(m, "cpuModel"),
        Math.max(0, m.path("cores").asInt(0)),
        Math.max(0, m.path("memoryBytes").asLong(0)),
        text(m, "os"),
        text(m, "jvm"),
        flags,
        text(m, "commit"),
        dataset,
        text(m, "profile"),
        text(m, "startedAt"),
        text(m, "machineClass"));
  }

  /**
   * Reads {@code python.json} when present (its absence is not a problem).
   *
   * @param file the Python results file
   * @param problems where what could not be read is reported
   * @return Python's results, or empty when absent or unreadable
   */
  static Optional<PythonResults> readPython(Path file, List<String> problems) {
    Optional<JsonNode> tree = readJson(file, false, problems);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    JsonNode p = tree.get();
    if (!p.isObject() || !p.path("results").isArray()) {
      problems.add(name(file) + ": expected an object with a 'results' array; Python results left out");
      return Optional.empty();
    }
    List<PythonResult> results = new ArrayList<>();
    JsonNode list = p.path("results");
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String where = name(file) + " result #" + (i + 1);
      String impl = r.path("impl").asText("");
      double median = r.has("medianSeconds") ? number(r.get("medianSeconds")) : Double.NaN;
      int workers = r.path("workers").asInt(0);
      if (impl.isBlank() || workers < 1 || !(median > 0)) {
        problems.add(where + ": needs 'impl', 'workers' >= 1 and 'medianSeconds' > 0; skipped");
        continue;
      }
      List<Double> samples = new ArrayList<>();
      r.path("samplesSeconds").forEach(v -> samples.add(number(v)));
      List<Double> firsts = new ArrayList<>();
      r.path("firstResultSeconds").forEach(v -> firsts.add(number(v)));
      long interval = r.path("intervalMicros").asLong(0);
      int items = r.path("items").asInt(0);
      if (interval < 0 || items < 0) {
        problems.add(where + ": 'intervalMicros' and 'items' must be >= 0; read as no stream");
        interval = 0;
        items = 0;
      }
      List<Integer> rounds = new ArrayList<>();
      r.path("rounds").forEach(v -> rounds.add(v.asInt(0)));
      if (!rounds.isEmpty() && (rounds.size() != samples.size() || rounds.stream().anyMatch(x -> x < 1))) {
        problems.add(where + ": 'rounds' must give a round (from 1) for each of its " + samples.size()
            + " samples; read as runs without rounds");
        rounds.clear();
      }
      results.add(new PythonResult(
          impl, r.path("workload").asText(""), workers, r.path("chunksize").asText("default"),
          samples, median, interval, items, firsts, rounds));
    }
    return Optional.of(new PythonResults(
        text(p, "python"), Math.max(0, p.path("cores").asInt(0)), text(p, "dataset"), results));
  }

  /**
   * Reads every {@code *.hlog} in the folder, adding all intervals of a log into one histogram.
   * A log that does not parse, or holds no intervals, becomes a problem.
   *
   * @param dir the {@code histograms} folder (absent: no latencies, no problem)
   * @param byFork where each {@code -forkN} log's own histogram goes, by N
   * @param problems where what could not be read is reported
   * @return histograms by log name, sorted
   */
  static Map<String, Histogram> readHistograms(Path dir, Map<Integer, Histogram> byFork, List<String> problems) {
    return readHistograms(dir, byFork, problems, Set.of(), new ArrayList<>());
  }

  /**
   * Reads the logs as {@link #readHistograms(Path, Map, List)} does, and lists in
   * {@code unreadable} each log that is not as the lab writes it: an empty file, a line that is
   * neither a comment, the legend nor an interval histogram (HdrHistogram's reader skips such
   * lines silently, so a log of junk would read as one with no values), or one that does not
   * parse at all. A log the lab wrote always starts with its header, and each measured iteration
   * adds one whole line; only a fork that failed may leave its log cut short, so the logs of
   * {@code failed} forks are never listed. A log without values is a problem but not unreadable:
   * a fork's measured iterations may record none.
   *
   * @param dir the {@code histograms} folder (absent: no latencies, no problem)
   * @param byFork where each {@code -forkN} log's own histogram goes, by N
   * @param problems where what could not be read is reported
   * @param failed the numbers of the forks that failed or measured nothing (from rounds.json)
   * @param unreadable where the problems of logs that are not as the lab writes them also go
   * @return histograms by log name, sorted
   */
  static Map<String, Histogram> readHistograms(Path dir, Map<Integer, Histogram> byFork, List<String> problems,
      Set<Integer> failed, List<String> unreadable) {
    Map<String, Histogram> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs = files.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
    } catch (IOException e) {
      problems.add(HISTOGRAMS + "/: cannot be listed: " + e.getMessage());
      return out;
    }
    for (Path log : logs) {
      String where = HISTOGRAMS + "/" + log.getFileName();
      // forks of one configuration log to name.hlog, name-fork2.hlog, ...: added into one histogram
      String key = log.getFileName().toString().replaceFirst("\\.hlog$", "").replaceFirst("-fork\\d+$", "");
      java.util.regex.Matcher forkOf = FORK_SUFFIX.matcher(log.getFileName().toString());
      boolean mayBeCut = forkOf.find() && failed.contains(Integer.parseInt(forkOf.group(1)));
      String damage = mayBeCut ? null : damage(log);
      if (damage != null) {
        String problem = where + ": not a readable HdrHistogram log (" + damage + "); latency chart left out for it";
        problems.add(problem);
        unreadable.add(problem);
        continue;
      }
      try (InputStream in = Files.newInputStream(log)) {
        HistogramLogReader reader = new HistogramLogReader(in);
        Histogram total = null;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
          if (!(h instanceof Histogram hist)) {
            throw new IllegalArgumentException("holds a DoubleHistogram; expected integer nanoseconds");
          }
          if (total == null) {
            total = new Histogram(hist.getNumberOfSignificantValueDigits());
          }
          total.add(hist);
        }
        if (total == null || total.getTotalCount() == 0) {
          problems.add(where + ": holds no recorded values; latency chart left out for it");
          continue;
        }
        Histogram merged = total;
        java.util.regex.Matcher fork = FORK_SUFFIX.matcher(log.getFileName().toString());
        if (fork.find()) {
          byFork.put(Integer.parseInt(fork.group(1)), merged.copy());
        }
        out.merge(key, merged, (a, b) -> {
          a.add(b);
          return a;
        });
      } catch (IOException | RuntimeException e) {
        String problem = where + ": not a readable HdrHistogram log (" + describe(e)
            + "); latency chart left out for it";
        problems.add(problem);
        if (!mayBeCut) {
          unreadable.add(problem);
        }
      }
    }
    return out;
  }

  /**
   * What is wrong with a latency log that HdrHistogram's reader would pass over in silence, or
   * null: an empty file, or the first line that is not a comment, the legend or an interval
   * histogram that decodes.
   */
  static String damage(Path log) {
    List<String> lines;
    try {
      if (Files.size(log) == 0) {
        return "the file is empty; the lab writes a header first";
      }
      // Latin-1 reads any bytes, so a binary file is judged by its lines, not by a decoding error
      lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"")) {
        continue; // comments ("#[StartTime: ...]" included) and the CSV legend
      }
      if (!isInterval(line)) {
        String shown = line.length() > 40 ? line.substring(0, 40) + "..." : line;
        return "line " + (i + 1) + " is not an interval histogram: '" + shown + "'";
      }
    }
    return null;
  }

  private static boolean isInterval(String line) {
    try (InputStream in = new java.io.ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.ISO_8859_1))) {
      return new HistogramLogReader(in).nextIntervalHistogram() != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static final java.util.regex.Pattern FORK_SUFFIX = java.util.regex.Pattern.compile("-fork(\\d+)\\.hlog$");

  /**
   * Reads {@code rounds.json}; without it, the rounds are inferred from jmh.json (fork k = round
   * k, see {@link Rounds#fromJmh}). A malformed file is a problem and the inferred rounds are used.
   *
   * @param file the rounds file
   * @param results the results read from jmh.json
   * @param problems where what could not be read is reported
   * @return the rounds
   */
  static Rounds readRounds(Path file, List<BenchmarkResult> results, List<String> problems) {
    return readRounds(file, results, problems, new ArrayList<>());
  }

  /**
   * Reads {@code rounds.json} as {@link #readRounds(Path, List, List)} does, and lists in
   * {@code unreadable} what made a file that is there unusable as written: empty, malformed JSON,
   * the wrong shape, or fork entries skipped. The lab replaces the file whole after every fork,
   * so it never leaves one cut short; its absence (a plain JMH run) is not listed.
   *
   * @param file the rounds file
   * @param results the results read from jmh.json
   * @param problems where what could not be read is reported
   * @param unreadable where the problems of a file that is there but malformed also go
   * @return the rounds
   */
  static Rounds readRounds(Path file, List<BenchmarkResult> results, List<String> problems, List<String> unreadable) {
    if (!Files.exists(file)) {
      return Rounds.fromJmh(results);
    }
    int before = problems.size();
    Optional<JsonNode> tree = readJson(file, false, problems);
    if (tree.isEmpty()) {
      unreadable.addAll(problems.subList(before, problems.size()));
      return Rounds.fromJmh(results);
    }
    JsonNode root = tree.get();
    if (!root.isObject() || !root.path("forks").isArray()) {
      String problem = name(file) + ": expected an object with a 'forks' array; rounds inferred from jmh.json";
      problems.add(problem);
      unreadable.add(problem);
      return Rounds.fromJmh(results);
    }
    Map<String, String> disturbance = new java.util.HashMap<>();
    int disturbed = 0;
    int rerun = 0;
    int still = 0;
    for (JsonNode g : root.path("groups")) {
      String key = g.path("round").asInt() + "." + g.path("group").asInt() + "." + g.path("attempt").asInt();
      boolean d = g.path("disturbed").asBoolean(false);
      if (d) {
        String reason = g.path("reason").asText("");
        disturbance.put(key, reason.isEmpty() ? "disturbed" : reason);
      }
      if (g.path("attempt").asInt(1) == 1 && d) {
        disturbed++;
      }
      if (g.path("attempt").asInt(1) > 1) {
        rerun++;
      }
      if (g.path("kept").asBoolean(true) && d) {
        still++;
      }
    }
    List<ForkData> forks = new ArrayList<>();
    JsonNode list = root.path("forks");
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      String benchmark = f.path("benchmark").asText("");
      int round = f.path("round").asInt(0);
      int group = f.path("group").asInt(0);
      int attempt = f.path("attempt").asInt(1);
      if (benchmark.isBlank() || round < 1 || group < 1) {
        String problem = name(file) + " fork #" + (i + 1) + ": needs 'benchmark', 'round' >= 1 and 'group' >= 1; skipped";
        problems.add(problem);
        unreadable.add(problem);
        continue;
      }
      TreeMap<String, String> params = new TreeMap<>();
      f.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode secondary = f.path("secondary");
      double[] alloc = numbers(secondary.path("gc.alloc.rate.norm"));
      forks.add(new ForkData(
          f.path("id").asInt(i + 1), round, group, attempt,
          f.path("kept").asBoolean(true),
          disturbance.getOrDefault(round + "." + group + "." + attempt, ""),
          benchmark,
          f.path("mode").asText(""),
          params,
          f.path("unit").asText(""),
          numbers(f.path("iterations")),
          numbers(secondary.path("gc.time")),
          numbers(secondary.path(SERIAL_PARTNER)),
          alloc.length == 0 ? Double.NaN : java.util.Arrays.stream(alloc).average().orElse(Double.NaN),
          f.has("measurementMillis") ? number(f.get("measurementMillis")) : Double.NaN,
          f.has("foreignCores") ? number(f.get("foreignCores")) : Double.NaN,
          f.path("failure").isNull() || f.path("failure").isMissingNode() ? "" : f.path("failure").asText("")));
    }
    return new Rounds(true, root.path("seed").asLong(0), Math.max(0, root.path("rounds").asInt(0)),
        root.path("probe").has("referenceMillis") ? number(root.path("probe").get("referenceMillis")) : Double.NaN,
        forks, disturbed, rerun, still);
  }

  private static double[] numbers(JsonNode array) {
    if (!array.isArray()) {
      return new double[0];
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  /** JMH's time values as written in its JSON: {@code 250 ms}, {@code 1 s}, {@code 10 us}; NaN otherwise. */
  static double millis(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9.]+)\\s*(ns|us|ms|s|min|m)\\s*").matcher(text);
    if (!m.matches()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "ns" -> v / 1e6;
      case "us" -> v / 1e3;
      case "ms" -> v;
      case "s" -> v * 1e3;
      default -> v * 60e3;
    };
  }

  private static Optional<JsonNode> readJson(Path file, boolean required, List<String> problems) {
    if (!Files.exists(file)) {
      if (required) {
        problems.add(name(file) + ": missing from the run folder");
      }
      return Optional.empty();
    }
    try {
      if (Files.size(file) == 0) {
        problems.add(name(file) + ": the file is empty");
        return Optional.empty();
      }
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || root.isMissingNode()) {
        problems.add(name(file) + ": the file holds no JSON");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = e.getOriginalMessage();
      if (what != null && what.startsWith("Unexpected end-of-input")) {
        what = "the file ends early (truncated?)";
      }
      problems.add(name(file) + ": malformed JSON" + place + ": " + what);
      return Optional.empty();
    } catch (IOException e) {
      problems.add(name(file) + ": cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** JMH writes NaN and infinities as strings ("NaN"); numbers may also be plain. */
  private static double number(JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return Double.parseDouble(v.asText().trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? RunMetadata.UNKNOWN : v.asText();
  }

  private static String kind(JsonNode n) {
    return n.isObject() ? "an object" : n.isArray() ? "an array" : "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String name(Path file) {
    return String.valueOf(file.getFileName());
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
