package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

  private static final IterationSettings S = new IterationSettings(2, Duration.ofMillis(250), 3, Duration.ofMillis(250));
  private static final PlanEntry SERIAL = new PlanEntry(PlanBuilder.WORD_JOB,
      Map.of("impl", "SERIAL", "workers", "1", "chunksize", "default", "hashing", "NEW_DIGEST"), S);

  private static ForkRecord fork(int id, int round, PlanEntry entry, List<Double> its, boolean kept) {
    ForkResult r = new ForkResult("avgt", "ms/op", its, Map.of(ForkResult.GC_TIME, List.of(1.0, 0.0, 2.0)),
        new ForkResult.Jvm("/usr/bin/java", "25", "OpenJDK 64-Bit Server VM", "25+36"));
    return new ForkRecord(id, "run", round, 1, 1, entry, List.of("-Xmx1g", "-Dpoollab.fork=" + id),
        Instant.EPOCH, 3.0, r, null, 0.0, 0.0, kept);
  }

  @Test
  void shouldWriteEachConfigurationsForksInJmhsFormat() throws Exception {
    String json = JmhJson.write(List.of(
        fork(1, 1, SERIAL, List.of(10.0, 11.0, 12.0), true),
        fork(2, 2, SERIAL, List.of(13.0, 14.0, 15.0), true)));
    JsonNode root = new ObjectMapper().readTree(json);

    assertThat(root).hasSize(1);
    JsonNode r = root.get(0);
    assertThat(r.get("benchmark").asText()).isEqualTo(PlanBuilder.WORD_JOB);
    assertThat(r.get("mode").asText()).isEqualTo("avgt");
    assertThat(r.get("forks").asInt()).isEqualTo(2);
    assertThat(r.get("measurementIterations").asInt()).isEqualTo(3);
    assertThat(r.get("measurementTime").asText()).isEqualTo("250 ms");
    assertThat(r.get("jvmArgs").toString()).isEqualTo("[\"-Xmx1g\"]"); // the fork number is per fork
    assertThat(r.get("params").get("impl").asText()).isEqualTo("SERIAL");
    JsonNode m = r.get("primaryMetric");
    assertThat(m.get("score").asDouble()).isCloseTo(12.5, within(1e-12));
    // Student t(0.9995, 5) = 6.8688 times sd / sqrt(6): sd of 10..15 is 1.8708
    assertThat(m.get("scoreError").asDouble()).isCloseTo(6.8688 * 1.8708 / Math.sqrt(6), within(1e-3));
    assertThat(m.get("scoreUnit").asText()).isEqualTo("ms/op");
    assertThat(m.get("rawData").toString()).isEqualTo("[[10.0,11.0,12.0],[13.0,14.0,15.0]]");
    assertThat(m.get("scorePercentiles").get("50.0").asDouble()).isCloseTo(12.5, within(1e-12));
    assertThat(m.get("scorePercentiles").get("100.0").asDouble()).isEqualTo(15.0);
    JsonNode gc = r.get("secondaryMetrics").get("\u00b7gc.time");
    assertThat(gc.get("scoreUnit").asText()).isEqualTo("ms");
    assertThat(gc.get("rawData")).hasSize(2);
  }

  @Test
  void shouldLeaveOutFailedForksAndWriteNaNAsJmhDoes() throws Exception {
    ForkRecord failed = new ForkRecord(3, "run", 1, 1, 1, SERIAL, List.of(), Instant.EPOCH, 1.0, null,
        "crashed", Double.NaN, Double.NaN, true);
    String json = JmhJson.write(List.of(
        fork(1, 1, SERIAL, List.of(10.0), true), failed));
    JsonNode m = new ObjectMapper().readTree(json).get(0).get("primaryMetric");
    assertThat(m.get("rawData").toString()).isEqualTo("[[10.0]]");
    assertThat(m.get("scoreError").asText()).isEqualTo("NaN");
    assertThat(JmhJson.write(List.of(failed))).isEqualTo("[ ]\n");
  }
}
