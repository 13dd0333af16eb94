package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.regress.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline on synthetic runs (4 rounds, 1% spread, so every figure is what its means say):
 * serial 100 ms, the pool's map at 2 workers 52 ms (1.92x), the hand-written ideal 51 ms (1.96x),
 * Python's Pool(2).map 0.50 s on the same words (9.6x the pool's 52 ms). The machine's "Synthetic
 * CPU" reads "Synthetic": the headline drops the filler word, as it drops Intel's "Processor".
 */
@Timeout(60)
class HeadlineTest {

  private static final String WHERE = "On linux-x86_64-2c (Synthetic, 2 cores), hashing the first 100,000 of"
      + " 1,000,000 words (a new digest per word)";

  @TempDir Path tmp;

  private static SyntheticRun wordJob() {
    return SyntheticRun.seeded(7)
        .result("SERIAL", 1, "default", 100, 0.01)
        .result("POOL_MAP", 2, "default", 52, 0.01)
        .result("HAND_WRITTEN_IDEAL", 2, "default", 51, 0.01);
  }

  private RunResults read(SyntheticRun run, String pythonJson) throws IOException {
    Path dir = run.writeTo(tmp.resolve("20260101-120000"));
    if (pythonJson != null) {
      Files.writeString(dir.resolve("python.json"), pythonJson);
    }
    return RunReader.read(dir);
  }

  private static String python(int runs) {
    String serial = runs == 1 ? "[0.90]" : "[0.89, 0.90, 0.91]";
    String pool = runs == 1 ? "[0.50]" : "[0.49, 0.50, 0.51]";
    return """
        {"python": "3.11.7", "cores": 2, "dataset": "datasets/standin.txt", "results": [
          {"impl": "PY_SERIAL", "workload": "words", "workers": 1, "chunksize": "default",
           "samplesSeconds": %s, "medianSeconds": 0.90},
          {"impl": "PY_POOL_MAP", "workload": "words", "workers": 2, "chunksize": "default",
           "samplesSeconds": %s, "medianSeconds": 0.50}]}
        """.formatted(serial, pool);
  }

  @Test
  void shouldQuoteTheBestConfigurationBesideTheIdealAndPython() throws IOException {
    RunResults run = read(wordJob(), python(3));
    List<Headline> headlines = Headline.forRun(run);
    assertThat(headlines).singleElement().satisfies(h -> {
      assertThat(h.sentence()).isEqualTo(WHERE + ", the pool's map with 2 workers ran 1.92x as fast as a"
          + " plain loop (95% interval 1.91–1.94x; 96% efficiency; 98% of the hand-written ideal's 1.96x;"
          + " 9.6x as fast as Python's Pool(2).map on the same words, wall time against Python's median of 3 runs).");
      assertThat(h.flaggedLine()).isEmpty();
    });
  }

  @Test
  void shouldLeavePythonOutWhenTheRunHasNone() throws IOException {
    RunResults run = read(wordJob(), null);
    assertThat(Headline.forRun(run).get(0).sentence()).isEqualTo(WHERE + ", the pool's map with 2 workers"
        + " ran 1.92x as fast as a plain loop (95% interval 1.91–1.94x; 96% efficiency; 98% of the"
        + " hand-written ideal's 1.96x).");
  }

  @Test
  void shouldSayPythonRanOnceWithoutMakingUpASpread() throws IOException {
    RunResults run = read(wordJob(), python(1));
    assertThat(Headline.forRun(run).get(0).sentence())
        .endsWith("9.6x as fast as Python's Pool(2).map on the same words, wall time against Python's single run).");
    // the Python tables: the runs counted, no interval and no ± made up from one run
    assertThat(Tables.python(run).rows()).allSatisfy(r -> assertThat(r).contains("1 run").noneMatch(c -> c.contains("±")));
    List<String> pyRow = Tables.speedUps(run).rows().stream().filter(r -> r.get(0).startsWith("Python")).findFirst()
        .orElseThrow();
    assertThat(pyRow).containsSequence("1.80x", "n/a", "90%", "1 run each").noneMatch(c -> c.contains("±"));
  }

  @Test
  void shouldShowPythonsSpreadOnlyWithSeveralRuns() throws IOException {
    RunResults run = read(wordJob(), python(3));
    assertThat(Tables.python(run).rows()).extracting(r -> r.get(5))
        .containsExactly("median of 3, range 0.890–0.910 s", "median of 3, range 0.490–0.510 s");
    assertThat(Tables.speedUps(run).rows().stream().filter(r -> r.get(0).startsWith("Python")))
        .singleElement().satisfies(r -> assertThat(r).contains("3 runs each"));
  }

  @Test
  void shouldComparePythonsSameCallWhenPythonRanIt() throws IOException {
    // the headline is imapUnordered at chunksize 1000 (100 / 50 = 2.0x); Python ran that call too
    String py = python(3).replace("]}", ","
        + " {\"impl\": \"PY_POOL_IMAP_UNORDERED\", \"workload\": \"words\", \"workers\": 2, \"chunksize\": 1000,"
        + " \"samplesSeconds\": [0.39, 0.40, 0.41], \"medianSeconds\": 0.40}]}");
    RunResults run = read(SyntheticRun.seeded(7)
        .result("SERIAL", 1, "default", 100, 0.01)
        .result("POOL_MAP", 2, "default", 52, 0.01)
        .result("POOL_IMAP_UNORDERED", 2, "1000", 50, 0.01), py);
    assertThat(Headline.forRun(run).get(0).sentence()).contains("the pool's imapUnordered with 2 workers at"
        + " chunksize 1000 ran 2.00x").endsWith("; 8.0x as fast as Python's Pool(2).imap_unordered(chunksize=1000)"
        + " on the same words, wall time against Python's median of 3 runs).");
  }

  @Test
  void shouldKeepAFlaggedFasterFigureOutAndListItUnderTheHeadline() throws IOException {
    // imapUnordered at chunksize 1000 looks faster (100 / 46 = 2.2x) but its rounds spread 30%
    RunResults run = read(wordJob().result("POOL_IMAP_UNORDERED", 2, "1000", 46, 0.30), null);
    SpeedUp noisy = run.speedUps().stream().filter(s -> s.impl().equals("POOL_IMAP_UNORDERED")).findFirst()
        .orElseThrow();
    assertThat(noisy.quality().flags()).contains(QualityFlag.NOISY);
    assertThat(noisy.value()).isGreaterThan(1.92);
    Headline h = Headline.forRun(run).get(0);
    assertThat(h.figure()).hasValueSatisfying(s -> assertThat(s.impl()).isEqualTo("POOL_MAP"));
    assertThat(h.sentence()).contains("the pool's map with 2 workers ran 1.92x").doesNotContain("imapUnordered");
    assertThat(h.flaggedLine()).hasValueSatisfying(line -> assertThat(line)
        .startsWith("Faster than the headline but flagged, so kept out: the pool's imapUnordered with 2 workers"
            + " at chunksize 1000, " + String.format(java.util.Locale.ROOT, "%.2fx", noisy.value()))
        .contains("(" + noisy.quality().describe() + ")", "Noisy: " + QualityFlag.NOISY.why()));
  }

  @Test
  void shouldSayStaySerialWhenNothingBeatsThePlainLoopBeyondItsInterval() throws IOException {
    RunResults run = read(SyntheticRun.seeded(3)
        .result("SERIAL", 1, "default", 100, 0.02)
        .result("POOL_MAP", 2, "default", 100, 0.02), null);
    Headline h = Headline.forRun(run).get(0);
    SpeedUp map = run.speedUps().get(0);
    assertThat(map.low()).isLessThanOrEqualTo(1.0);
    assertThat(h.figure()).isEmpty();
    assertThat(h.sentence()).isEqualTo(WHERE + ": stay serial, no unflagged configuration of the pool ran"
        + " faster than a plain loop beyond its interval (the best: the pool's map with 2 workers, "
        + String.format(java.util.Locale.ROOT, "%.2fx, 95%% interval %.2f–%.2fx", map.value(), map.low(), map.high())
        + ").");
  }

  @Test
  void shouldGiveNoVerdictInsteadOfStaySerialWhenEveryFigureOfThePoolIsFlagged() throws IOException {
    // the pool's only figure is far faster (100 / 25 = 4x) but its rounds spread 30%: the run backs
    // no configuration, and no "stay serial" either
    RunResults run = read(SyntheticRun.seeded(3)
        .result("SERIAL", 1, "default", 100, 0.01)
        .result("POOL_MAP", 2, "default", 25, 0.30), null);
    SpeedUp map = run.speedUps().get(0);
    assertThat(map.quality().flags()).contains(QualityFlag.NOISY);
    assertThat(map.value()).isGreaterThan(3.0);
    Headline h = Headline.forRun(run).get(0);
    assertThat(h.figure()).isEmpty();
    assertThat(h.sentence()).isEqualTo(WHERE + ": no verdict, every figure of the pool on this job is flagged,"
        + " so none is trusted; run it again on a quieter machine.").doesNotContain("stay serial");
    assertThat(h.flaggedLine()).hasValueSatisfying(line -> assertThat(line)
        .startsWith("Faster than the plain loop but flagged, so kept out: the pool's map with 2 workers, "
            + String.format(java.util.Locale.ROOT, "%.2fx", map.value())));
    assertThat(Recommendation.forRun(run)).singleElement().satisfies(r -> {
      assertThat(r.noVerdict()).isTrue();
      assertThat(r.sentence("linux-x86_64-2c")).contains("no verdict").doesNotContain("stay serial");
    });
  }

  @Test
  void shouldSayAllWordsWhenTheRunHashedTheWholeList() throws IOException {
    Path dir = wordJob().writeTo(tmp.resolve("20260101-130000"));
    Files.writeString(dir.resolve("metadata.json"),
        Files.readString(dir.resolve("metadata.json")).replace("\"wordsUsed\" : 100000", "\"wordsUsed\" : 1000000"));
    RunResults run = RunReader.read(dir);
    assertThat(Headline.forRun(run).get(0).sentence()).startsWith("On linux-x86_64-2c (Synthetic, 2 cores),"
        + " hashing all 1,000,000 words (a new digest per word), the pool's map");
    assertThat(Summary.markdown(run)).contains("(1,000,000 words)").doesNotContain("first");
  }

  @Test
  void shouldSayTheSliceEverywhereTheWordsAreNamed() throws IOException {
    RunResults run = read(wordJob(), null);
    assertThat(Words.used(run.metadata().dataset())).isEqualTo("first 100,000 of 1,000,000 words");
    assertThat(Tables.metadata(run).rows()).contains(List.of("dataset words", "first 100,000 of 1,000,000 words"));
    String md = Summary.markdown(run);
    assertThat(md).contains("(first 100,000 of 1,000,000 words).").doesNotContain("1000000 words");
    // the headline comes first, right under the run line
    assertThat(md.lines().skip(2).findFirst().orElseThrow()).startsWith("**" + WHERE);
    String html = RunPage.render(run, Charts.forRun(run), Map.of());
    assertThat(html).contains("profile quick · first 100,000 of 1,000,000 words").doesNotContain("1000000 words");
    assertThat(html.indexOf("id=\"headline\"")).isLessThan(html.indexOf("id=\"recommendation\""));
  }

  @Test
  void shouldOrderWordThenCpuThenIoJobsAndDescribeEach() throws IOException {
    SyntheticRun run = wordJob();
    for (String task : List.of("SLEEP", "CPU")) {
      String cost = task.equals("CPU") ? "100" : "5000";
      double parallel = task.equals("CPU") ? 52 : 6;
      String workers = task.equals("CPU") ? "2" : "20";
      for (String impl : List.of("SERIAL", "POOL_MAP")) {
        Map<String, String> p = new TreeMap<>(Map.of("impl", impl, "workers", impl.equals("SERIAL") ? "1" : workers,
            "chunksize", "default", "backend", "PLATFORM", "task", task, "costMicros", cost));
        double ms = impl.equals("SERIAL") ? 100 : parallel;
        run.raw("io.poollab.bench.CpuIoBenchmark.runAll", p,
            new double[][] {{ms, ms, ms}, {ms, ms, ms}, {ms, ms, ms}, {ms, ms, ms}});
      }
    }
    List<Headline> hs = Headline.forRun(read(run, null));
    assertThat(hs).extracting(Headline::job).containsExactly("WordJobBenchmark.hashAll hashing=NEW_DIGEST",
        "CpuIoBenchmark.runAll costMicros=100 task=CPU", "CpuIoBenchmark.runAll costMicros=5000 task=SLEEP");
    assertThat(hs.get(1).sentence()).startsWith("On linux-x86_64-2c (Synthetic, 2 cores), running CPU-bound tasks"
        + " of 100 µs each, the pool's map with 2 workers ran 1.92x as fast as a plain loop");
    // no ideal and no Python for the IO job: left out, not estimated
    assertThat(hs.get(2).sentence()).isEqualTo("On linux-x86_64-2c (Synthetic, 2 cores), running IO-bound tasks"
        + " that sleep 5 ms each, the pool's map with 20 workers ran 16.67x as fast as a plain loop (95% interval"
        + " 16.67–16.67x; 83% efficiency).");
  }
}
