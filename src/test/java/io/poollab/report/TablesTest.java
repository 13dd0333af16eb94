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
    assertThat(Tables.results(run).rows().get(1)).containsSequence("NaN", "n/a");
    assertThat(Tables.speedUps(run).rows().get(0)).containsSequence("NaN", "n/a", "NaN");
    assertThat(Tables.speedUps(run).rows().get(1)).containsSequence("2.00x", "n/a", "100%");
    Golden.check("tables-nan.txt", Tables.results(run).toText() + Tables.speedUps(run).toText());
  }

  @Test
  void shouldRecommendBestPoolConfiguration() {
    RunResults run = RunReader.read(Golden.run("oneworker"));
    assertThat(Recommendation.forRun(run)).singleElement().satisfies(r -> assertThat(
        r.sentence(run.metadata().machineClass())).isEqualTo(
            "On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers, chunksize default,"
                + " method POOL_MAP: 1.9x (± 0.03)."));
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
    assertThat(markdown).contains("| job | impl | backend | workers | chunksize | speed-up | error | efficiency |")
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
