package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCollectorTest {

  @TempDir Path dir;

  @Test
  void shouldChecksumTheDatasetFile() throws Exception {
    Path words = Files.writeString(dir.resolve("words.txt"), "abc\n", StandardCharsets.UTF_8);

    DatasetInfo info = DatasetInfo.of(words, 1, 0);

    // sha256 of the four bytes "abc\n" (sha256sum)
    assertThat(info.sha256()).isEqualTo("edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb");
    assertThat(info.words()).isEqualTo(1);
    assertThat(info.wordsUsed()).isEqualTo(1);
    assertThat(Path.of(info.path())).isAbsolute();
  }

  @Test
  void shouldRecordTheSliceThatWasUsed() throws Exception {
    Path words = Files.writeString(dir.resolve("w.txt"), "a\nb\nc\n");

    assertThat(DatasetInfo.of(words, 3, 2).wordsUsed()).isEqualTo(2);
    assertThat(DatasetInfo.of(words, 3, 10).wordsUsed()).isEqualTo(3);
  }

  @Test
  void shouldNameAMissingDataset() {
    assertThatThrownBy(() -> DatasetInfo.sha256(dir.resolve("nope.txt")))
        .hasMessageContaining("nope.txt");
  }

  @Test
  void shouldWriteEveryField() throws Exception {
    Path words = Files.writeString(dir.resolve("words.txt"), "abc\n");
    RunMetadata m =
        MetadataCollector.collect(
            Profile.QUICK, DatasetInfo.of(words, 1, 0), List.of("-Xmx2g"),
            Instant.parse("2026-11-23T01:02:03.456Z"), Path.of("."), 4, 1234L);
    Path file = dir.resolve("run/metadata.json");

    MetadataCollector.write(m, file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    for (String field : List.of("cpuModel", "cores", "memoryBytes", "os", "arch", "jvm", "jvmName",
        "jvmVersion", "jvmFlags", "commit", "dataset", "profile", "startedAt", "machineClass",
        "rounds", "seed")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(json.get("memoryBytes").asLong()).isPositive();
    assertThat(json.get("profile").asText()).isEqualTo("quick");
    assertThat(json.get("rounds").asInt()).isEqualTo(4);
    assertThat(json.get("seed").asLong()).isEqualTo(1234L);
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-23T01:02:03Z");
    assertThat(json.get("jvmFlags").get(0).asText()).isEqualTo("-Xmx2g");
    assertThat(json.get("commit").asText()).matches("[0-9a-f]{40}|unknown");
    assertThat(json.get("dataset").get("sha256").asText())
        .isEqualTo("edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb");
    assertThat(json.get("dataset").get("words").asLong()).isEqualTo(1);
    assertThat(json.get("machineClass").asText())
        .isEqualTo(MetadataCollector.machineClass(System.getProperty("os.name"), System.getProperty("os.arch"),
            Runtime.getRuntime().availableProcessors(), json.get("cpuModel").asText()));
  }

  @Test
  void shouldFormTheMachineClass() {
    assertThat(MetadataCollector.machineClass("Linux", "amd64", 2, "AMD EPYC")).isEqualTo("linux-amd64-2c-amd-epyc");
    assertThat(MetadataCollector.machineClass("Linux", "amd64", 2, "Intel(R) Xeon(R) Processor"))
        .isEqualTo("linux-amd64-2c-intel-xeon");
    assertThat(MetadataCollector.machineClass("Mac OS X", "aarch64", 16, "unknown")).isEqualTo("mac-aarch64-16c");
  }

  @Test
  void shouldNameTheCpuWithoutTrademarksOrClock() {
    assertThat(MetadataCollector.cpuSlug("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"))
        .isEqualTo("intel-xeon-platinum-8375c");
    assertThat(MetadataCollector.cpuSlug("AMD EPYC 7R13 Processor")).isEqualTo("amd-epyc-7r13");
    assertThat(MetadataCollector.cpuSlug("AMD Ryzen 9 7950X 16-Core Processor")).isEqualTo("amd-ryzen-9-7950x");
    assertThat(MetadataCollector.cpuSlug("unknown")).isEmpty();
    assertThat(MetadataCollector.cpuSlug("")).isEmpty();
  }

  @Test
  void shouldReadTheCpuModel() throws Exception {
    Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"),
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n");

    assertThat(MetadataCollector.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
    assertThat(MetadataCollector.cpuModel(dir.resolve("missing"))).isEqualTo("unknown");
  }
}
