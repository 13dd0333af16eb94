package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@link StreamingBenchmark} in a forked JVM, with no JMH warm-up iteration: its own warm-up
 * streams run, and none of them reaches the latency log, which holds exactly one first result per
 * measured stream.
 */
@Timeout(120)
class StreamingBenchmarkTest {

  @TempDir Path dir;

  @BeforeAll
  static void shareTheMachine() {
    // checks what is recorded, not timings: other JMH runs on the machine may go on
    System.setProperty("jmh.ignoreLock", "true");
  }

  @Test
  void shouldLogOneFirstResultPerMeasuredStreamAndNoneOfTheWarmUpStreams() throws Exception {
    Path words = dir.resolve("words.txt");
    Files.writeString(words,
        IntStream.range(0, 50).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    Path histograms = dir.resolve("histograms");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(StreamingBenchmark.class.getName() + ".stream")
        .param("impl", "POOL_IMAP_UNORDERED")
        .param("intervalMicros", "100")
        .param("items", "5")
        .warmupIterations(0)
        .measurementIterations(2)
        .measurementTime(TimeValue.milliseconds(50))
        .forks(1)
        .jvmArgsAppend("-Xmx256m", "-D" + BenchInputs.DATASET + "=" + words,
            "-D" + BenchInputs.HISTOGRAMS + "=" + histograms)
        .build()).run();

    long measuredStreams = results.stream()
        .flatMap(r -> r.getBenchmarkResults().stream())
        .flatMap(b -> b.getIterationResults().stream())
        .mapToLong(i -> i.getMetadata().getMeasuredOps())
        .sum();
    assertThat(measuredStreams).isPositive().isLessThan(StreamingBenchmark.WARM_UP_CALLS);
    assertThat(firstResultsLogged(histograms)).isEqualTo(measuredStreams);
  }

  private static long firstResultsLogged(Path histograms) throws Exception {
    List<Path> logs;
    try (Stream<Path> files = Files.list(histograms)) {
      logs = files.filter(f -> f.getFileName().toString().endsWith(".hlog")).toList();
    }
    assertThat(logs).hasSize(1);
    HistogramLogReader reader = new HistogramLogReader(logs.get(0).toFile());
    long count = 0;
    for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
      count += ((Histogram) h).getTotalCount();
    }
    return count;
  }
}
