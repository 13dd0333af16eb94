package io.poollab.report;

import static io.poollab.report.ChartsTest.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.poollab.regress.SyntheticRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundChartsTest {

  @TempDir Path dir;

  static Map<String, String> params(String impl, int workers) {
    Map<String, String> p = new TreeMap<>();
    p.put("impl", impl);
    p.put("workers", Integer.toString(workers));
    p.put("chunksize", "default");
    p.put("hashing", "NEW_DIGEST");
    return p;
  }

  /** Six rounds of serial 100 ms; map at 2 workers 50 ms but 80 ms in round 6; round 3 disturbed. */
  private RunResults run() {
    double[][] serial = new double[6][];
    double[][] map = new double[6][];
    for (int r = 0; r < 6; r++) {
      serial[r] = new double[] {100, 100, 100};
      map[r] = r == 5 ? new double[] {80, 80, 80} : new double[] {50 + r, 50 + r, 50 + r};
    }
    return RunReader.read(SyntheticRun.seeded(1).disturbed(3)
        .raw(SyntheticRun.WORD_JOB, params("SERIAL", 1), serial)
        .raw(SyntheticRun.WORD_JOB, params("POOL_MAP", 2), map)
        .writeTo(dir.resolve("20260101-120000")));
  }

  @Test
  void shouldDrawOneDotPerRoundWithEstimateOutliersAndRoundsLeftOut() {
    RunResults run = run();
    ChartSet set = Charts.forRun(run);
    ChartData strip = chart(set, "rounds-wordjobbenchmark-hashall-hashing-new-digest");
    assertThat(strip.kind()).isEqualTo(ChartKind.STRIP);
    assertThat(strip.categories()).containsExactly("map, 2 workers, chunksize default");
    assertThat(strip.series()).extracting(ChartData.Series::name, ChartData.Series::style).containsExactly(
        org.assertj.core.groups.Tuple.tuple("rounds (serial / parallel, one dot each)", ChartData.Style.DOTS),
        org.assertj.core.groups.Tuple.tuple("rounds outside Tukey's fences (1.5 IQR)", ChartData.Style.OUTLIERS),
        org.assertj.core.groups.Tuple.tuple("rounds left out (disturbed)", ChartData.Style.EXCLUDED),
        org.assertj.core.groups.Tuple.tuple("median over rounds, 95% interval", ChartData.Style.ESTIMATE),
        org.assertj.core.groups.Tuple.tuple("1.0: as fast as serial", ChartData.Style.DASHED));
    // rounds 1, 2, 4, 5 inside the fences; round 6 (100 / 80) outside; round 3 left out
    assertThat(strip.series().get(0).points()).extracting(ChartData.Point::y).containsExactly(
        100 / 50.0, 100 / 51.0, 100 / 53.0, 100 / 54.0);
    assertThat(strip.series().get(1).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isEqualTo(100 / 80.0));
    assertThat(strip.series().get(2).points()).singleElement()
        .satisfies(p -> assertThat(p.y()).isEqualTo(100 / 52.0));
    // every dot near its row, spread so equal rounds stay apart
    assertThat(strip.series().get(0).points()).allSatisfy(p -> assertThat(p.x()).isBetween(-0.3, 0.3));
    SpeedUp map = run.speedUps().stream().filter(s -> s.impl().equals("POOL_MAP")).findFirst().orElseThrow();
    ChartData.Point estimate = strip.series().get(3).points().get(0);
    assertThat(estimate.y()).isCloseTo(map.value(), within(1e-12));
    assertThat(estimate.low()).isEqualTo(map.low());
    assertThat(estimate.high()).isEqualTo(map.high());
    Golden.check("charts-rounds.txt", strip.toText());
  }

  @Test
  void shouldPutStripChartsInTheirOwnSectionAfterCharts() {
    RunResults run = run();
    ChartSet set = Charts.forRun(run);
    String html = RunPage.render(run, set, Map.of());
    int charts = html.indexOf("<h2 id=\"charts\">");
    int distributions = html.indexOf("<h2 id=\"distributions\">Distributions</h2>");
    assertThat(distributions).isGreaterThan(charts);
    assertThat(html.indexOf("id=\"fig-rounds-wordjobbenchmark-hashall-hashing-new-digest\""))
        .isGreaterThan(distributions);
    assertThat(html.indexOf("id=\"fig-speedup-workers-")).isEqualTo(-1); // one worker count: no line
  }

  @Test
  void shouldSplitRowsWhoseSpeedUpsDifferByMoreThanThreeTimes() {
    SyntheticRun run = SyntheticRun.seeded(2);
    ChartFixtures.word(run, "SERIAL", 1, "default", 100);
    ChartFixtures.word(run, "POOL_MAP", 100, "default", 1.5);
    ChartFixtures.word(run, "POOL_MAP", 2, "default", 50);
    ChartFixtures.word(run, "POOL_MAP", 4, "default", 30);
    ChartSet set = Charts.forRun(RunReader.read(run.writeTo(dir.resolve("20260101-120000"))));
    String id = "rounds-wordjobbenchmark-hashall-hashing-new-digest";
    // 2x and 3.3x share an axis; 67x on it would squeeze their rounds onto a pixel
    assertThat(chart(set, id).categories()).containsExactly(
        "map, 2 workers, chunksize default", "map, 4 workers, chunksize default");
    assertThat(chart(set, id).series()).extracting(ChartData.Series::name).contains("1.0: as fast as serial");
    assertThat(chart(set, id + "-2").categories()).containsExactly("map, 100 workers, chunksize default");
    assertThat(chart(set, id + "-2").series()).extracting(ChartData.Series::name)
        .doesNotContain("1.0: as fast as serial");
  }
}
