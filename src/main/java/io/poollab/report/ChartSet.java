package io.poollab.report;

import java.util.List;

/**
 * The charts of a page, and a note for each chart that was skipped for want of data.
 *
 * <pre>{@code
 * ChartSet set = Charts.forRun(run);
 * set.skipped().forEach(note -> System.out.println("not drawn: " + note));
 * }</pre>
 *
 * @param charts the charts to draw, in page order
 * @param skipped one sentence per chart not drawn, saying why
 */
public record ChartSet(List<ChartData> charts, List<String> skipped) {

  /** Copies the lists. */
  public ChartSet {
    charts = List.copyOf(charts);
    skipped = List.copyOf(skipped);
  }

  /**
   * The golden-file text of every chart and note.
   *
   * @return the charts' {@link ChartData#toText()} then the notes
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    charts.forEach(c -> sb.append(c.toText()));
    skipped.forEach(s -> sb.append("skipped ").append(s).append('\n'));
    return sb.toString();
  }
}
