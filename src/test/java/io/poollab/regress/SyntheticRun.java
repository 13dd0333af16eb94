package io.poollab.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a synthetic run folder (jmh.json in JMH's format, metadata.json) for tests: the word
 * job with a serial baseline and pool results, times in ms/op, per-iteration raw data in two
 * forks. Deterministic: samples come from a seeded Random.
 */
public final class SyntheticRun {

  public static final String WORD_JOB = "io.poollab.bench.WordJobBenchmark.hashAll";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArrayNode results = JSON.createArrayNode();
  private final Random random;
  private String machineClass = "linux-x86_64-2c";

  private SyntheticRun(long seed) {
    this.random = new Random(seed);
  }

  public static SyntheticRun seeded(long seed) {
    return new SyntheticRun(seed);
  }

  public SyntheticRun machineClass(String mc) {
    this.machineClass = mc;
    return this;
  }

  /** A result with 10 samples (2 forks x 5) drawn around meanMs with relative spread relSd. */
  public SyntheticRun result(String impl, int workers, String chunksize, double meanMs, double relSd) {
    // the normal quantiles at (i + 0.5) / 10 in a seeded order: the mean is exactly meanMs,
    // the spread exactly relSd, and only the order (hence the pairing with SERIAL) is random
    java.util.List<Double> z = new java.util.ArrayList<>(java.util.List.of(
        -1.645, -1.036, -0.674, -0.385, -0.126, 0.126, 0.385, 0.674, 1.036, 1.645));
    java.util.Collections.shuffle(z, random);
    double[][] raw = new double[2][5];
    for (int f = 0; f < 2; f++) {
      for (int i = 0; i < 5; i++) {
        raw[f][i] = meanMs * (1 + relSd * z.get(f * 5 + i));
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

  public SyntheticRun raw(String benchmark, Map<String, String> params, double[][] raw) {
    ObjectNode entry = results.addObject();
    entry.put("jmhVersion", "1.37");
    entry.put("benchmark", benchmark);
    entry.put("mode", "avgt");
    entry.put("threads", 1);
    entry.put("forks", raw.length);
    ObjectNode ps = entry.putObject("params");
    params.forEach(ps::put);
    ObjectNode metric = entry.putObject("primaryMetric");
    int n = 0;
    double sum = 0;
    for (double[] fork : raw) {
      for (double v : fork) {
        sum += v;
        n++;
      }
    }
    double mean = sum / n;
    double ss = 0;
    for (double[] fork : raw) {
      for (double v : fork) {
        ss += (v - mean) * (v - mean);
      }
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    metric.put("score", mean);
    // JMH's error is a Student-t 99.9% half-width; 4.78 is t(0.9995, 9) for 10 samples
    metric.put("scoreError", n == 10 ? 4.78 * se : 3.29 * se);
    ArrayNode conf = metric.putArray("scoreConfidence");
    conf.add(mean - 4.78 * se).add(mean + 4.78 * se);
    metric.put("scoreUnit", "ms/op");
    ArrayNode rawData = metric.putArray("rawData");
    for (double[] fork : raw) {
      ArrayNode f = rawData.addArray();
      for (double v : fork) {
        f.add(v);
      }
    }
    entry.putObject("secondaryMetrics");
    return this;
  }

  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("jmh.json").toFile(), results);
      ObjectNode meta = JSON.createObjectNode();
      meta.put("cpuModel", "Synthetic CPU");
      meta.put("cores", 2);
      meta.put("memoryBytes", 8L << 30);
      meta.put("os", "Linux 6.1");
      meta.put("jvm", "OpenJDK 25");
      meta.putArray("jvmFlags").add("-Xmx2g");
      meta.put("commit", "abc1234");
      ObjectNode ds = meta.putObject("dataset");
      ds.put("path", "datasets/standin.txt");
      ds.put("sha256", "00");
      ds.put("words", 100000);
      meta.put("profile", "quick");
      meta.put("startedAt", "2026-01-01T12:00:00Z");
      if (machineClass != null) {
        meta.put("machineClass", machineClass);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metadata.json").toFile(), meta);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
