/**
 * The regression check: compares a run with a stored baseline and fails CI when the pool got
 * slower, without crying wolf on a noisy shared machine.
 *
 * <h2>Flow</h2>
 * <pre>
 *   run folder ──RunReader (report)──▶ RunResults ──FigureExtractor──▶ figures ─┐
 *   reports/baseline/&lt;machineClass&gt;/ ──── same ────────────────────▶ figures ─┴▶ RegressionCheck ▶ Verdict ▶ VerdictWriter
 *   (no baseline for the machine class: figures ──▶ RegressionCheck.floors(Floors.DEFAULTS))
 * </pre>
 *
 * <h2>Figures</h2>
 * Ratios measured inside one run, so they survive a change of machine speed
 * ({@link io.poollab.regress.FigureExtractor}): {@code speedup}, {@code efficiency},
 * {@code overhead} of every pool configuration against {@code SERIAL}, and {@code latency}
 * percentiles relative to the serial per-item time.
 *
 * <h2>Decision</h2>
 * A figure regressed when it got worse by more than its threshold (default 10%, per figure with
 * {@code --threshold GLOB=15%}) <em>and</em> the change is not noise: the 99.9% confidence
 * intervals do not overlap, or the {@link io.poollab.regress.MannWhitney} U test on the
 * per-iteration samples gives p &lt; 0.05 after {@link io.poollab.regress.Holm}'s correction over
 * every figure of the check (so 0.05 bounds the chance of any false alarm in a run, not of
 * each figure). Improvements are judged the same way and reported.
 * A figure of the baseline missing from the run fails; one only in the run is reported as new.
 *
 * <pre>{@code
 * CheckRunner.Result r = CheckRunner.check(runDir, null, Path.of("reports"), CheckOptions.DEFAULTS);
 * System.out.print(VerdictWriter.table(r.verdict()));
 * System.exit(r.verdict().exitCode());
 * }</pre>
 */
package io.poollab.regress;
