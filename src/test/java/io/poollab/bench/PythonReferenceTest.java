package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Python reference: its command line, and (when python3 is here) the python.json it writes. */
@Timeout(120)
class PythonReferenceTest {

  @TempDir Path dir;

  private final PythonPlan plan = new PythonPlan(List.of(1, 2), List.of("default", "7"), 5, List.of(4), 6, 1, 2);

  @Test
  void shouldPassThePlanToTheScript() {
    List<String> cmd = PythonReference.command(Path.of("/usr/bin/python3"), PythonReference.SCRIPT, plan,
        Path.of("/data/w.txt"), 100, Path.of("/run/python.json"));

    assertThat(String.join(" ", cmd))
        .isEqualTo("/usr/bin/python3 " + PythonReference.SCRIPT + " --dataset /data/w.txt --words 100"
            + " --workers 1,2 --chunksizes default,7 --imap-chunksize 5 --io-workers 4 --sleep-items 6"
            + " --sleep-ms 1 --repeats 2 --out /run/python.json");
  }

  @Test
  void shouldPassThePacedInputsWhenThePlanStreams() {
    PythonPlan streaming = new PythonPlan(List.of(2), List.of("default"), 5, List.of(4), 6, 1, 2,
        List.of(new StreamPace(100, 1000), new StreamPace(10_000, 20)), 2);
    List<String> cmd = PythonReference.command(Path.of("/usr/bin/python3"), PythonReference.SCRIPT, streaming,
        Path.of("/data/w.txt"), 0, Path.of("/run/python.json"));

    assertThat(String.join(" ", cmd)).endsWith(
        " --repeats 2 --stream 100:1000,10000:20 --stream-workers 2 --out /run/python.json");
    // three calls per paced input and repeat: 2 x 3 x (99.9 + 190 ms) and a pool start, on top
    assertThat(streaming.estimate(40).minus(plan.estimate(40)).toMillis()).isBetween(2700L, 2800L);
  }

  @Test
  void shouldWriteStreamingResultsOverAPacedGenerator() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words, IntStream.range(0, 10).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    PythonPlan streaming = new PythonPlan(List.of(1), List.of("default"), 5, List.of(2), 2, 1, 2,
        List.of(new StreamPace(2_000, 5)), 2);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(streaming, words, 0, dir.resolve("python.json"), PythonReference.SCRIPT,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(ok).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("python.json").toFile());
    List<String> rows = new ArrayList<>();
    for (JsonNode r : json.get("results")) {
      if (!r.has("intervalMicros")) {
        continue;
      }
      rows.add(r.get("impl").asText() + "/" + r.get("workload").asText() + "/" + r.get("workers").asInt()
          + "/" + r.get("chunksize").asText());
      assertThat(r.get("items").asInt()).isEqualTo(5);
      assertThat(r.get("firstResultSeconds")).hasSize(2);
      for (int i = 0; i < 2; i++) {
        double first = r.get("firstResultSeconds").get(i).asDouble();
        double total = r.get("samplesSeconds").get(i).asDouble();
        // the last item is due 4 intervals (8 ms) after the start; the first result comes before it
        assertThat(total).isGreaterThanOrEqualTo(0.008);
        assertThat(first).isPositive().isLessThan(total);
      }
    }
    assertThat(rows).containsExactly("PY_SERIAL/stream-2000us/1/default", "PY_POOL_IMAP/stream-2000us/2/1",
        "PY_POOL_IMAP_UNORDERED/stream-2000us/2/1");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("PY_POOL_IMAP over 5 items every 2000 us: first result");
  }

  @Test
  void shouldWriteThePythonJsonTheReportReads() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words,
        IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining("\r\n", "", "\r\n")));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(plan, words, 30, dir.resolve("python.json"), PythonReference.SCRIPT,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(ok).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("python.json").toFile());
    assertThat(json.get("python").asText()).matches("3\\.\\d+\\.\\d+.*");
    assertThat(json.get("cores").asInt()).isPositive();
    assertThat(json.get("dataset").asText()).endsWith("words.txt");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : json.get("results")) {
      rows.add(r.get("impl").asText() + "/" + r.get("workload").asText() + "/" + r.get("workers").asInt()
          + "/" + r.get("chunksize").asText());
      assertThat(r.get("samplesSeconds")).hasSize(2);
      assertThat(r.get("medianSeconds").asDouble()).isPositive();
    }
    assertThat(rows).containsExactly(
        "PY_SERIAL/words/1/default",
        "PY_POOL_MAP/words/1/default", "PY_POOL_MAP/words/1/7", "PY_POOL_IMAP_UNORDERED/words/1/5",
        "PY_POOL_MAP/words/2/default", "PY_POOL_MAP/words/2/7", "PY_POOL_IMAP_UNORDERED/words/2/5",
        "PY_SERIAL/sleep/1/default",
        "PY_THREADPOOL_MAP/sleep/4/default");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("Loaded 30 words");
  }

  @Test
  void shouldRunTheChunksizesAndImapUnorderedOnlyAtTheirWorkerCounts() throws Exception {
    PythonPlan narrowed = new PythonPlan(List.of(1, 2), List.of("default", "7"), List.of(2), 5, List.of(4), 6, 1, 1,
        List.of(), 1);
    List<String> cmd = PythonReference.command(Path.of("/usr/bin/python3"), PythonReference.SCRIPT, narrowed,
        Path.of("/data/w.txt"), 0, Path.of("/run/python.json"));
    assertThat(String.join(" ", cmd)).contains(" --workers 1,2 --chunksizes default,7 --chunksize-workers 2 ");
    // Pool(1) runs map at the default chunksize only: 2 passes fewer than the whole cross product
    assertThat(narrowed.estimate(1_000_000)).isLessThan(plan.withRepeats(1).estimate(1_000_000));
    assertThat(narrowed.describe()).contains("Pool(n).map workers [1, 2] at the default chunksize, chunksizes"
        + " [default, 7] and imap_unordered chunksize 5 at workers [2]");

    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words, IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(narrowed, words, 0, dir.resolve("python.json"), PythonReference.SCRIPT,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(ok).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    List<String> rows = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(dir.resolve("python.json").toFile()).get("results")) {
      if (r.get("workload").asText().equals("words")) {
        rows.add(r.get("impl").asText() + "/" + r.get("workers").asInt() + "/" + r.get("chunksize").asText());
        assertThat(r.get("samplesSeconds")).hasSize(1);
      }
    }
    assertThat(rows).containsExactly("PY_SERIAL/1/default", "PY_POOL_MAP/1/default",
        "PY_POOL_MAP/2/default", "PY_POOL_MAP/2/7", "PY_POOL_IMAP_UNORDERED/2/5");
  }

  @Test
  void shouldLeaveOutTheWordJobOrTheSleepsWhenThePlanHasNone() throws Exception {
    PythonPlan sleepsOnly = new PythonPlan(List.of(), List.of("default"), List.of(), 5, List.of(3), 4, 1, 1,
        List.of(), 1);
    PythonPlan wordsOnly = new PythonPlan(List.of(1, 2), List.of("default", "7"), List.of(), 5, List.of(), 4, 1, 1,
        List.of(), 1);
    String sleepCmd = String.join(" ", PythonReference.command(Path.of("/usr/bin/python3"), PythonReference.SCRIPT,
        sleepsOnly, Path.of("/data/w.txt"), 0, Path.of("/run/python.json")));
    String wordCmd = String.join(" ", PythonReference.command(Path.of("/usr/bin/python3"), PythonReference.SCRIPT,
        wordsOnly, Path.of("/data/w.txt"), 0, Path.of("/run/python.json")));

    assertThat(sleepCmd).contains(" --workers none ").contains(" --io-workers 3 ");
    assertThat(wordCmd).contains(" --workers 1,2 ").contains(" --chunksize-workers none ").contains(" --io-workers none ");
    assertThat(sleepsOnly.describe()).isEqualTo("serial, ThreadPool[3] over 4 sleeps of 1 ms");
    assertThat(wordsOnly.describe()).isEqualTo("serial, Pool(n).map workers [1, 2] at the default chunksize");
    // no word pass, no sleep: only the script's start is left
    assertThat(new PythonPlan(List.of(), List.of("default"), List.of(), 5, List.of(), 4, 1, 1, List.of(), 1)
        .estimate(1_000_000)).isEqualTo(Duration.ofSeconds(2));

    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words, IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    List<String> rows = new ArrayList<>();
    for (PythonPlan p : List.of(sleepsOnly, wordsOnly)) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Path out = dir.resolve("python-" + rows.size() + ".json");
      boolean ok = PythonReference.run(p, words, 0, out, PythonReference.SCRIPT,
          new PrintStream(log, true, StandardCharsets.UTF_8));
      assertThat(ok).as(log.toString(StandardCharsets.UTF_8)).isTrue();
      for (JsonNode r : new ObjectMapper().readTree(out.toFile()).get("results")) {
        rows.add(r.get("impl").asText() + "/" + r.get("workload").asText() + "/" + r.get("workers").asInt()
            + "/" + r.get("chunksize").asText());
      }
      rows.add("--");
    }
    assertThat(rows).containsExactly(
        "PY_SERIAL/sleep/1/default", "PY_THREADPOOL_MAP/sleep/3/default", "--",
        "PY_SERIAL/words/1/default", "PY_POOL_MAP/words/1/default", "PY_POOL_MAP/words/2/default", "--");
  }

  @Test
  void shouldRefuseChunksizeWorkersThatAreNotAmongTheWorkers() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PythonPlan(List.of(1, 2), List.of("default"),
            List.of(4), 5, List.of(4), 6, 1, 1, List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunksizeWorkers must be among workers [1, 2], were [4]");
  }

  @Test
  void shouldSkipWithOneLineWhenTheScriptIsMissing() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(plan, dir.resolve("w.txt"), 0, dir.resolve("python.json"), dir.resolve("missing.py"),
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(ok).isFalse();
    assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("Python reference skipped: ").contains("missing.py");
  }
}
