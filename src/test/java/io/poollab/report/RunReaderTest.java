package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {

  @TempDir Path tmp;

  @Test
  void shouldReadFullRunIntoModel() {
    RunResults run = RunReader.read(Golden.run("full"));
    assertThat(run.name()).isEqualTo("20260101-120000");
    assertThat(run.results()).hasSize(28);
    assertThat(run.python()).isPresent();
    assertThat(run.latencies()).containsOnlyKeys(
        "applyAsync-EXECUTOR_SUBMIT", "applyAsync-POOL_APPLY_ASYNC");
    assertThat(run.problems()).isEmpty();
    Golden.check("model-full.txt", Golden.dump(run));
  }

  @Test
  void shouldComputeSpeedUpAsSerialMedianOverParallelMedianOfEachRound() {
    RunResults run = RunReader.read(Golden.run("oneworker"));
    // no rounds.json: each result's one fork is round 1; serial 995/1000/1005, POOL_MAP 515/520/525
    assertThat(run.rounds().recorded()).isFalse();
    SpeedUp s = run.speedUps().stream()
        .filter(x -> x.chunksize().equals("default")).findFirst().orElseThrow();
    double expected = 1000.0 / 520.0;
    assertThat(s.value()).isCloseTo(expected, within(1e-12));
    // the interval comes from resampling the round's iterations: between the extreme ratios
    assertThat(s.low()).isBetween(995.0 / 525, expected);
    assertThat(s.high()).isBetween(expected, 1005.0 / 515);
    assertThat(s.level()).isEqualTo(0.95);
    assertThat(s.quality().flags()).containsExactly(QualityFlag.ONE_ROUND);
    assertThat(s.efficiency()).isCloseTo(expected / 2, within(1e-12));
    assertThat(s.workers()).isEqualTo(2);
    Golden.check("model-oneworker.txt", Golden.dump(run));
  }

  @Test
  void shouldReadSingleResultWithoutSpeedUps() {
    RunResults run = RunReader.read(Golden.run("single"));
    assertThat(run.results()).singleElement()
        .satisfies(r -> assertThat(r.error()).isNaN());
    assertThat(run.speedUps()).isEmpty();
    assertThat(run.problems()).isEmpty();
    Golden.check("model-single.txt", Golden.dump(run));
  }

  @Test
  void shouldKeepNaNScoresAsNaN() {
    RunResults run = RunReader.read(Golden.run("nan"));
    assertThat(run.results()).hasSize(3);
    assertThat(run.results().get(1).score()).isNaN();
    assertThat(run.speedUps()).hasSize(2);
    assertThat(run.speedUps().get(0).isFinite()).isFalse();
    assertThat(run.speedUps().get(1).value()).isEqualTo(2.0);
    // one parallel iteration: only the serial side's iterations make the interval
    assertThat(run.speedUps().get(1).error()).isLessThan(0.02);
    Golden.check("model-nan.txt", Golden.dump(run));
  }

  @Test
  void shouldRefuseMissingRunFolder() {
    Path missing = tmp.resolve("nope");
    assertThatThrownBy(() -> RunReader.read(missing))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldNameMissingJmhJson() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("20260101-000000"));
    RunResults r = RunReader.read(run);
    assertThat(r.results()).isEmpty();
    assertThat(r.hasData()).isFalse();
    assertThat(r.problems()).contains(
        "jmh.json: missing from the run folder", "metadata.json: missing from the run folder");
  }

  @Test
  void shouldNameEmptyJmhJson() throws IOException {
    Path run = runWith("jmh.json", "");
    assertThat(RunReader.read(run).problems()).contains("jmh.json: the file is empty");
  }

  @Test
  void shouldNameTruncatedJmhJsonAndKeepTheRest() throws IOException {
    String full = Files.readString(Golden.run("oneworker").resolve("jmh.json"));
    Path run = runWith("jmh.json", full.substring(0, full.length() / 2));
    copy(Golden.run("full").resolve("python.json"), run.resolve("python.json"));
    RunResults r = RunReader.read(run);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p)
        .startsWith("jmh.json: malformed JSON at line")
        .contains("the file ends early (truncated?)"));
    assertThat(r.python()).isPresent();
    assertThat(r.hasData()).isTrue();
  }

  @Test
  void shouldNameMalformedJmhJson() throws IOException {
    Path run = runWith("jmh.json", "[ {\"benchmark\": \"a.B.c\", oops } ]");
    assertThat(RunReader.read(run).problems())
        .anySatisfy(p -> assertThat(p).startsWith("jmh.json: malformed JSON at line 1, column"));
  }

  @Test
  void shouldNameJmhJsonThatIsNotAList() throws IOException {
    Path run = runWith("jmh.json", "{\"benchmark\": \"a.B.c\"}");
    assertThat(RunReader.read(run).problems()).contains(
        "jmh.json: expected JMH's JSON result list (a JSON array), found an object; no results read");
  }

  @Test
  void shouldSkipEntryWithoutScoreAndKeepOthers() throws IOException {
    Path run = runWith("jmh.json", """
        [ {"benchmark": "a.B.c", "mode": "avgt", "params": {"impl": "SERIAL"}, "primaryMetric": {}},
          {"benchmark": "a.B.c", "mode": "avgt", "params": {"impl": "SERIAL"},
           "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[1.5]]}} ]
        """);
    RunResults r = RunReader.read(run);
    assertThat(r.results()).hasSize(1);
    assertThat(r.problems()).contains(
        "jmh.json entry #1 (a.B.c): no 'primaryMetric.score'; entry skipped");
  }

  @Test
  void shouldNameMissingSerialBaseline() throws IOException {
    Path run = runWith("jmh.json", """
        [ {"benchmark": "a.HashBench.hash", "mode": "avgt", "params": {"impl": "POOL_MAP", "workers": "2"},
           "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[1.5]]}} ]
        """);
    RunResults r = RunReader.read(run);
    assertThat(r.results()).hasSize(1);
    assertThat(r.speedUps()).isEmpty();
    assertThat(r.problems()).contains(
        "jmh.json: no SERIAL baseline for HashBench.hash in this run, so its results have no speed-up");
  }

  @Test
  void shouldNotCallLatencyBenchmarkWithoutSerialAProblem() throws IOException {
    Path run = runWith("jmh.json", """
        [ {"benchmark": "a.HashBench.hash", "mode": "avgt", "params": {"impl": "SERIAL", "workers": "1"},
           "primaryMetric": {"score": 3.0, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[3.0]]}},
          {"benchmark": "a.HashBench.hash", "mode": "avgt", "params": {"impl": "POOL_MAP", "workers": "2"},
           "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[1.5]]}},
          {"benchmark": "a.FirstResult.first", "mode": "avgt", "params": {"impl": "POOL_MAP", "workers": "2"},
           "primaryMetric": {"score": 0.2, "scoreError": 0.01, "scoreUnit": "ms/op", "rawData": [[0.2]]}},
          {"benchmark": "a.HashBench.hash", "mode": "avgt", "params": {"impl": "POOL_MAP", "workers": "2", "size": "big"},
           "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[1.5]]}} ]
        """);
    RunResults r = RunReader.read(run);
    assertThat(r.speedUps()).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
    // the same method with other workload params lacks its baseline: a gap; FirstResult never has one
    assertThat(r.problems()).filteredOn(p -> p.contains("SERIAL")).containsExactly(
        "jmh.json: no SERIAL baseline for HashBench.hash size=big in this run, so its results have no speed-up");
  }

  @Test
  void shouldAddForksOfOneConfigurationIntoOneHistogram() throws IOException {
    Path run = runWith("jmh.json", Files.readString(Golden.run("oneworker").resolve("jmh.json")));
    Files.createDirectories(run.resolve("histograms"));
    Path log = Golden.run("full").resolve("histograms/applyAsync-POOL_APPLY_ASYNC.hlog");
    copy(log, run.resolve("histograms/rt-impl=X.hlog"));
    copy(log, run.resolve("histograms/rt-impl=X-fork2.hlog"));
    RunResults r = RunReader.read(run);
    assertThat(r.latencies()).containsOnlyKeys("rt-impl=X");
    assertThat(r.latencies().get("rt-impl=X").getTotalCount()).isEqualTo(2 * 60_000);
  }

  @Test
  void shouldNameHistogramLogThatDoesNotParse() throws IOException {
    Path run = runWith("jmh.json", Files.readString(Golden.run("oneworker").resolve("jmh.json")));
    Files.createDirectories(run.resolve("histograms"));
    Files.writeString(run.resolve("histograms/broken.hlog"),
        "#[Histogram log format version 1.3]\n0.000,1.000,0.036,HISTFAAA!!not-base64!!\n");
    copy(Golden.run("full").resolve("histograms/applyAsync-POOL_APPLY_ASYNC.hlog"),
        run.resolve("histograms/good.hlog"));
    RunResults r = RunReader.read(run);
    assertThat(r.latencies()).containsOnlyKeys("good");
    assertThat(r.problems()).anySatisfy(p -> assertThat(p)
        .startsWith("histograms/broken.hlog: not a readable HdrHistogram log (")
        .endsWith("); latency chart left out for it"));
  }

  @Test
  void shouldListALogOfJunkAsUnreadableWhichTheReaderWouldTakeForAnEmptyOne() throws IOException {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(tmp.resolve("run"));
    Files.createDirectories(run.resolve("histograms"));
    Files.writeString(run.resolve("histograms/rt-fork1.hlog"), "junk");
    Files.writeString(run.resolve("histograms/rt-fork2.hlog"), "");

    RunResults r = RunReader.read(run);

    assertThat(r.unreadable()).containsExactly(
        "histograms/rt-fork1.hlog: not a readable HdrHistogram log (line 1 is not an interval histogram:"
            + " 'junk'); latency chart left out for it",
        "histograms/rt-fork2.hlog: not a readable HdrHistogram log (the file is empty; the lab writes a"
            + " header first); latency chart left out for it");
    assertThat(r.problems()).containsAll(r.unreadable());
    assertThat(r.latencyByFork()).isEmpty();
  }

  @Test
  void shouldNotListALogAsTheLabWritesItWithoutValuesAsUnreadable() throws IOException {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(tmp.resolve("run"));
    Files.createDirectories(run.resolve("histograms"));
    // as LatencyLog opens a log: a header, then one line per measured iteration, here none
    labLog(run.resolve("histograms/rt-fork1.hlog")).close();
    // and a measured iteration that recorded nothing
    HistogramLogWriter w = labLog(run.resolve("histograms/rt-fork2.hlog"));
    w.outputIntervalHistogram(new Histogram(3));
    w.close();

    RunResults r = RunReader.read(run);

    assertThat(r.unreadable()).isEmpty();
    assertThat(r.problems()).contains(
        "histograms/rt-fork1.hlog: holds no recorded values; latency chart left out for it",
        "histograms/rt-fork2.hlog: holds no recorded values; latency chart left out for it");
  }

  @Test
  void shouldNotListTheCutShortLogOfAFailedForkAsUnreadable() throws IOException {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(tmp.resolve("run"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode rounds = (ObjectNode) json.readTree(run.resolve("rounds.json").toFile());
    ((ObjectNode) rounds.path("forks").get(0)).put("failure", "the fork hung and was stopped");
    json.writeValue(run.resolve("rounds.json").toFile(), rounds);
    Files.createDirectories(run.resolve("histograms"));
    // a fork stopped while it wrote a line
    Files.writeString(run.resolve("histograms/rt-fork1.hlog"), "#[Histogram log format version 1.3]\n0.000,1.0");
    Files.writeString(run.resolve("histograms/rt-fork2.hlog"), "#[Histogram log format version 1.3]\n0.000,1.0");

    RunResults r = RunReader.read(run);

    assertThat(r.unreadable()).singleElement().asString().startsWith("histograms/rt-fork2.hlog: not a readable");
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("histograms/rt-fork1.hlog: "));
  }

  @Test
  void shouldListAMalformedRoundsJsonAsUnreadableButNotAnAbsentOne() throws IOException {
    Path run = SyntheticRun.wordJob(1, 100, 52, 60, 0.01).writeTo(tmp.resolve("run"));
    String rounds = Files.readString(run.resolve("rounds.json"));
    Files.writeString(run.resolve("rounds.json"), rounds.substring(0, rounds.length() / 2));

    RunResults cut = RunReader.read(run);

    assertThat(cut.unreadable()).singleElement().asString()
        .startsWith("rounds.json: malformed JSON at line").contains("the file ends early (truncated?)");
    assertThat(cut.speedUps()).isNotEmpty(); // the report still reads around it

    Files.writeString(run.resolve("rounds.json"), "{\"forks\": [{\"round\": 1}]}");
    assertThat(RunReader.read(run).unreadable()).containsExactly(
        "rounds.json fork #1: needs 'benchmark', 'round' >= 1 and 'group' >= 1; skipped");

    Files.delete(run.resolve("rounds.json"));
    assertThat(RunReader.read(run).unreadable()).isEmpty();
  }

  private static HistogramLogWriter labLog(Path file) throws IOException {
    HistogramLogWriter w = new HistogramLogWriter(file.toFile());
    long now = System.currentTimeMillis();
    w.outputComment("poollab latency log, values in nanoseconds: " + file.getFileName());
    w.outputLogFormatVersion();
    w.outputStartTime(now);
    w.setBaseTime(now);
    w.outputLegend();
    return w;
  }

  @Test
  void shouldNameMalformedMetadataAndPython() throws IOException {
    Path run = runWith("metadata.json", "[1, 2]");
    Files.writeString(run.resolve("python.json"), "{\"python\": \"3.12\"");
    RunResults r = RunReader.read(run);
    assertThat(r.metadata()).isEqualTo(RunMetadata.unknown());
    assertThat(r.problems()).contains(
        "metadata.json: expected a JSON object, found an array; machine and configuration unknown");
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("python.json: malformed JSON"));
  }

  @Test
  void shouldReadPythonsRunsTakenBetweenTheRoundsWithTheirRounds() throws IOException {
    Path file = Files.writeString(tmp.resolve("python.json"), """
        {"python": "3.11.7", "cores": 2, "dataset": "/d/w.txt",
         "timing": "configurations run in turn after rounds of the JMH forks (see 'rounds')",
         "results": [{"impl": "PY_POOL_MAP", "workload": "words", "workers": 2, "chunksize": "default",
           "samplesSeconds": [1.5, 1.1, 3.0], "medianSeconds": 1.5, "rounds": [1, 2, 3]}]}
        """);
    java.util.List<String> problems = new java.util.ArrayList<>();

    PythonResult r = RunReader.readPython(file, problems).orElseThrow().results().get(0);

    assertThat(problems).isEmpty();
    assertThat(r.samplesSeconds()).containsExactly(1.5, 1.1, 3.0);
    assertThat(r.medianSeconds()).isEqualTo(1.5);
    assertThat(r.rounds()).containsExactly(1, 2, 3);
    assertThat(r.medianSecondsAfterRound(2)).isEqualTo(1.1);
    assertThat(r.medianSecondsAfterRound(4)).isNaN();
  }

  private Path runWith(String file, String content) throws IOException {
    Path run = Files.createDirectories(tmp.resolve("20260101-000000"));
    Files.writeString(run.resolve(file), content);
    return run;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to);
  }
}
