package io.poollab.regress;

import io.poollab.report.RunResults;
import java.time.Duration;
import java.util.Set;

/**
 * Measures configurations again, in fresh interleaved rounds, so the check can confirm a
 * regression before it fails: {@code bench}'s round runner on this machine in the lab's own
 * command, a scripted fake in tests.
 *
 * <pre>{@code
 * Confirmer confirmer = (configs, rounds, box) -> runRoundsAgain(configs, rounds, box);
 * CheckRunner.Result r = CheckRunner.check(runDir, null, reports, CheckOptions.DEFAULTS, confirmer, System.err);
 * }</pre>
 */
public interface Confirmer {

  /**
   * Runs the configurations (each with the SERIAL partner its figure needs) again.
   *
   * @param configs the configuration keys ({@link io.poollab.report.BenchmarkResult#configKey()})
   * @param rounds how many rounds
   * @param timeBox the longest it may take (a round under way finishes)
   * @return what was measured
   */
  Confirmation confirm(Set<String> configs, int rounds, Duration timeBox);

  /**
   * What a confirmation measured.
   *
   * @param run the fresh rounds of the run's side, read like any run folder
   * @param baseline fresh rounds of the baseline's side for a direct comparison of two builds
   *     ({@code check --against}), or null when the stored baseline stays the reference
   * @param rounds fresh rounds run
   * @param cleanRounds rounds in which the canary judged no group disturbed (after re-runs); a
   *     candidate is judged on the rounds in which its own groups were clean, so it may have more
   * @param where the folder it was written to, for the output
   */
  record Confirmation(RunResults run, RunResults baseline, int rounds, int cleanRounds, String where) {}
}
