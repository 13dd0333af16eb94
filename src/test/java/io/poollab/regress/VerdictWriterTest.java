package io.poollab.regress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poollab.report.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files under {@code src/test/resources/regress/golden/}; rewrite them with
 * {@code -Dgolden.update=true} after an intended change, then review the diff.
 */
class VerdictWriterTest {

  private static final Path GOLDEN = Path.of("src/test/resources/regress/golden");
  private static final String MAP = "WordJobBenchmark.hashAll:POOL_MAP:workers=2:chunksize=default";
  private static final String IMAP = "WordJobBenchmark.hashAll:POOL_IMAP_UNORDERED:workers=2:chunksize=1";

  static Verdict sample() {
    String apply = "speedup:WordJobBenchmark.hashAll:POOL_APPLY_ASYNC:workers=2:chunksize=1000";
    String one = "speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=1:chunksize=default";
    List<Figure> base = List.of(
        Figures.of("speedup:" + MAP, 1.88, 1.90, 1.92, 1.91),
        Figures.of("speedup:" + IMAP, 0.60, 0.61, 0.59, 0.62),
        Figures.of(apply, 1.50, 1.55, 1.52, 1.49),
        Figures.of(one, 0.980, 0.990, 0.970, 0.985),
        Figures.of("latency:p50:RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=1:chunksize=default",
            4.1, 4.0, 4.2, 3.9));
    List<Figure> run = List.of(
        Figures.of("speedup:" + MAP, 1.51, 1.52, 1.53, 1.50),
        Figures.of("speedup:" + IMAP, 0.80, 0.81, 0.79, 0.82),
        Figures.of(apply, 1.40, 1.62, 1.45, 1.58),
        Figures.of(one, 0.880, 0.890, 0.885, 0.870),
        Figures.of("latency:p99:RoundTripLatencyBenchmark.applyAsyncRoundTrip:POOL_APPLY_ASYNC:workers=2:chunksize=default",
            9.0, 9.5, 8.9, 9.2));
    List<FigureComparison> stage1 = RegressionCheck.compare(base, run, NoiseModel.NONE, CheckOptions.DEFAULTS, true);
    // fresh rounds: the map stays slow, the one-worker map was a bad moment
    List<FigureComparison> decided = RegressionCheck.confirm(stage1, List.of(
        Figures.of("speedup:" + MAP, 1.50, 1.53, 1.52, 1.49, 1.51),
        Figures.of(one, 0.981, 0.975, 0.984)), null, CheckOptions.DEFAULTS);
    return Verdict.ofBaseline("reports/20260102-000000", "linux-x86_64-2c",
        "reports/baseline/linux-x86_64-2c", decided,
        "confirmation: 2 candidate(s) measured again in 5 fresh round(s), 5 with no disturbed group (1m10s, reports/20260102-000000/confirm):"
            + " 1 confirmed, 1 not confirmed, 0 inconclusive");
  }

  static Verdict floorsSample() {
    List<Figure> run = List.of(
        Figures.of("speedup:" + MAP + ":hashing=NEW_DIGEST", 1.82),
        Figures.of("speedup:" + IMAP + ":hashing=NEW_DIGEST", 0.84));
    return Verdict.ofFloors("reports/20260102-000000", "linux-x86_64-16c",
        RegressionCheck.floors(run, Floors.DEFAULTS));
  }

  @Test
  void shouldWriteTheTerminalTable() {
    golden("verdict-table.txt", VerdictWriter.table(sample()));
  }

  @Test
  void shouldWriteTheMarkdownSummary() {
    golden("verdict.md", VerdictWriter.markdown(sample()));
  }

  @Test
  void shouldWriteTheFloorsTableAndSayThereIsNoBaseline() {
    String table = VerdictWriter.table(floorsSample());
    assertThat(table).contains("no baseline for machine class linux-x86_64-16c");
    golden("verdict-floors.txt", table);
    golden("verdict-floors.md", VerdictWriter.markdown(floorsSample()));
  }

  @Test
  void shouldWriteAJsonVerdictMachinesCanRead() throws IOException {
    Verdict v = sample();
    JsonNode root = new ObjectMapper().readTree(VerdictWriter.json(v));
    assertThat(root.path("verdict").asText()).isEqualTo("fail");
    assertThat(root.path("exitCode").asInt()).isEqualTo(1);
    assertThat(root.path("mode").asText()).isEqualTo("baseline");
    assertThat(root.path("counts").path("regressed").asInt()).isEqualTo(1);
    assertThat(root.path("counts").path("cleared").asInt()).isEqualTo(1);
    assertThat(root.path("counts").path("missing").asInt()).isEqualTo(1);
    // +33% for imap_unordered, but 4 rounds against 4 among 5 figures cannot show it (Holm p = 0.057)
    assertThat(root.path("counts").path("noise").asInt()).isEqualTo(1);
    assertThat(root.path("confirmation").asText()).contains("1 confirmed");
    assertThat(root.path("figures")).hasSize(6);
    JsonNode map = null;
    for (JsonNode f : root.path("figures")) {
      if (f.path("key").asText().equals("speedup:" + MAP)) {
        map = f;
      }
    }
    assertThat(map).isNotNull();
    assertThat(map.path("outcome").asText()).isEqualTo("regressed");
    assertThat(map.path("baseline").path("value").asDouble()).isEqualTo(1.905, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.path("baseline").path("rounds").asInt()).isEqualTo(4);
    assertThat(map.path("baseline").path("perRound")).hasSize(4);
    assertThat(map.path("change").asDouble()).isEqualTo(1.515 / 1.905 - 1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.path("pValue").asDouble()).isEqualTo(1.0 / 70, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.path("confirmation").path("rounds").asInt()).isEqualTo(5);

    JsonNode floors = new ObjectMapper().readTree(VerdictWriter.json(floorsSample()));
    assertThat(floors.path("mode").asText()).isEqualTo("floors");
    assertThat(floors.path("baseline").isNull()).isTrue();
    assertThat(floors.path("floors")).hasSize(Floors.DEFAULTS.size());
    assertThat(floors.path("floors").get(1).path("outcome").asText()).isEqualTo("floor_missed");
  }

  static void golden(String name, String actual) {
    Golden.check(GOLDEN, name, actual);
  }
}
