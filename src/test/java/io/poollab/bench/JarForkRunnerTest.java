package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarForkRunnerTest {

  @TempDir Path dir;

  private static final PlanEntry ENTRY = new PlanEntry(PlanBuilder.WORD_JOB,
      Map.of("impl", "POOL_MAP", "workers", "2"), new IterationSettings(3, Duration.ofMillis(100), 5, Duration.ofMillis(200)));

  @Test
  void shouldAskJmhsCommandLineForExactlyOneForkOfTheEntry() throws Exception {
    Path jar = Files.writeString(dir.resolve("b.jar"), "not really a jar");
    JarForkRunner runner = new JarForkRunner(jar, dir.resolve("jmh.log"));
    List<String> cmd = runner.command(ENTRY, List.of("-Xmx1g", "-Dpoollab.fork=7"), dir.resolve("r.json"));

    assertThat(cmd.get(0)).endsWith("/bin/java");
    assertThat(String.join(" ", cmd))
        .contains("-jar " + jar.toAbsolutePath())
        .contains("-f 1 -wi 3 -w 100ms -i 5 -r 200ms -prof gc -foe true -rf json -rff " + dir.resolve("r.json"))
        .contains("-p impl=POOL_MAP").contains("-p workers=2")
        .contains("-jvmArgs -Xmx1g -jvmArgs -Dpoollab.fork=7");
    assertThat(cmd).contains("^\\Q" + PlanBuilder.WORD_JOB + "\\E$");
  }

  @Test
  void shouldRefuseAJvmArgumentWithASpaceAndAMissingJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("b.jar"), "x");
    JarForkRunner runner = new JarForkRunner(jar, dir.resolve("jmh.log"));
    assertThatThrownBy(() -> runner.command(ENTRY, List.of("-Dpoollab.dataset=/my words.txt"), dir.resolve("r.json")))
        .isInstanceOf(ForkRunner.ForkFailedException.class)
        .hasMessageContaining("'-Dpoollab.dataset=/my words.txt' contains a space");
    assertThatThrownBy(() -> new JarForkRunner(dir.resolve("none.jar"), dir.resolve("jmh.log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none.jar").hasMessageContaining("is not a file");
  }

  @Test
  void shouldReadOneForksIterationsAndSecondaryMetricsFromJmhsJson() throws Exception {
    Path json = Files.writeString(dir.resolve("r.json"), """
        [ { "benchmark": "x.Y.z", "mode": "avgt", "jvm": "/j/bin/java", "jdkVersion": "25",
            "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25+36",
            "primaryMetric": { "score": 2.0, "scoreUnit": "ms/op", "rawData": [[1.0, 2.0, 3.0]] },
            "secondaryMetrics": { "\\u00b7gc.time": { "score": 1.0, "scoreUnit": "ms", "rawData": [[1.0, 0.0, 2.0]] } } } ]
        """);
    ForkResult r = JarForkRunner.read(json);
    assertThat(r.mode()).isEqualTo("avgt");
    assertThat(r.unit()).isEqualTo("ms/op");
    assertThat(r.iterations()).containsExactly(1.0, 2.0, 3.0);
    assertThat(r.secondary()).containsEntry(ForkResult.GC_TIME, List.of(1.0, 0.0, 2.0));
    assertThat(r.jvm().vmVersion()).isEqualTo("25+36");

    Files.writeString(json, "[]");
    assertThatThrownBy(() -> JarForkRunner.read(json)).hasMessageContaining("expected one JMH result");
  }

  /** JMH ignores a -p the benchmark lacks: an older build would measure threads under a CLUSTER label. */
  @Test
  void shouldFailAForkOfABuildThatLacksAnAskedParam() throws Exception {
    Path json = Files.writeString(dir.resolve("old.json"), """
        [ { "benchmark": "io.poollab.bench.WordJobBenchmark.hashAll", "mode": "avgt",
            "params": { "impl": "POOL_MAP", "workers": "2", "chunksize": "default", "hashing": "NEW_DIGEST" },
            "primaryMetric": { "score": 2.0, "scoreUnit": "ms/op", "rawData": [[1.0, 2.0, 3.0]] } } ]
        """);
    Map<String, String> asked = Map.of("impl", "POOL_MAP", "workers", "2", "backend", "CLUSTER");

    assertThatThrownBy(() -> JarForkRunner.read(json, asked))
        .isInstanceOf(ForkRunner.ForkFailedException.class)
        .hasMessageContaining("WordJobBenchmark.hashAll has no param 'backend' (asked backend=CLUSTER)");
    assertThat(JarForkRunner.read(json, Map.of("impl", "POOL_MAP", "workers", "2")).iterations())
        .containsExactly(1.0, 2.0, 3.0);
  }

  /** Sample mode (the latency benchmarks): JMH writes a histogram per iteration, not a score. */
  @Test
  void shouldReadASampleModeForkAsEachIterationsMean() throws Exception {
    Path json = Files.writeString(dir.resolve("sample.json"), """
        [ { "benchmark": "x.Y.z", "mode": "sample", "jvm": "/j/bin/java", "jdkVersion": "25",
            "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25+36",
            "primaryMetric": { "score": 31.5, "scoreUnit": "us/op",
              "rawDataHistogram": [ [ [ [4.0, 1], [8.0, 3] ], [ [10.0, 2] ] ] ] },
            "secondaryMetrics": { "\u00b7gc.count": { "score": 0.0, "scoreUnit": "counts", "rawData": [[0.0, 0.0]] } } } ]
        """);
    ForkResult r = JarForkRunner.read(json);
    assertThat(r.mode()).isEqualTo("sample");
    assertThat(r.unit()).isEqualTo("us/op");
    assertThat(r.iterations()).containsExactly((4.0 + 3 * 8.0) / 4, 10.0);
  }
}
