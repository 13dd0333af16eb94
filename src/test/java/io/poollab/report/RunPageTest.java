package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RunPageTest {

  @TempDir Path tmp;

  @Test
  void shouldWriteSelfContainedPageWithEveryChartInline() throws IOException {
    Path run = copyFixture("full", tmp);
    Path page = ReportWriter.writeRun(RunReader.read(run));
    String html = Files.readString(page);
    ChartSet charts = Charts.forRun(RunReader.read(run));
    assertThat(count(html, "<svg ")).isEqualTo(charts.charts().size()).isEqualTo(25);
    for (ChartData c : charts.charts()) {
      Path png = run.resolve("charts").resolve(c.id() + ".png");
      assertThat(png).exists();
      byte[] head = Files.readAllBytes(png);
      assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
    // nothing to fetch: no scripts, style sheets, images or frames, no remote URL but XML namespace names (never fetched)
    assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "@import");
    assertThat(html.replace("url(#", "")).as("only local url(#id) references").doesNotContain("url(");
    String withoutNamespaces = html.replace("http://www.w3.org/2000/svg", "")
        .replace("http://www.w3.org/1999/xlink", "").replace("http://www.jfree.org/jfreesvg/svg", "");
    assertThat(withoutNamespaces).doesNotContain("http://", "https://");
    assertThat(html).contains("<h2 id=\"recommendation\">", "1.94x [1.93, 1.96]", "Machine and configuration",
        "Intel(R) Xeon(R) Platinum 8375C", "Every file of the run was read", "<h2 id=\"quality\">Data quality",
        "Protocol: 3 interleaved rounds (seed 20260101)");
  }

  @Test
  void shouldEscapeEverythingFromInput() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("20260101-000000"));
    Files.writeString(run.resolve("jmh.json"), """
        [ {"benchmark": "a.<b>Bench</b>.run", "mode": "avgt",
           "params": {"impl": "SERIAL", "workers": "1", "flavour": "<script>alert(1)</script>"},
           "primaryMetric": {"score": 10.0, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[10.0]]}},
          {"benchmark": "a.<b>Bench</b>.run", "mode": "avgt",
           "params": {"impl": "POOL_MAP", "workers": "2", "flavour": "<script>alert(1)</script>"},
           "primaryMetric": {"score": 5.0, "scoreError": 0.1, "scoreUnit": "ms/op", "rawData": [[5.0]]}} ]
        """);
    Files.writeString(run.resolve("metadata.json"),
        "{\"cpuModel\": \"<img src=x onerror=alert(2)>\", \"machineClass\": \"a&b \\\"q\\\"\"}");
    String html = Files.readString(ReportWriter.writeRun(RunReader.read(run)));
    assertThat(html).doesNotContain("<script", "<b>Bench", "<img");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;b&gt;Bench&lt;/b&gt;.run", "&lt;img src=x onerror=alert(2)&gt;", "a&amp;b &quot;q&quot;");
    // the charts carry the same text through JFreeSVG, which escapes it too
    assertThat(count(html, "<svg ")).isPositive();
  }

  @Test
  void shouldStateGapsOnThePage() throws IOException {
    Path run = copyFixture("full", tmp);
    String jmh = Files.readString(run.resolve("jmh.json"));
    Files.writeString(run.resolve("jmh.json"), jmh.substring(0, jmh.length() / 3));
    Files.writeString(run.resolve("histograms/broken.hlog"), "not a histogram log\n1,2,3,HISTxyz\n");
    RunResults read = RunReader.read(run);
    String html = Files.readString(ReportWriter.writeRun(read));
    assertThat(read.problems()).hasSizeGreaterThanOrEqualTo(2);
    for (String p : read.problems()) {
      assertThat(html).contains(Html.escape(p));
    }
    assertThat(html).contains("class=\"problems\"", "Not drawn, for want of data",
        "No JMH results could be read (see Problems).");
    // what could be read is still drawn: the Python table and the latency chart
    assertThat(html).contains("id=\"fig-latency-applyasync\"", "Python 3.11.2 reference");
  }

  @Test
  void shouldSayWhenNoChartCanBeDrawn() throws IOException {
    Path run = copyFixture("single", tmp);
    String html = Files.readString(ReportWriter.writeRun(RunReader.read(run)));
    assertThat(html).doesNotContain("<svg ");
    assertThat(html).contains("the run has no parallel JMH results",
        "No recommendation: the run has no finite speed-up of the pool.",
        "No speed-ups: the run needs a SERIAL result");
    assertThat(run.resolve("charts")).doesNotExist();
  }

  @Test
  void shouldListRunsNewestFirstAndSkipBaseline() throws IOException {
    copyFixture("full", tmp);
    copyFixture("oneworker", tmp);
    copyFixture("single", tmp.resolve("baseline"));
    Path index = ReportWriter.writeIndex(tmp);
    String html = Files.readString(index);
    assertThat(html).contains("<a href=\"20260102-090000/index.html\">20260102-090000</a>",
        "<a href=\"20260101-120000/index.html\">20260101-120000</a>", "2 runs in this folder");
    assertThat(html.indexOf("20260102-090000/index.html"))
        .isLessThan(html.indexOf("20260101-120000/index.html"));
    assertThat(html).doesNotContain("baseline/index.html");
    assertThat(count(html, "<svg ")).isEqualTo(3);
    Golden.check("index-runs.txt", IndexPage.runs(
        ReportWriter.runDirs(tmp).stream().map(RunReader::read).toList()).toText());
  }

  static Path copyFixture(String fixture, Path into) throws IOException {
    return Golden.copyRun(fixture, into);
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
