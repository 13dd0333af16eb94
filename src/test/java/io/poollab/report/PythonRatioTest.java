package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's time against Python's pool: round by round when Python ran between the rounds. The
 * pool's map takes 40 ms in rounds 1 and 2 and 80 ms in rounds 3 and 4 (the host slowed down);
 * Python's Pool(2).map 0.8 s after rounds 1 to 3 and 4.0 s after round 4.
 */
@Timeout(60)
class PythonRatioTest {

  @TempDir Path tmp;

  private RunResults run() throws IOException {
    double[][] map = {{40, 40, 40}, {40, 40, 40}, {80, 80, 80}, {80, 80, 80}};
    double[][] serial = {{100, 100, 100}, {100, 100, 100}, {200, 200, 200}, {200, 200, 200}};
    Path dir = SyntheticRun.seeded(3)
        .raw("io.poollab.bench.WordJobBenchmark.hashAll",
            Map.of("impl", "SERIAL", "workers", "1", "chunksize", "default", "hashing", "NEW_DIGEST"), serial)
        .raw("io.poollab.bench.WordJobBenchmark.hashAll",
            Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default", "hashing", "NEW_DIGEST"), map)
        .writeTo(tmp.resolve("20260101-120000"));
    return RunReader.read(dir);
  }

  private static SpeedUp poolMap(RunResults run) {
    return run.speedUps().stream().filter(s -> !s.python() && s.impl().equals("POOL_MAP")).findFirst().orElseThrow();
  }

  private static PythonResult python(List<Integer> rounds) {
    return new PythonResult("PY_POOL_MAP", "words", 2, "default", List.of(0.8, 0.8, 0.8, 4.0), 0.8, 0, 0,
        List.of(), rounds);
  }

  @Test
  void shouldPairPythonsRunAfterEachRoundWithThatRoundsFork() throws IOException {
    RunResults run = run();

    PythonRatio r = PythonRatio.of(run, poolMap(run), python(List.of(1, 2, 3, 4))).orElseThrow();

    // 0.8 / 0.04, 0.8 / 0.04, 0.8 / 0.08, 4.0 / 0.08: 20, 20, 10, 50
    assertThat(r.value()).isCloseTo(20.0, within(1e-9));
    assertThat(r.rounds()).isEqualTo(4);
    assertThat(r.describe(4)).isEqualTo("Python's run after each round against that round's fork, the median of 4 rounds");
  }

  @Test
  void shouldCompareTheMediansWhenPythonsRunsHaveNoRounds() throws IOException {
    RunResults run = run();

    PythonRatio r = PythonRatio.of(run, poolMap(run), python(List.of())).orElseThrow();

    // Python's median 0.8 s over the forks' median, (40 + 80) / 2 = 60 ms
    assertThat(r.value()).isCloseTo(0.8 / 0.060, within(1e-9));
    assertThat(r.rounds()).isZero();
    assertThat(r.describe(4)).isEqualTo("wall time against Python's median of 4 runs");
    assertThat(r.describe(1)).isEqualTo("wall time against Python's single run");
  }

  @Test
  void shouldPairOnlyTheRoundsThatHaveBoth() throws IOException {
    RunResults run = run();
    // Python ran twice after round 2 and once after round 5, which the lab's run does not have
    PythonResult py = new PythonResult("PY_POOL_MAP", "words", 2, "default", List.of(0.6, 1.0, 9.0), 1.0, 0, 0,
        List.of(), List.of(2, 2, 5));

    PythonRatio r = PythonRatio.of(run, poolMap(run), py).orElseThrow();

    assertThat(r.rounds()).isEqualTo(1);
    assertThat(r.value()).isCloseTo(0.8 / 0.04, within(1e-9));
    assertThat(r.describe(3)).endsWith("the median of 1 round");
  }

  @Test
  void shouldRefuseRoundsThatDoNotMatchTheSamples() {
    assertThatThrownBy(() -> python(List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds must name the round of each of the 4 samples, or none; had 2");
  }

  @Test
  void shouldReadRoundsThatDoNotMatchAsRunsWithoutRoundsAndSaySo() throws IOException {
    Path file = Files.writeString(tmp.resolve("python.json"), """
        {"python": "3.11.7", "cores": 2, "dataset": "/d/w.txt", "results": [
          {"impl": "PY_POOL_MAP", "workload": "words", "workers": 2, "chunksize": "default",
           "samplesSeconds": [1.5, 1.1, 3.0], "medianSeconds": 1.5, "rounds": [1, 2]}]}
        """);
    List<String> problems = new ArrayList<>();

    PythonResult r = RunReader.readPython(file, problems).orElseThrow().results().get(0);

    assertThat(r.rounds()).isEmpty();
    assertThat(problems).containsExactly("python.json result #1: 'rounds' must give a round (from 1) for each of"
        + " its 3 samples; read as runs without rounds");
  }
}
