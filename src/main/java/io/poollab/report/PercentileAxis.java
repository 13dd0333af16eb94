package io.poollab.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A log axis over {@code 1/(1-p)} whose ticks read as percentiles: 1 is 0%, 2 is 50%, 4 is 75%, 10 is 90%,
 * 100 is 99%, 1000 is 99.9%. This spreads the tail of a latency distribution evenly, as
 * HdrHistogram's own plots do.
 *
 * <pre>{@code
 * plot.setDomainAxis(new PercentileAxis("percentile"));
 * }</pre>
 */
public final class PercentileAxis extends LogAxis {

  private static final double[] TICKS = {1, 2, 4, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
  private static final String[] LABELS = {"0%", "50%", "75%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};

  /**
   * Creates the axis.
   *
   * @param label the axis label
   */
  public PercentileAxis(String label) {
    super(label);
    setBase(10);
    setSmallestValue(1);
  }

  @Override
  protected List<Tick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < TICKS.length; i++) {
      if (getRange().contains(TICKS[i])) {
        ticks.add(new NumberTick(TICKS[i], LABELS[i], TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
      }
    }
    return ticks;
  }

  @Override
  @SuppressWarnings("unchecked") // LogAxis.refreshTicks returns a raw List of Ticks
  public List<Tick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    return RectangleEdge.isTopOrBottom(edge) ? refreshTicksHorizontal(g2, dataArea, edge)
        : super.refreshTicks(g2, state, dataArea, edge);
  }
}
