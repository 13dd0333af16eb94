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
  void shouldSayWhyAPairedResultHasNoGcFigures(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.util.Map<String, String> serial = java.util.Map.of("impl", "SERIAL", "workers", "1", "chunksize", "default");
    java.util.Map<String, String> map = java.util.Map.of("impl", "POOL_MAP", "workers", "2", "chunksize", "default");
    RunResults run = RunReader.read(io.poollab.regress.SyntheticRun.seeded(1)
        .raw(io.poollab.regress.SyntheticRun.WORD_JOB, serial, new double[][] {{40, 41}, {40, 42}})
        .paired(io.poollab.regress.SyntheticRun.WORD_JOB, map, new double[][] {{20, 21}, {20, 22}},
            new double[][] {{40, 41}, {40, 42}})
        .writeTo(dir));
    // the synthetic forks carry no GC profile: the serial row says nothing, the paired one why
    java.util.List<java.util.List<String>> rows = Tables.results(run).rows();
    assertThat(rows).filteredOn(row -> row.get(1).contains("impl=SERIAL")).singleElement()
        .satisfies(row -> assertThat(row.subList(row.size() - 2, row.size())).containsExactly("-", "-"));
    assertThat(rows).filteredOn(row -> row.get(1).contains("impl=POOL_MAP")).singleElement()
        .satisfies(row -> assertThat(row.subList(row.size() - 2, row.size()))
            .containsExactly("- (paired with serial)", "- (paired with serial)"));
  }

  @Test
  void shouldRecommendTheBestUnflaggedPoolConfiguration() {
    RunResults run = RunReader.read(Golden.run("full"));
    assertThat(Recommendation.forRun(run).get(0).sentence(run.metadata().machineClass())).isEqualTo(
        "On this machine (linux-x86_64-2c), for HashBench.hashWords: 2 workers, chunksize default,"
            + " method POOL_MAP: 1.94x [1.93, 1.96].");
  }

  @Test
  void shouldGiveNoVerdictWhenEveryFigureIsFlagged() {
    // one fork per configuration (a run from before rounds): every speed-up is flagged one round,
    // so the run backs neither a configuration nor "stay serial"
    RunResults run = RunReader.read(Golden.run("oneworker"));
    assertThat(Recommendation.forRun(run)).singleElement().satisfies(r -> {
      assertThat(r.noVerdict()).isTrue();
      assertThat(r.sentence(run.metadata().machineClass())).isEqualTo(
          "On this machine (linux-x86_64-2c), for HashBench.hashWords: no verdict: every figure of the"
              + " pool was flagged; measure it again on a quieter machine. (2 flagged figures left out.)");
    });
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
