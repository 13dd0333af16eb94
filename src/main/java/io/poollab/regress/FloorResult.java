package io.poollab.regress;

import java.util.List;
import java.util.Objects;

/**
 * One absolute floor checked against a run.
 *
 * <pre>{@code
 * FloorResult r = RegressionCheck.floors(figures, Floors.DEFAULTS).get(0);
 * r.outcome();   // FLOOR_MET, FLOOR_MISSED or NOT_MEASURED
 * }</pre>
 *
 * @param floor the floor
 * @param decidingKey the key of the figure that decided (the best or the worst match), or null
 * @param value that figure's value, or NaN when no figure matched
 * @param matched how many figures of the run matched the floor's glob
 * @param outcome {@link Outcome#FLOOR_MET}, {@link Outcome#FLOOR_MISSED} or {@link Outcome#NOT_MEASURED}
 */
public record FloorResult(
    Floor floor, String decidingKey, double value, int matched, Outcome outcome) {

  private static final List<Outcome> ALLOWED =
      List.of(Outcome.FLOOR_MET, Outcome.FLOOR_MISSED, Outcome.NOT_MEASURED);

  /** Validates. */
  public FloorResult {
    Objects.requireNonNull(floor, "floor");
    if (!ALLOWED.contains(outcome)) {
      throw new IllegalArgumentException("a floor result cannot be " + outcome);
    }
    if ((matched == 0) != (outcome == Outcome.NOT_MEASURED)) {
      throw new IllegalArgumentException(
          "floor '" + floor.name() + "': NOT_MEASURED exactly when no figure matched");
    }
  }

  /** Whether this floor fails the check. */
  public boolean fails() {
    return outcome.fails();
  }
}
