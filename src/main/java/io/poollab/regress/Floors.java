package io.poollab.regress;

import java.util.List;

/**
 * The absolute floors used when there is no baseline for the run's machine class.
 *
 * <p>They are deliberately modest, so that a 2-core CI machine shared with other jobs meets them
 * with a margin; they catch a pool that stopped scaling, not a few percent. The table:
 *
 * <table>
 *   <caption>Default floors</caption>
 *   <tr><th>figure</th><th>which</th><th>bound</th><th>why</th></tr>
 *   <tr><td>{@code speedup:*word*:POOL_*:workers=2:*}</td><td>best</td><td>&ge; 1.5</td>
 *       <td>the word job must scale to 2 workers (75% efficiency) with at least one pool
 *       method</td></tr>
 *   <tr><td>{@code speedup:*word*:POOL_IMAP_UNORDERED:workers=2:chunksize=1:*}</td>
 *       <td>best</td><td>&ge; 1.0</td><td>chunksize 1 must not be a trap (design target: half
 *       the ideal at 2 workers)</td></tr>
 *   <tr><td>{@code speedup:*word*:POOL_MAP:workers=2:*}</td><td>every</td><td>&ge; 1.0</td>
 *       <td>{@code map} with 2 workers is never slower than the plain loop</td></tr>
 * </table>
 *
 * <p>The floors are about the pool on threads: a figure on member processes ({@code
 * backend=CLUSTER}, whose every task crosses a process boundary) is never held to them, so a run
 * of the standard profile, which measures the word job on member processes too, is checked as
 * before ({@link #appliesTo(String)}).
 *
 * <pre>{@code
 * List<FloorResult> results = RegressionCheck.floors(figures, Floors.DEFAULTS);
 * }</pre>
 */
public final class Floors {

  private static final java.util.regex.Pattern ON_MEMBER_PROCESSES =
      java.util.regex.Pattern.compile("(^|:)backend=CLUSTER(:|$)");

  /** The default table (see the class comment). */
  public static final List<Floor> DEFAULTS =
      List.of(
          new Floor(
              "word job: best pool config at 2 workers scales",
              "speedup:*word*:POOL_*:workers=2:*",
              FigureKind.SPEEDUP,
              true,
              1.5),
          new Floor(
              "word job: imap_unordered with chunksize 1 is no trap",
              "speedup:*word*:POOL_IMAP_UNORDERED:workers=2:chunksize=1:*",
              FigureKind.SPEEDUP,
              true,
              1.0),
          new Floor(
              "word job: map at 2 workers beats the plain loop",
              "speedup:*word*:POOL_MAP:workers=2:*",
              FigureKind.SPEEDUP,
              false,
              1.0));

  private Floors() {}

  /**
   * Whether floors apply to a figure: not to one measured on member processes.
   *
   * @param figureKey the figure's key, e.g. {@code speedup:WordJobBenchmark.hashAll:POOL_MAP:workers=2:...}
   * @return false for a figure whose params hold {@code backend=CLUSTER}
   */
  public static boolean appliesTo(String figureKey) {
    return !ON_MEMBER_PROCESSES.matcher(figureKey).find();
  }
}
