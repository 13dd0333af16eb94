package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through JMH: tiny benchmarks in a forked JVM on a tiny dataset, through the same
 * {@link BenchRunner} the {@code bench} command uses; checks jmh.json and a histogram log.
 */
@Timeout(180)
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
  void shouldRunBenchmarksThroughJmhAndWriteParseableResults() throws Exception {
    Path words = dir.resolve("words.txt");
    Files.writeString(words,
        IntStream.range(0, 300).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    Path runDir = dir.resolve("run");
    Path histograms = runDir.resolve("histograms");
    IterationSettings tiny = new IterationSettings(1, 1, Duration.ofMillis(100), 1, Duration.ofMillis(100));
    BenchPlan plan = new BenchPlan(Profile.QUICK, List.of(
        new PlanEntry(PlanBuilder.WORD_JOB,
            params("impl", "SERIAL", "workers", "1", "chunksize", "default", "hashing", "NEW_DIGEST"), tiny),
        new PlanEntry(PlanBuilder.WORD_JOB,
            params("impl", "POOL_MAP", "workers", "2", "chunksize", "default", "hashing", "WORKER_DIGEST"), tiny),
        new PlanEntry(PlanBuilder.ROUND_TRIP,
            params("impl", "POOL_APPLY_ASYNC", "workers", "1", "chunksize", "default"), tiny)),
        0, null);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchRunner.Summary summary = new BenchRunner(plan, runDir,
        List.of("-Xmx256m", "-D" + BenchInputs.DATASET + "=" + words, "-D" + BenchInputs.HISTOGRAMS + "=" + histograms),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    assertThat(summary.failed()).as(progress.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(summary.finished()).isEqualTo(3);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[1/3] WordJobBenchmark.hashAll impl=SERIAL").contains("[3/3]");

    JsonNode json = new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(3);
    JsonNode serial = json.get(0);
    assertThat(serial.get("benchmark").asText()).isEqualTo(PlanBuilder.WORD_JOB);
    assertThat(serial.get("params").get("impl").asText()).isEqualTo("SERIAL");
    assertThat(serial.get("forks").asInt()).isEqualTo(1);
    assertThat(serial.get("primaryMetric").get("score").asDouble()).isPositive();
    assertThat(serial.get("primaryMetric").get("scoreUnit").asText()).isEqualTo("ms/op");
    assertThat(json.get(1).get("params").get("hashing").asText()).isEqualTo("WORKER_DIGEST");
    assertThat(json.get(2).get("mode").asText()).isEqualTo("sample");

    List<Path> logs;
    try (Stream<Path> s = Files.list(histograms)) {
      logs = s.toList();
    }
    assertThat(logs).hasSize(1);
    assertThat(logs.getFirst().getFileName().toString())
        .startsWith("RoundTripLatencyBenchmark.applyAsyncRoundTrip-")
        .contains("workers=1")
        .endsWith(".hlog");
    HistogramLogReader reader = new HistogramLogReader(logs.getFirst().toFile());
    Histogram measured = (Histogram) reader.nextIntervalHistogram();
    assertThat(measured).isNotNull();
    assertThat(measured.getTotalCount()).isPositive();
    assertThat(reader.nextIntervalHistogram()).as("one measured iteration, warm-up dropped").isNull();
  }

  @Test
  @Timeout(90)
  void shouldStopAnEntryThatHangsAndGoOn() throws Exception {
    Path runDir = dir.resolve("hang");
    IterationSettings tiny = new IterationSettings(1, 1, Duration.ofMillis(100), 1, Duration.ofMillis(100));
    // one item sleeps ten minutes: far past the limit of 3 x estimate + 2 s grace
    PlanEntry hang = new PlanEntry(PlanBuilder.CPU_IO, params("impl", "SERIAL", "workers", "1", "chunksize", "default",
        "task", "SLEEP", "costMicros", "600000000", "backend", "PLATFORM"), tiny);
    PlanEntry fine = new PlanEntry(PlanBuilder.CPU_IO, params("impl", "SERIAL", "workers", "1", "chunksize", "default",
        "task", "CPU", "costMicros", "100", "backend", "PLATFORM"), tiny);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchRunner.Summary summary =
        new BenchRunner(new BenchPlan(Profile.QUICK, List.of(hang, fine), 0, null), runDir, List.of("-Xmx256m"),
            new PrintStream(progress, true, StandardCharsets.UTF_8))
            .hangGrace(Duration.ofSeconds(2))
            .run();

    String text = progress.toString(StandardCharsets.UTF_8);
    assertThat(summary.failed()).as(text).containsExactly(hang.label());
    assertThat(summary.finished()).isEqualTo(1);
    assertThat(text).contains("ran past its limit");
    assertThat(new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile())).hasSize(1);
    assertThat(ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("ForkedMain")).count()).isZero();
  }
}
