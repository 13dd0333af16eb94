package io.poollab.report;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic runs for chart tests, written with {@link SyntheticRun#raw}: the CPU/IO benchmark's
 * and the word job's params as the lab names them, iterations around a mean with a fixed
 * pattern (no randomness), and a python.json writer.
 *
 * <pre>{@code
 * SyntheticRun run = SyntheticRun.seeded(1);
 * ChartFixtures.cpuIo(run, "SLEEP", 5000, "SERIAL", 1, "PLATFORM", 500);
 * }</pre>
 */
final class ChartFixtures {

  static final String CPU_IO = "io.poollab.bench.CpuIoBenchmark.runAll";

  private ChartFixtures() {}

  /** {@code rounds} rounds of 5 iterations within ±2% of {@code meanMs}. */
  static double[][] rounds(double meanMs, int rounds) {
    double[][] out = new double[rounds][5];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 5; i++) {
        out[r][i] = meanMs * (1 + 0.01 * ((r * 5 + i) % 5 - 2));
      }
    }
    return out;
  }

  /** Adds a CpuIoBenchmark result of 4 rounds. */
  static SyntheticRun cpuIo(SyntheticRun run, String task, int costMicros, String impl, int workers,
      String backend, double meanMs) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", impl);
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", "default");
    p.put("task", task);
    p.put("costMicros", Integer.toString(costMicros));
    p.put("backend", backend);
    return run.raw(CPU_IO, p, rounds(meanMs, 4));
  }

  /** Adds a CpuIoBenchmark result of 4 rounds on {@code members} member processes (backend CLUSTER). */
  static SyntheticRun cpuIoOnMembers(SyntheticRun run, String task, int costMicros, int workers, int members,
      double meanMs) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", "POOL_MAP");
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", "default");
    p.put("task", task);
    p.put("costMicros", Integer.toString(costMicros));
    p.put("backend", "CLUSTER");
    p.put("members", Integer.toString(members));
    return run.raw(CPU_IO, p, rounds(meanMs, 4));
  }

  /** Adds a word-job map of 4 rounds on member processes, one per worker (backend CLUSTER). */
  static SyntheticRun wordOnMembers(SyntheticRun run, int workers, double meanMs) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", "POOL_MAP");
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", "default");
    p.put("hashing", "NEW_DIGEST");
    p.put("backend", "CLUSTER");
    p.put("members", Integer.toString(workers));
    return run.raw(SyntheticRun.WORD_JOB, p, rounds(meanMs, 4));
  }

  /** Adds a word-job result of 4 rounds (hashing NEW_DIGEST). */
  static SyntheticRun word(SyntheticRun run, String impl, int workers, String chunksize, double meanMs) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", impl);
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", chunksize);
    p.put("hashing", "NEW_DIGEST");
    return run.raw(SyntheticRun.WORD_JOB, p, rounds(meanMs, 4));
  }

  /**
   * Writes python.json into a run folder: each result {@code impl workload workers chunksize
   * seconds...} as one string, e.g. {@code "PY_THREADPOOL_MAP sleep 20 default 0.03"}.
   */
  static void python(Path dir, String... results) {
    pythonOn(dir, "x", results);
  }

  /** {@link #python(Path, String...)} over the given dataset (the run's, for wall-time comparisons). */
  static void pythonOn(Path dir, String dataset, String... results) {
    StringBuilder sb = new StringBuilder("{\"python\": \"3.11.7\", \"cores\": 2, \"dataset\": \"" + dataset
        + "\", \"results\": [");
    for (int i = 0; i < results.length; i++) {
      String[] f = results[i].split(" ");
      StringBuilder samples = new StringBuilder();
      for (int k = 4; k < f.length; k++) {
        samples.append(k == 4 ? "" : ", ").append(f[k]);
      }
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
          "{\"impl\": \"%s\", \"workload\": \"%s\", \"workers\": %s, \"chunksize\": \"%s\","
              + " \"samplesSeconds\": [%s], \"medianSeconds\": %s}",
          f[0], f[1], f[2], f[3], samples, f[4 + (f.length - 4) / 2]));
    }
    sb.append("]}");
    try {
      Files.writeString(dir.resolve("python.json"), sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
