package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TablesTest {

  @Test
  void shouldTabulateFullRun() {
    RunResults run = RunReader.read(Golden.run("full"));
    StringBuilder sb = new StringBuilder();
    sb.append(Tables.results(run).toText()).append(Tables.speedUps(run).toText())
        .append(Tables.python(run).toText()).append(Tables.latencies(run).toText())
        .append(Tables.metadata(run).toText());
    Recommendation.forRun(run).forEach(r -> sb.append(r.sentence(run.metadata().machineClass())).append('\n'));
    Golden.check("tables-full.txt", sb.toString());
  }

  @Test
  void shouldShowNaNAndMissingErrorsAsText() {
    RunResults run = RunReader.read(Golden.run("nan"));
    // the NaN result has no usable fork: no median, no range, no forks
    assertThat(Tables.results(run).rows().get(1)).containsSequence("NaN", "-", "ms/op", "0");
    assertThat(Tables.speedUps(run).rows().get(0)).containsSequence("NaN", "n/a", "NaN");
    assertThat(Tables.speedUps(run).rows().get(1)).contains("2.00x", "100%", "one round");
    Golden.check("tables-nan.txt", Tables.results(run).toText() + Tables.speedUps(run).toText());
  }

  @Test
  void shouldRecommendTheBestUnflaggedPoolConfiguration() {
    RunResults run = RunReader.read(Golden.run("full"));
    assertThat(Recommendation.forRun(run).get(0).sentence(run.metadata().machineClass())).isEqualTo(
        "On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers, chunksize default,"
            + " method POOL_MAP: 1.94x [1.93, 1.96].");
  }

  @Test
  void shouldSayStaySerialWhenEveryFigureIsFlaggedOrNoFaster() {
    // one fork per configuration (a run from before rounds): every speed-up is flagged one round
    RunResults run = RunReader.read(Golden.run("oneworker"));
    assertThat(Recommendation.forRun(run)).singleElement().satisfies(r -> assertThat(
        r.sentence(run.metadata().machineClass())).isEqualTo(
            "On this machine (linux-x86_64-2c), for HashBench.hashWords: stay serial: no configuration"
                + " of the pool was faster than the plain loop beyond its interval. (2 flagged figures left out.)"));
  }

  @Test
  void shouldTabulateSingleResultWithoutPython() {
    RunResults run = RunReader.read(Golden.run("single"));
    assertThat(Tables.results(run).rows()).hasSize(1);
    assertThat(Tables.speedUps(run).rows()).isEmpty();
    assertThat(Tables.python(run).rows()).isEmpty();
    assertThat(Recommendation.forRun(run)).isEmpty();
    Golden.check("tables-single.txt", Tables.results(run).toText() + Tables.metadata(run).toText());
  }

  @Test
  void shouldWriteTheSummaryAsMarkdown() {
    RunResults run = RunReader.read(Golden.run("full"));
    String markdown = Summary.markdown(run);
    assertThat(markdown).contains("| job | impl | backend | workers | chunksize | speed-up | 95% interval | efficiency | data | flags |")
        .contains("Protocol: 3 interleaved rounds (seed 20260101)")
        .contains("| --- | --- |")
        .contains("- On this machine (");
    Golden.check("summary-full.md", markdown);
  }

  @Test
  void shouldEscapePipesInMarkdownCells() {
    Table table = new Table("t", "T", java.util.List.of("a"), java.util.List.of(java.util.List.of("x|y")));
    assertThat(table.toMarkdown()).isEqualTo("| a |\n| --- |\n| x\\|y |\n");
  }
}
