package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** Python's runs between the rounds: where they go, and the python.json they make together. */
@Timeout(120)
class PythonRoundsTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8);
  private final PythonPlan plan = new PythonPlan(List.of(1, 2), List.of("default"), 5, List.of(4), 6, 1, 3);

  @Test
  void shouldSpreadTheRunsOverTheRoundsAndEndWithTheLast() {
    assertThat(runsAfterEach(3, 3)).containsExactly(1, 1, 1);
    assertThat(runsAfterEach(5, 3)).containsExactly(0, 1, 0, 1, 1);
    assertThat(runsAfterEach(1, 3)).containsExactly(3);
    assertThat(runsAfterEach(10, 5)).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    for (int rounds = 1; rounds <= 12; rounds++) {
      for (int runs = 1; runs <= 7; runs++) {
        assertThat(runsAfterEach(rounds, runs).stream().mapToInt(Integer::intValue).sum())
            .as("%d runs over %d rounds", runs, rounds).isEqualTo(runs);
        assertThat(runsAfterEach(rounds, runs).get(rounds - 1)).isPositive();
      }
    }
    assertThat(PythonRounds.schedule(3, 3)).isEqualTo("3 runs of each, after rounds 1, 2 and 3");
    assertThat(PythonRounds.schedule(5, 3)).isEqualTo("3 runs of each, after rounds 2, 4 and 5");
    assertThat(PythonRounds.schedule(1, 3)).isEqualTo("3 runs of each, after round 1");
  }

  private static List<Integer> runsAfterEach(int rounds, int runs) {
    List<Integer> out = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      out.add(PythonRounds.runsAfter(r, rounds, runs));
    }
    return out;
  }

  private Path roundFile(String name, double serial, double pool, double... firsts) throws IOException {
    String first = firsts.length == 0 ? ""
        : ", \"intervalMicros\": 100, \"items\": 5, \"firstResultSeconds\": [" + firsts[0] + "]";
    Path f = dir.resolve(name);
    Files.writeString(f, """
        {"python": "3.11.7", "cores": 2, "dataset": "/data/words.txt", "results": [
          {"impl": "PY_SERIAL", "workload": "words", "workers": 1, "chunksize": "default",
           "samplesSeconds": [%s], "medianSeconds": %s},
          {"impl": "PY_POOL_MAP", "workload": "words", "workers": 2, "chunksize": "default",
           "samplesSeconds": [%s], "medianSeconds": %s%s}]}
        """.formatted(serial, serial, pool, pool, first));
    return f;
  }

  @Test
  void shouldKeepEveryRoundsRunsInOrderWithTheirRoundsAndTheMedianOverThem() throws Exception {
    PythonRounds rounds = new PythonRounds(plan, dir.resolve("w.txt"), 0, dir, PythonReference.SCRIPT, progress);

    rounds.add(1, roundFile("a.json", 2.0, 1.5, 0.01));
    JsonNode afterOne = new ObjectMapper().readTree(dir.resolve("python.json").toFile());
    assertThat(afterOne.get("results").get(0).get("samplesSeconds")).hasSize(1);
    rounds.add(2, roundFile("b.json", 1.2, 1.1, 0.02));
    rounds.add(3, roundFile("c.json", 1.6, 3.0, 0.03));

    JsonNode json = new ObjectMapper().readTree(dir.resolve("python.json").toFile());
    assertThat(json.get("python").asText()).isEqualTo("3.11.7");
    assertThat(json.get("cores").asInt()).isEqualTo(2);
    assertThat(json.get("timing").asText()).isEqualTo(PythonRounds.TIMING);
    assertThat(json.get("results")).hasSize(2);
    JsonNode pool = json.get("results").get(1);
    assertThat(pool.get("samplesSeconds").toString()).isEqualTo("[1.5,1.1,3.0]");
    assertThat(pool.get("rounds").toString()).isEqualTo("[1,2,3]");
    assertThat(pool.get("firstResultSeconds").toString()).isEqualTo("[0.01,0.02,0.03]");
    assertThat(pool.get("medianSeconds").asDouble()).isEqualTo(1.5);
    assertThat(json.get("results").get(0).get("medianSeconds").asDouble()).isEqualTo(1.6);
    // no temporary file is left beside it
    assertThat(dir.resolve("python.json.tmp")).doesNotExist();
  }

  @Test
  void shouldTakeTheMeanOfTheTwoMiddleRunsAsPythonDoes() throws Exception {
    PythonRounds rounds = new PythonRounds(plan, dir.resolve("w.txt"), 0, dir, PythonReference.SCRIPT, progress);
    rounds.add(1, roundFile("a.json", 2.0, 1.0));
    rounds.add(2, roundFile("b.json", 1.0, 2.0));

    JsonNode pool = new ObjectMapper().readTree(dir.resolve("python.json").toFile()).get("results").get(1);
    assertThat(pool.get("medianSeconds").asDouble()).isEqualTo(1.5);
  }

  @Test
  void shouldRefuseAFileThatIsNotTheScriptsJsonAndKeepWhatWasMerged() throws Exception {
    PythonRounds rounds = new PythonRounds(plan, dir.resolve("w.txt"), 0, dir, PythonReference.SCRIPT, progress);
    rounds.add(1, roundFile("a.json", 2.0, 1.0));
    String before = Files.readString(dir.resolve("python.json"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[1, 2]");

    assertThatThrownBy(() -> rounds.add(2, bad)).hasMessageContaining("bad.json")
        .hasMessageContaining("an object with a 'results' array");
    assertThat(Files.readString(dir.resolve("python.json"))).isEqualTo(before);
  }

  @Test
  void shouldRunThePlansRunsBetweenTheRoundsIntoOnePythonJson() throws Exception {
    assumeTrue(PythonReference.findPython().isPresent(), "no python3 on the PATH");
    Path words = dir.resolve("words.txt");
    Files.writeString(words, IntStream.range(0, 30).mapToObj(i -> "w" + i).collect(Collectors.joining("\n", "", "\n")));
    PythonPlan twice = new PythonPlan(List.of(1), List.of("default"), 5, List.of(2), 2, 1, 2);
    PythonRounds rounds = new PythonRounds(twice, words, 0, dir, PythonReference.SCRIPT, progress);

    for (int r = 1; r <= 3; r++) {
      rounds.runAfter(r, 3);
    }

    assertThat(rounds.ok()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("python.json").toFile());
    assertThat(json.get("results")).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("samplesSeconds")).hasSize(2);
      assertThat(r.get("rounds").toString()).isEqualTo("[2,3]");
    });
    // each script run ran its configurations once, and its own file is gone
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("Python reference after round 2 of 3:")
        .contains("--repeats 1").doesNotContain("after round 1 of 3");
    assertThat(dir.resolve(PythonRounds.ROUND_FILE)).doesNotExist();
  }

  @Test
  void shouldSayOnceThatThereIsNoScriptAndCountItAsASkip() {
    PythonRounds rounds = new PythonRounds(plan, dir.resolve("w.txt"), 0, dir, dir.resolve("missing.py"), progress);

    rounds.runAfter(1, 3);
    rounds.runAfter(2, 3);
    rounds.runAfter(3, 3);

    assertThat(rounds.ok()).isTrue();
    assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Python reference skipped")))
        .hasSize(1);
    assertThat(dir.resolve("python.json")).doesNotExist();
  }
}
