package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poollab.report.ForkData;
import io.poollab.report.RunReader;
import io.poollab.report.RunResults;
import io.poollab.report.SpeedUp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through JMH: tiny benchmarks in forked JVMs on a tiny dataset, in interleaved rounds
 * through the same {@link RoundRunner} and {@link JmhForkRunner} the {@code bench} command uses;
 * checks rounds.json, jmh.json, the per-fork histogram logs, and that the report reads them back
 * into paired speed-ups.
 */
@Timeout(240)
class JmhSmokeTest {

  @TempDir Path dir;

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @BeforeAll
  static void shareTheMachine() {
    // this test checks the plumbing, not timings: other JMH runs on the machine may go on
    System.setProperty("jmh.ignoreLock", "true");
  }

  @Test
  void shouldRunRoundsThroughJmhAndWriteFilesTheReportReads() throws Exception {
    Path words = dir.resolve("words.txt");
    Files.writeString(words,
        IntStream.range(0, 300).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    Path runDir = dir.resolve("run");
    Path histograms = runDir.resolve("histograms");
    IterationSettings tiny = new IterationSettings(1, Duration.ofMillis(100), 3, Duration.ofMillis(100));
    List<PlanEntry> entries = List.of(
        new PlanEntry(PlanBuilder.WORD_JOB,
            params("impl", "SERIAL", "workers", "1", "chunksize", "default", "hashing", "NEW_DIGEST"), tiny),
        new PlanEntry(PlanBuilder.WORD_JOB,
            params("impl", "POOL_MAP", "workers", "2", "chunksize", "default", "hashing", "NEW_DIGEST"), tiny),
        new PlanEntry(PlanBuilder.ROUND_TRIP,
            params("impl", "POOL_APPLY_ASYNC", "workers", "1", "chunksize", "default"), tiny));
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("metadata.json"), "{\"cores\": 2, \"dataset\": {\"words\": 300}}",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
    RoundRunner.Summary summary;
    try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve("jmh.log")), true, StandardCharsets.UTF_8)) {
      RoundRunner.Side side = new RoundRunner.Side("run", new JmhForkRunner(log, out), new RoundLog(runDir, "run"),
          List.of("-Xmx256m", "-D" + BenchInputs.DATASET + "=" + words, "-D" + BenchInputs.HISTOGRAMS + "=" + histograms,
              "-D" + BenchInputs.PAIRED_SERIAL + "=true"));
      summary = new RoundRunner(List.of(side), entries.stream().map(e -> new ForkGroup.SideEntry("run", e)).toList(),
          2, 42L, new QuietCanary(), out).run();
    }

    String text = progress.toString(StandardCharsets.UTF_8);
    assertThat(summary.failed()).as(text).isEmpty();
    assertThat(summary.forks()).isEqualTo(6);
    assertThat(summary.roundsRun()).isEqualTo(2);
    assertThat(text).contains("[round 1/2, 1/6] ").contains("[round 2/2, 6/6] ");

    JsonNode rounds = new ObjectMapper().readTree(runDir.resolve("rounds.json").toFile());
    assertThat(rounds.get("format").asText()).isEqualTo(RoundLog.FORMAT);
    assertThat(rounds.get("seed").asLong()).isEqualTo(42L);
    assertThat(rounds.get("forks")).hasSize(6);
    assertThat(rounds.get("groups")).hasSize(4); // per round: [P, SERIAL] and the lone round trip

    JsonNode json = new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(3);
    for (JsonNode result : json) {
      assertThat(result.get("forks").asInt()).isEqualTo(2);
      assertThat(result.get("primaryMetric").get("rawData")).hasSize(2);
      assertThat(result.get("primaryMetric").get("rawData").get(0)).hasSize(3);
      assertThat(result.get("primaryMetric").get("score").asDouble()).isPositive();
      // JMH's GC profiler ran (gc.time appears only where a collection happened)
      assertThat(result.get("secondaryMetrics").has("\u00b7gc.alloc.rate.norm")).isTrue();
    }

    List<Path> logs;
    try (Stream<Path> s = Files.list(histograms)) {
      logs = s.sorted().toList();
    }
    assertThat(logs).hasSize(2).allSatisfy(p -> assertThat(p.getFileName().toString())
        .startsWith("RoundTripLatencyBenchmark.applyAsyncRoundTrip-")
        .contains("workers=1")
        .matches(".*-fork\\d+\\.hlog"));
    HistogramLogReader reader = new HistogramLogReader(logs.getFirst().toFile());
    Histogram measured = (Histogram) reader.nextIntervalHistogram();
    assertThat(measured).isNotNull();
    assertThat(measured.getTotalCount()).isPositive();

    RunResults run = RunReader.read(runDir);
    assertThat(run.rounds().recorded()).isTrue();
    // the parallel word-job forks timed the serial job beside every iteration; the serial ones did not
    assertThat(RunReader.SERIAL_PARTNER).isEqualTo(ForkResult.SERIAL_PARTNER);
    List<ForkData> wordForks = run.rounds().forks().stream()
        .filter(f -> f.benchmark().equals(PlanBuilder.WORD_JOB)).toList();
    assertThat(wordForks).hasSize(4);
    assertThat(wordForks).filteredOn(f -> f.impl().equals("POOL_MAP")).hasSize(2)
        .allSatisfy(f -> assertThat(f.paired()).as(f.toString()).isTrue());
    assertThat(wordForks).filteredOn(f -> f.impl().equals("SERIAL")).hasSize(2)
        .allSatisfy(f -> assertThat(f.paired()).isFalse());
    assertThat(json).filteredOn(r -> r.get("params").get("impl").asText().equals("POOL_MAP"))
        .singleElement().satisfies(r -> assertThat(r.get("secondaryMetrics").has("\u00b7" + ForkResult.SERIAL_PARTNER)).isTrue());
    assertThat(run.latencyByFork()).hasSize(2);
    SpeedUp map = run.speedUps().stream().filter(s -> s.impl().equals("POOL_MAP")).findFirst().orElseThrow();
    assertThat(map.quality().rounds()).isEqualTo(2);
    assertThat(map.value()).isPositive();
    assertThat(map.low()).isLessThanOrEqualTo(map.value());
    assertThat(map.high()).isGreaterThanOrEqualTo(map.value());
  }

  @Test
  @Timeout(90)
  void shouldStopAForkThatHangsAndGoOn() throws Exception {
    Path runDir = dir.resolve("hang");
    IterationSettings tiny = new IterationSettings(1, Duration.ofMillis(100), 1, Duration.ofMillis(100));
    // one item sleeps ten minutes: far past the limit of 3 x estimate + 2 s grace
    PlanEntry hang = new PlanEntry(PlanBuilder.CPU_IO, params("impl", "POOL_MAP", "workers", "1", "chunksize", "default",
        "task", "SLEEP", "costMicros", "600000000", "backend", "PLATFORM"), tiny);
    PlanEntry fine = new PlanEntry(PlanBuilder.CPU_IO, params("impl", "SERIAL", "workers", "1", "chunksize", "default",
        "task", "CPU", "costMicros", "100", "backend", "PLATFORM"), tiny);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
    RoundRunner.Summary summary;
    try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("hang.log")), true, StandardCharsets.UTF_8)) {
      RoundRunner.Side side = new RoundRunner.Side("run", new JmhForkRunner(log, out), new RoundLog(runDir, "run"),
          List.of("-Xmx256m"));
      summary = new RoundRunner(List.of(side), List.of(new ForkGroup.SideEntry("run", hang),
          new ForkGroup.SideEntry("run", fine)), 1, 7L, new QuietCanary(), out)
          .hangGrace(Duration.ofSeconds(2))
          .run();
    }

    String text = progress.toString(StandardCharsets.UTF_8);
    assertThat(summary.failed()).as(text).containsExactly(hang.label());
    assertThat(summary.forks()).isEqualTo(2);
    assertThat(text).contains("ran past its limit");
    JsonNode rounds = new ObjectMapper().readTree(runDir.resolve("rounds.json").toFile());
    assertThat(rounds.get("forks")).hasSize(2);
    assertThat(rounds.get("forks").findValuesAsText("failure")).anySatisfy(f -> assertThat(f).contains("ran past its limit"));
    assertThat(new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile())).hasSize(1);
    assertThat(ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("ForkedMain")).count()).isZero();
  }
}
