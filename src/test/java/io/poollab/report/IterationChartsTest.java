package io.poollab.report;

import static io.poollab.report.ChartsTest.chart;
import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.SyntheticRun;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterationChartsTest {

  @TempDir Path dir;

  /** Six rounds: serial ~100 ms, map at 2 workers ~50 ms with one 200 ms iteration in round 1; round 3 disturbed. */
  private RunResults run() {
    double[][] serial = new double[6][];
    double[][] map = new double[6][];
    for (int r = 0; r < 6; r++) {
      serial[r] = new double[] {100, 101, 99, 100};
      map[r] = r == 0 ? new double[] {50, 51, 49, 50, 200} : new double[] {50, 51, 49, 50};
    }
    return RunReader.read(SyntheticRun.seeded(1).disturbed(3)
        .raw(SyntheticRun.WORD_JOB, RoundChartsTest.params("SERIAL", 1), serial)
        .raw(SyntheticRun.WORD_JOB, RoundChartsTest.params("POOL_MAP", 2), map)
        .writeTo(dir.resolve("20260101-120000")));
  }

  @Test
  void shouldDrawEveryIterationOfEveryForkWithOutliersAndDisturbedForks() {
    ChartData strip = chart(Charts.forRun(run()), "iterations-wordjobbenchmark-hashall-hashing-new-digest");

    assertThat(strip.kind()).isEqualTo(ChartKind.STRIP);
    assertThat(strip.categories()).containsExactly("serial loop, chunksize default", "map, 2 workers, chunksize default");
    assertThat(strip.series()).extracting(ChartData.Series::name, ChartData.Series::style).containsExactly(
        Tuple.tuple("iterations (one dot each; a fork's dots share a line)", ChartData.Style.DOTS),
        Tuple.tuple("outside their fork's Tukey fences (1.5 IQR)", ChartData.Style.OUTLIERS),
        Tuple.tuple("forks of disturbed groups", ChartData.Style.EXCLUDED));
    // five clean forks of four iterations on each row; the 200 ms iteration is its fork's outlier
    assertThat(strip.series().get(0).points()).hasSize(40);
    assertThat(strip.series().get(1).points()).singleElement().satisfies(p -> {
      assertThat(p.y()).isEqualTo(200.0);
      assertThat(p.x()).isBetween(0.5, 1.5);
    });
    // round 3's two forks, four iterations each
    assertThat(strip.series().get(2).points()).hasSize(8);
    // every dot stays within its row
    assertThat(strip.series().get(0).points()).allSatisfy(p ->
        assertThat(Math.abs(p.x() - Math.round(p.x()))).isLessThanOrEqualTo(0.35));
    assertThat(strip.yLabel()).isEqualTo("ms/op (each measured iteration)");
  }

  @Test
  void shouldShowTheIterationsUnderTheirOwnHeadingInDistributions() {
    RunResults run = run();
    String html = RunPage.render(run, Charts.forRun(run), Map.of());

    int distributions = html.indexOf("<h2 id=\"distributions\">");
    int iterations = html.indexOf("<h3 id=\"iterations\">Every measured iteration</h3>");
    assertThat(iterations).isGreaterThan(distributions).isPositive();
    assertThat(html.indexOf("id=\"fig-iterations-wordjobbenchmark-hashall-hashing-new-digest\"")).isGreaterThan(iterations);
  }
}
