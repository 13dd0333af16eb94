package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {

  @TempDir Path dir;

  @Test
  void shouldDrawEveryKindAtReadableSize() throws IOException {
    ChartSet set = Charts.forRun(RunReader.read(Golden.run("full")));
    assertThat(set.charts()).extracting(ChartData::kind).contains(ChartKind.LINE, ChartKind.BAR,
        ChartKind.CATEGORY_LINE, ChartKind.PERCENTILE, ChartKind.STRIP);
    for (ChartData c : set.charts()) {
      if (c.kind() != ChartKind.STRIP) {
        assertThat(ChartRenderer.svg(c)).contains("viewBox='0.0 0.0 960.0 540.0'");
      }
    }
    // a strip chart of one row is short; of six, full height
    ChartData oneRow = set.charts().stream().filter(c -> c.kind() == ChartKind.STRIP && c.categories().size() == 1)
        .findFirst().orElseThrow();
    assertThat(ChartRenderer.svg(oneRow)).contains("viewBox='0.0 0.0 960.0 232.0'");
    ChartData strip = ChartsTest.chart(set, "rounds-hashbench-hashwords");
    Path png = dir.resolve(strip.id() + ".png");
    ChartRenderer.png(strip, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(image.getHeight()).isEqualTo(540);
  }
}
