package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapFlagsTest {
  @TempDir Path dir;

  @Test
  void shouldFixAndTouchTheHeapAndAskForHugePagesOnlyWhereTheKernelGivesThemOnRequest() {
    assertThat(HeapFlags.fixedHeap("2g", Optional.of("madvise")))
        .containsExactly("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages");
    // 'always' gives them without asking; 'never' and an unknown mode would make the JVM warn
    assertThat(HeapFlags.fixedHeap("1g", Optional.of("always")))
        .containsExactly("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
    assertThat(HeapFlags.fixedHeap("512m", Optional.of("never")))
        .containsExactly("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");
    assertThat(HeapFlags.fixedHeap("512m", Optional.empty()))
        .containsExactly("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");
  }

  @Test
  void shouldReadTheBracketedModeOfTheKernelsFile() throws IOException {
    assertThat(HeapFlags.thpMode(Files.writeString(dir.resolve("a"), "always [madvise] never\n")))
        .contains("madvise");
    assertThat(HeapFlags.thpMode(Files.writeString(dir.resolve("b"), "[always] madvise never\n")))
        .contains("always");
    assertThat(HeapFlags.thpMode(Files.writeString(dir.resolve("c"), "always madvise never\n"))).isEmpty();
    assertThat(HeapFlags.thpMode(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void shouldRefuseASizeTheJvmWouldNotTakeNamingIt() {
    for (String bad : new String[] {"", "2 g", "-1g", "0", "2gb", "g"}) {
      assertThatThrownBy(() -> HeapFlags.fixedHeap(bad, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("heap size must be digits and an optional k, m or g")
          .hasMessageContaining("was " + bad);
    }
    assertThatThrownBy(() -> HeapFlags.fixedHeap(null, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was null");
  }
}
