package io.poollab.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a synthetic run folder for tests, as the round runner writes one: jmh.json in JMH's
 * format, rounds.json with every fork's round (one group per round holding every configuration),
 * metadata.json. The word job with a serial baseline and pool results, times in ms/op.
 * Deterministic: the noise comes from normal quantiles shuffled by a seeded Random.
 */
public final class SyntheticRun {

  public static final String WORD_JOB = "io.poollab.bench.WordJobBenchmark.hashAll";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Normal quantiles at (i + 0.5) / 20: mean 0, spread about 1. */
  private static final double[] Z = {
    -1.960, -1.440, -1.150, -0.935, -0.755, -0.598, -0.454, -0.319, -0.189, -0.063,
    0.063, 0.189, 0.319, 0.454, 0.598, 0.755, 0.935, 1.150, 1.440, 1.960};

  private record Result(String benchmark, Map<String, String> params, double[][] rounds, double[][] partner) {}

  private final List<Result> results = new ArrayList<>();
  private final Random random;
  private final Set<Integer> disturbedRounds = new HashSet<>();
  private String machineClass = "linux-x86_64-2c";
  private int rounds = 4;
  private String cpuModel = "Synthetic CPU";
  private String startedAt = "2026-01-01T12:00:00Z";

  private SyntheticRun(long seed) {
    this.random = new Random(seed);
  }

  public static SyntheticRun seeded(long seed) {
    return new SyntheticRun(seed);
  }

  /** The CPU model metadata.json names (default "Synthetic CPU"). */
  public SyntheticRun cpuModel(String model) {
    this.cpuModel = model;
    return this;
  }

  /** When metadata.json says the run started (ISO-8601; default 2026-01-01T12:00:00Z). */
  public SyntheticRun startedAt(String iso) {
    this.startedAt = iso;
    return this;
  }

  public SyntheticRun machineClass(String mc) {
    this.machineClass = mc;
    return this;
  }

  /** How many rounds the next results get (default 4). */
  public SyntheticRun rounds(int n) {
    this.rounds = n;
    return this;
  }

  /** Marks a round's group disturbed, as the canary would. */
  public SyntheticRun disturbed(int round) {
    disturbedRounds.add(round);
    return this;
  }

  /** A result with 5 iterations per round around meanMs, relative spread relSd. */
  public SyntheticRun result(String impl, int workers, String chunksize, double meanMs, double relSd) {
    List<Double> z = new ArrayList<>();
    for (int i = 0; i < 5 * rounds; i++) {
      z.add(Z[(i * Z.length) / (5 * rounds)]);
    }
    Collections.shuffle(z, random);
    double[][] raw = new double[rounds][5];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 5; i++) {
        raw[r][i] = meanMs * (1 + relSd * z.get(r * 5 + i));
      }
    }
    Map<String, String> params = new TreeMap<>();
    params.put("impl", impl);
    params.put("workers", Integer.toString(workers));
    params.put("chunksize", chunksize);
    params.put("hashing", "NEW_DIGEST");
    return raw(WORD_JOB, params, raw);
  }

  /** The usual word-job run: serial, POOL_MAP and POOL_IMAP_UNORDERED(1) at 2 workers. */
  public static SyntheticRun wordJob(long seed, double serialMs, double mapMs, double imapMs, double relSd) {
    return seeded(seed)
        .result("SERIAL", 1, "default", serialMs, relSd)
        .result("POOL_MAP", 2, "default", mapMs, relSd)
        .result("POOL_IMAP_UNORDERED", 2, "1", imapMs, relSd);
  }

  /** A result given iteration by iteration: one array per round. */
  public SyntheticRun raw(String benchmark, Map<String, String> params, double[][] raw) {
    results.add(new Result(benchmark, new TreeMap<>(params), raw, null));
    return this;
  }

  /**
   * A paired result (its forks timed the serial job beside each iteration, as the benchmarks'
   * SerialPartner does): one array per round, and the serial partner's ms/op per iteration.
   */
  public SyntheticRun paired(String benchmark, Map<String, String> params, double[][] raw, double[][] partner) {
    results.add(new Result(benchmark, new TreeMap<>(params), raw, partner));
    return this;
  }

  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      ArrayNode jmh = JSON.createArrayNode();
      ObjectNode roundsJson = JSON.createObjectNode();
      roundsJson.put("format", "poollab-rounds/1");
      roundsJson.put("side", "run");
      roundsJson.put("seed", 1);
      int most = results.stream().mapToInt(r -> r.rounds().length).max().orElse(0);
      roundsJson.put("rounds", most);
      ArrayNode groups = roundsJson.putArray("groups");
      ArrayNode forks = roundsJson.putArray("forks");
      List<List<Integer>> idsByRound = new ArrayList<>();
      for (int r = 0; r < most; r++) {
        idsByRound.add(new ArrayList<>());
      }
      int id = 1;
      for (Result result : results) {
        jmh.add(jmhEntry(result));
        for (int r = 0; r < result.rounds().length; r++) {
          ObjectNode f = forks.addObject();
          f.put("id", id);
          f.put("round", r + 1);
          f.put("group", 1);
          f.put("attempt", 1);
          f.put("kept", true);
          f.put("benchmark", result.benchmark());
          ObjectNode ps = f.putObject("params");
          result.params().forEach(ps::put);
          f.put("mode", "avgt");
          f.put("unit", "ms/op");
          f.put("measurementMillis", 250);
          ArrayNode its = f.putArray("iterations");
          for (double v : result.rounds()[r]) {
            its.add(v);
          }
          ObjectNode secondary = f.putObject("secondary");
          if (result.partner() != null) {
            ArrayNode sp = secondary.putArray("serialPartnerMillis");
            for (double v : result.partner()[r]) {
              sp.add(v);
            }
          }
          f.putNull("failure");
          idsByRound.get(r).add(id++);
        }
      }
      for (int r = 0; r < most; r++) {
        ObjectNode g = groups.addObject();
        g.put("round", r + 1);
        g.put("group", 1);
        g.put("attempt", 1);
        ArrayNode ids = g.putArray("forks");
        idsByRound.get(r).forEach(ids::add);
        boolean d = disturbedRounds.contains(r + 1);
        g.put("disturbed", d);
        g.put("reason", d ? "other processes used 1.00 cores" : "");
        g.put("kept", true);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("jmh.json").toFile(), jmh);
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("rounds.json").toFile(), roundsJson);
      ObjectNode meta = JSON.createObjectNode();
      meta.put("cpuModel", cpuModel);
      meta.put("cores", 2);
      meta.put("memoryBytes", 8L << 30);
      meta.put("os", "Linux 6.1");
      meta.put("jvm", "OpenJDK 25");
      meta.putArray("jvmFlags").add("-Xmx2g");
      meta.put("commit", "abc1234");
      ObjectNode ds = meta.putObject("dataset");
      ds.put("path", "datasets/standin.txt");
      ds.put("sha256", "00");
      ds.put("words", 1000000);
      ds.put("wordsUsed", 100000);
      meta.put("profile", "quick");
      meta.put("startedAt", startedAt);
      if (machineClass != null) {
        meta.put("machineClass", machineClass);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metadata.json").toFile(), meta);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode jmhEntry(Result result) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("jmhVersion", "1.37");
    entry.put("benchmark", result.benchmark());
    entry.put("mode", "avgt");
    entry.put("threads", 1);
    entry.put("forks", result.rounds().length);
    entry.put("measurementTime", "250 ms");
    ObjectNode ps = entry.putObject("params");
    result.params().forEach(ps::put);
    ObjectNode metric = entry.putObject("primaryMetric");
    int n = 0;
    double sum = 0;
    for (double[] fork : result.rounds()) {
      for (double v : fork) {
        sum += v;
        n++;
      }
    }
    double mean = sum / n;
    double ss = 0;
    for (double[] fork : result.rounds()) {
      for (double v : fork) {
        ss += (v - mean) * (v - mean);
      }
    }
    double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
    metric.put("score", mean);
    metric.put("scoreError", 3.29 * se);
    ArrayNode conf = metric.putArray("scoreConfidence");
    conf.add(mean - 3.29 * se).add(mean + 3.29 * se);
    metric.put("scoreUnit", "ms/op");
    ArrayNode rawData = metric.putArray("rawData");
    for (double[] fork : result.rounds()) {
      ArrayNode f = rawData.addArray();
      for (double v : fork) {
        f.add(v);
      }
    }
    entry.putObject("secondaryMetrics");
    return entry;
  }
}
