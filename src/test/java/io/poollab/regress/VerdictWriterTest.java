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
    List<Figure> base = List.of(
        Figures.of("speedup:" + MAP, Figures.spread(1.90, 0.04, 10)),
        Figures.of("overhead:" + MAP, Figures.spread(0.05, 0.02, 10)),
        Figures.of("speedup:" + IMAP, Figures.spread(1.60, 0.04, 10)),
        Figures.of("efficiency:" + IMAP, Figures.spread(0.80, 0.02, 10)),
        Figures.of("speedup:WordJobBenchmark.hashAll:POOL_APPLY_ASYNC:workers=2:chunksize=-", 1.2, 1.3, 1.25));
    List<Figure> run = List.of(
        Figures.of("speedup:" + MAP, Figures.spread(1.52, 0.04, 10)),
        Figures.of("overhead:" + MAP, Figures.spread(0.31, 0.02, 10)),
        Figures.of("speedup:" + IMAP, Figures.spread(1.85, 0.04, 10)),
        Figures.of("efficiency:" + IMAP, Figures.spread(0.81, 0.02, 10)),
        Figure.point("latency:p99:applyAsync-idle", FigureKind.LATENCY, 4.2));
    return Verdict.ofBaseline("reports/20260102-000000", "linux-x86_64-2c",
        "reports/baseline/linux-x86_64-2c", RegressionCheck.compare(base, run, CheckOptions.DEFAULTS));
  }

  static Verdict floorsSample() {
    List<Figure> run = List.of(
        Figure.point("efficiency:" + MAP, FigureKind.EFFICIENCY, 0.91),
        Figure.point("efficiency:" + IMAP, FigureKind.EFFICIENCY, 0.42),
        Figure.point("speedup:" + MAP, FigureKind.SPEEDUP, 1.82));
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
    assertThat(root.path("counts").path("regressed").asInt()).isEqualTo(2);
    assertThat(root.path("counts").path("missing").asInt()).isEqualTo(1);
    assertThat(root.path("figures")).hasSize(6);
    JsonNode map = null;
    for (JsonNode f : root.path("figures")) {
      if (f.path("key").asText().equals("speedup:" + MAP)) {
        map = f;
      }
    }
    assertThat(map).isNotNull();
    assertThat(map.path("outcome").asText()).isEqualTo("regressed");
    assertThat(map.path("baseline").path("value").asDouble()).isEqualTo(1.9, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.path("baseline").path("samples").asInt()).isEqualTo(10);
    assertThat(map.path("change").asDouble()).isEqualTo(-0.2, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(map.path("pValue").isNumber()).isTrue();

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
