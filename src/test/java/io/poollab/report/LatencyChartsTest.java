package io.poollab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyChartsTest {

  private static Histogram of(int samples, long firstNanos) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < samples; i++) {
      h.recordValue(firstNanos + 1000L * i);
    }
    return h;
  }

  @Test
  void shouldDrawOneChartPerKindOfLatencyWithReadableLegends() {
    Map<String, Histogram> logs = new LinkedHashMap<>();
    logs.put("FirstResultBenchmark.firstResult-chunksize=default-impl=POOL_IMAP_UNORDERED-workers=2", of(200, 50_000));
    logs.put("FirstResultBenchmark.firstResult-chunksize=default-impl=POOL_MAP-workers=2", of(22, 30_000_000));
    logs.put("RoundTripLatencyBenchmark.applyAsyncRoundTrip-chunksize=default-impl=POOL_APPLY_ASYNC-workers=1", of(5000, 10_000));
    logs.put("TaskLatencyBenchmark.latencyUnderLoad-chunksize=default-impl=POOL_APPLY_ASYNC-workers=2", of(1000, 40_000));
    List<String> notes = new ArrayList<>();
    List<ChartData> charts = LatencyCharts.of(logs, notes);
    assertThat(charts).extracting(ChartData::title).containsExactly(
        "Time to the first result", "apply_async round trip, idle pool",
        "Task latency under load (submission to end of task)");
    assertThat(charts).extracting(ChartData::id).containsExactly("latency-firstresult",
        "latency-applyasyncroundtrip", "latency-latencyunderload");
    ChartData first = charts.get(0);
    assertThat(first.series()).extracting(ChartData.Series::name).containsExactly(
        "imap_unordered, 2 workers, chunksize default (200 samples)",
        "map, 2 workers, chunksize default (22 samples)");
    // 200 samples: 10 beyond p95 (needs 200), not beyond p99 (needs 1,000)
    assertThat(first.series().get(0).points()).extracting(ChartData.Point::x)
        .containsExactly(1.0, 2.0, 4.0, 10.0, 20.0);
    // 22 samples reach the median (needs 20), not p75 (needs 40)
    assertThat(first.series().get(1).points()).extracting(ChartData.Point::x).containsExactly(1.0, 2.0);
    assertThat(notes).isEmpty();
  }

  @Test
  void shouldLeaveOutCurveWithTooFewSamplesWithNote() {
    Map<String, Histogram> logs = new LinkedHashMap<>();
    logs.put("StreamingBenchmark.stream-chunksize=1-impl=POOL_IMAP-intervalMicros=100-items=1000-workers=2", of(18, 1000));
    logs.put("StreamingBenchmark.stream-chunksize=1-impl=POOL_IMAP_UNORDERED-intervalMicros=100-items=1000-workers=2", of(40, 1000));
    List<String> notes = new ArrayList<>();
    List<ChartData> charts = LatencyCharts.of(logs, notes);
    assertThat(charts).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("latency-stream-intervalmicros-100-items-1000");
      assertThat(c.title()).isEqualTo("Streaming input: time to the first result (an item every 100 µs, 1000 items)");
      assertThat(c.series()).extracting(ChartData.Series::name)
          .containsExactly("imap_unordered, 2 workers, chunksize 1 (40 samples)");
    });
    assertThat(notes).containsExactly("Latency curves of Streaming input: time to the first result (an item"
        + " every 100 µs, 1000 items): imap, 2 workers, chunksize 1 (18 samples): too few samples for"
        + " percentiles (a median needs 20: 10 beyond it on each side).");
  }

  @Test
  void shouldGiveTheCurveThePercentilesOfTheHistogram() {
    Histogram h = of(1000, 1_000_000);
    List<ChartData.Point> curve = LatencyCharts.curve(h);
    assertThat(curve).extracting(ChartData.Point::x).containsExactly(1.0, 2.0, 4.0, 10.0, 20.0, 100.0);
    assertThat(curve.get(1).y()).isEqualTo(h.getValueAtPercentile(50) / 1000.0);
    assertThat(curve.get(5).y()).isEqualTo(h.getValueAtPercentile(99) / 1000.0);
  }
}
