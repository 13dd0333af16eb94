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
  void shouldWriteThePythonJsonTheReportReads() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words,
        IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining("\r\n", "", "\r\n")));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(plan, words, 30, dir, PythonReference.SCRIPT,
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
  void shouldSkipWithOneLineWhenTheScriptIsMissing() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    boolean ok = PythonReference.run(plan, dir.resolve("w.txt"), 0, dir, dir.resolve("missing.py"),
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(ok).isFalse();
    assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("Python reference skipped: ").contains("missing.py");
  }
}
