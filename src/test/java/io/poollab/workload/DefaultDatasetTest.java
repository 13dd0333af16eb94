package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DefaultDatasetTest {

  @TempDir Path dir;

  @Test
  void shouldPreferTheRealTextListThenTheZip() throws IOException {
    Files.writeString(dir.resolve(DefaultDataset.REAL_ZIP), "not read here");
    assertThat(DefaultDataset.resolve(dir)).isEqualTo(dir.resolve(DefaultDataset.REAL_ZIP));
    Files.writeString(dir.resolve(DefaultDataset.REAL_TXT), "a\n");
    assertThat(DefaultDataset.resolve(dir)).isEqualTo(dir.resolve(DefaultDataset.REAL_TXT));
    assertThat(DefaultDataset.needsGeneration(dir)).isFalse();
    assertThat(dir.resolve(DefaultDataset.STAND_IN)).doesNotExist();
  }

  @Test
  @Timeout(60)
  void shouldGenerateTheStandInOnceAndReuseIt() throws IOException {
    Path datasets = dir.resolve("datasets"); // created on demand
    assertThat(DefaultDataset.needsGeneration(datasets)).isTrue();

    Path standIn = DefaultDataset.resolve(datasets);
    assertThat(standIn).isEqualTo(datasets.resolve(DefaultDataset.STAND_IN));
    assertThat(Files.size(standIn))
        .isEqualTo(StandInGenerator.expectedBytes(ReferenceList.WORDS));
    assertThat(DefaultDataset.needsGeneration(datasets)).isFalse();

    FileTime marker = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(standIn, marker);
    assertThat(DefaultDataset.resolve(datasets)).isEqualTo(standIn);
    assertThat(Files.getLastModifiedTime(standIn)).as("reused, not rewritten").isEqualTo(marker);
  }

  @Test
  @Timeout(60)
  void shouldRegenerateAStandInOfTheRightSizeButOtherBytes() throws IOException {
    Path standIn = dir.resolve(DefaultDataset.STAND_IN);
    StandInGenerator.write(standIn, ReferenceList.WORDS, StandInGenerator.DEFAULT_SEED + 1);
    assertThat(DefaultDataset.needsGeneration(dir)).isTrue();
    assertThat(DefaultDataset.resolve(dir)).isEqualTo(standIn);
    assertThat(StandInGeneratorTest.sha256(standIn)).isEqualTo(StandInGenerator.DEFAULT_SHA256);
  }

  @Test
  @Timeout(60)
  void shouldRegenerateATruncatedStandIn() throws IOException {
    Path standIn = dir.resolve(DefaultDataset.STAND_IN);
    Files.writeString(standIn, "half a list\r\n");
    assertThat(DefaultDataset.needsGeneration(dir)).isTrue();
    assertThat(DefaultDataset.resolve(dir)).isEqualTo(standIn);
    assertThat(Files.size(standIn))
        .isEqualTo(StandInGenerator.expectedBytes(ReferenceList.WORDS));
  }
}
