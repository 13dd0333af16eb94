package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens generated reports in headless Chromium (Debian's {@code chromium}; {@code .ci/install-browser.sh}
 * installs it) and checks what a reader sees: every chart drawn with a non-zero size, no console
 * errors, no network request but the page itself. Saves {@code target/report-screenshot.png}.
 * Skipped only when {@code /usr/bin/chromium} is absent.
 */
@Timeout(180)
class BrowserReportTest {

  private static final String SVG_BOXES = """
      JSON.stringify(Array.from(document.querySelectorAll('svg')).map(s => {
        const r = s.getBoundingClientRect(); const cs = getComputedStyle(s);
        return {id: s.id, w: r.width, h: r.height, visibility: cs.visibility, display: cs.display,
                opacity: cs.opacity, shapes: s.querySelectorAll('path,line,rect,polyline,text').length};
      }))""";

  @Test
  void shouldShowEveryChartWithoutErrorsOrNetwork() throws Exception {
    assumeTrue(Files.isExecutable(HeadlessChromium.CHROMIUM),
        "needs /usr/bin/chromium (apt-get install chromium chromium-driver; see .ci/install-browser.sh)");
    Path reports = Path.of("target/browser-report").toAbsolutePath();
    delete(reports);
    Files.createDirectories(reports);
    Path full = RunPageTest.copyFixture("full", reports);
    RunPageTest.copyFixture("oneworker", reports);
    RunResults run = RunReader.read(full);
    Path page = ReportWriter.writeRun(run);
    Path index = ReportWriter.writeIndex(reports);
    int runCharts = Charts.forRun(run).charts().size();
    int indexCharts = Charts.forIndex(ReportWriter.runDirs(reports).stream().map(RunReader::read).toList())
        .charts().size();

    try (HeadlessChromium browser = HeadlessChromium.start(
        HeadlessChromium.CHROMIUM, Path.of("target/chromium-profile").toAbsolutePath())) {
      checkPage(browser, page, runCharts);
      browser.screenshot(Path.of("target/report-screenshot.png"), true);
      browser.screenshot(Path.of("target/report-screenshot-top.png"), false);
      checkPage(browser, index, indexCharts);
      browser.screenshot(Path.of("target/report-index-screenshot.png"), true);
    }
    assertThat(Path.of("target/report-screenshot.png")).isNotEmptyFile();
  }

  /**
   * The first screen of a real quick run (the newest one the committed baseline was merged from):
   * the headline is there, whole, with its interval or its "stay serial", before any scrolling.
   * Saves {@code target/report-real-quick-top.png}.
   */
  @Test
  void shouldShowTheHeadlineOnTheFirstScreenOfARealQuickRun() throws Exception {
    assumeTrue(Files.isExecutable(HeadlessChromium.CHROMIUM),
        "needs /usr/bin/chromium (apt-get install chromium chromium-driver; see .ci/install-browser.sh)");
    Path runs = Path.of("reports/baseline/linux-amd64-2c-intel-xeon/runs");
    Path newest;
    try (var list = Files.list(runs)) {
      newest = list.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
    }
    Path reports = Path.of("target/browser-real").toAbsolutePath();
    delete(reports);
    Path run = reports.resolve(newest.getFileName().toString());
    Golden.copyTree(newest, run);
    RunResults results = RunReader.read(run);
    assertThat(results.metadata().profile()).isEqualTo("quick");
    Path page = ReportWriter.writeRun(results);

    try (HeadlessChromium browser = HeadlessChromium.start(
        HeadlessChromium.CHROMIUM, Path.of("target/chromium-profile-real").toAbsolutePath())) {
      browser.navigate(page.toUri().toString());
      JsonNode headline = new com.fasterxml.jackson.databind.ObjectMapper().readTree(browser.evaluate("""
          JSON.stringify((() => { const h = document.getElementById('headline');
            const r = h.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, screen: window.innerHeight, text: h.innerText}; })())""").asText());
      browser.screenshot(Path.of("target/report-real-quick-top.png"), false);

      assertThat(headline.path("top").asDouble()).as("headline's top").isLessThan(headline.path("screen").asDouble() / 2);
      assertThat(headline.path("text").asText())
          .contains("hashing the first 100,000 of 1,049,938 words")
          .containsAnyOf("% interval", "stay serial");
    }
    assertThat(Path.of("target/report-real-quick-top.png")).isNotEmptyFile();
  }

  private static void checkPage(HeadlessChromium browser, Path page, int charts) throws Exception {
    String url = page.toUri().toString();
    int before = browser.events().size();
    browser.navigate(url);
    JsonNode boxes = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(browser.evaluate(SVG_BOXES).asText());
    assertThat(boxes).as("charts on %s", page).hasSize(charts);
    for (JsonNode b : boxes) {
      assertThat(b.path("w").asDouble()).as("width of %s", b.path("id")).isPositive();
      assertThat(b.path("h").asDouble()).as("height of %s", b.path("id")).isPositive();
      assertThat(b.path("visibility").asText()).as("visibility of %s", b.path("id")).isEqualTo("visible");
      assertThat(b.path("display").asText()).as("display of %s", b.path("id")).isNotEqualTo("none");
      assertThat(b.path("opacity").asDouble()).as("opacity of %s", b.path("id")).isPositive();
      assertThat(b.path("shapes").asInt()).as("drawn shapes in %s", b.path("id")).isGreaterThan(10);
    }
    assertThat(browser.evaluate("document.title").asText()).startsWith("Pool lab");
    assertThat(browser.errors()).as("console errors on %s", page).isEmpty();
    assertThat(browser.requests().subList(countRequests(browser, before), browser.requests().size()))
        .as("network requests of %s", page).containsOnly(url);
  }

  /** How many requests were recorded before event index {@code before}. */
  private static int countRequests(HeadlessChromium browser, int before) {
    return (int) browser.events().subList(0, before).stream()
        .filter(e -> e.path("method").asText().equals("Network.requestWillBeSent")).count();
  }

  private static void delete(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
