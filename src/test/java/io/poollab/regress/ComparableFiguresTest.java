package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check on a machine class whose hosts have different CPUs: a latency figure in serial item
 * times moved 3x between an Intel and an AMD host with unchanged code, so it is gated only against
 * a baseline from the same CPU model; speed-ups are gated everywhere.
 */
class ComparableFiguresTest {

  private static final String P50 =
      "latency:p50:RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default";

  @TempDir Path reports;

  private static final int ROUNDS = 6;

  /**
   * A run of six rounds with the word job's serial fork (1,000 ns a word), POOL_MAP at about
   * {@code mapMs}, and the round trip logging 1..10,000 ns times {@code latencyScale} (forks 13-18).
   */
  private Path run(String name, String cpu, double mapMs, int latencyScale) throws IOException {
    double[][] serial = new double[ROUNDS][];
    double[][] map = new double[ROUNDS][];
    double[][] roundTrip = new double[ROUNDS][];
    for (int r = 0; r < ROUNDS; r++) {
      serial[r] = new double[] {100};
      map[r] = new double[] {mapMs * (1 + 0.01 * (r % 3 - 1))};
      roundTrip[r] = new double[] {5};
    }
    Path dir = SyntheticRun.seeded(4).cpuModel(cpu).machineClass("linux-x86_64-2c")
        .raw(SyntheticRun.WORD_JOB, Map.of("impl", "SERIAL", "workers", "1", "chunksize", "default",
            "hashing", "NEW_DIGEST"), serial)
        .raw(SyntheticRun.WORD_JOB, Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default",
            "hashing", "NEW_DIGEST"), map)
        .raw("io.poollab.bench.RoundTripLatencyBenchmark.applyAsyncRoundTrip",
            Map.of("impl", "POOL_APPLY_ASYNC", "workers", "1", "chunksize", "default"), roundTrip)
        .writeTo(reports.resolve(name));
    Files.createDirectories(dir.resolve("histograms"));
    for (int fork = 2 * ROUNDS + 1; fork <= 3 * ROUNDS; fork++) {
      Histogram h = new Histogram(3);
      for (int i = 1; i <= 10_000; i++) {
        h.recordValue((long) (i + fork) * latencyScale);
      }
      Path log = dir.resolve("histograms/RoundTripLatencyBenchmark.applyAsyncRoundTrip-fork" + fork + ".hlog");
      HistogramLogWriter w = new HistogramLogWriter(log.toFile());
      w.outputIntervalHistogram(h);
      w.close();
    }
    return dir;
  }

  private CheckRunner.Result check(Path baselineRun, Path run) {
    BaselineStore.update(baselineRun, reports);
    return CheckRunner.check(run, null, reports, CheckOptions.DEFAULTS, null,
        new PrintWriter(new StringWriter(), true));
  }

  @Test
  void shouldGateLatencyAgainstABaselineFromTheSameCpu() throws IOException {
    CheckRunner.Result r = check(run("base", "Intel(R) Xeon(R) Processor", 52, 1),
        run("slow", "Intel(R) Xeon(R) Processor", 52, 3));

    assertThat(r.verdict().comparisons()).extracting(FigureComparison::key).contains(P50);
    assertThat(r.verdict().with(Outcome.REGRESSED)).extracting(FigureComparison::key).contains(P50);
    assertThat(r.warnings()).noneMatch(w -> w.contains("latency figures not compared"));
  }

  @Test
  void shouldLeaveLatencyOutAndSayWhyWhenTheBaselineIsFromAnotherCpu() throws IOException {
    CheckRunner.Result r = check(run("base", "Intel(R) Xeon(R) Processor", 52, 1),
        run("other", "AMD EPYC", 52, 3));

    assertThat(r.verdict().comparisons()).extracting(FigureComparison::key)
        .noneMatch(k -> k.startsWith("latency:"))
        .anyMatch(k -> k.startsWith("speedup:WordJobBenchmark.hashAll:POOL_MAP"));
    assertThat(r.verdict().exitCode()).isZero();
    assertThat(r.warnings()).anyMatch(w -> w.contains("latency figures not compared")
        && w.contains("'Intel(R) Xeon(R) Processor'") && w.contains("'AMD EPYC'"));
  }

  @Test
  void shouldStillGateSpeedUpsAgainstABaselineFromAnotherCpu() throws IOException {
    CheckRunner.Result r = check(run("base", "Intel(R) Xeon(R) Processor", 52, 1),
        run("slower-pool", "AMD EPYC", 75, 1));

    assertThat(r.verdict().with(Outcome.REGRESSED)).extracting(FigureComparison::key)
        .containsExactly("speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default:hashing=NEW_DIGEST");
    assertThat(r.verdict().exitCode()).isEqualTo(1);
  }
}
