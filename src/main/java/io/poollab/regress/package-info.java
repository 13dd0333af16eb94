/**
 * The regression check: compares a run with a stored baseline (or with another build measured
 * beside it) and fails CI when the pool got slower, without crying wolf on a noisy shared machine.
 *
 * <h2>Flow</h2>
 * <pre>
 *   run folder ──RunReader (report)──▶ RunResults ──FigureExtractor──▶ figures ─┐
 *   reports/baseline/&lt;machineClass&gt;/ ──── same ─────────────────────▶ figures ─┼▶ RegressionCheck.compare ▶ candidates
 *   baseline runs/ ─────────────────────── same ────────▶ NoiseModel ─────────┘           │
 *   Confirmer (fresh interleaved rounds) ──▶ figures ──▶ RegressionCheck.confirm ◀───────┘ ▶ Verdict ▶ VerdictWriter
 *   (no baseline for the machine class: figures ──▶ RegressionCheck.floors(Floors.DEFAULTS))
 * </pre>
 *
 * <h2>Figures</h2>
 * Ratios measured inside one run, round by round, so they survive a change of machine speed
 * ({@link io.poollab.regress.FigureExtractor}): the paired {@code speedup} of every pool
 * configuration against SERIAL, and {@code latency} percentiles relative to the serial per-item
 * time of the same round.
 *
 * <h2>Decision</h2>
 * A figure is a candidate when it got worse by more than its threshold (default 5%, per figure
 * with {@code --threshold GLOB=15%} or the baseline's thresholds.txt, never below its noise
 * between baseline runs) with evidence (a one-sided Mann-Whitney U test over rounds, Apache
 * Commons Statistics, or the change's bootstrap interval beyond zero). Candidates are measured
 * again; only what fresh rounds confirm fails, and what they cannot settle is inconclusive (exit
 * 3). See {@link io.poollab.regress.RegressionCheck}.
 *
 * <pre>{@code
 * CheckRunner.Result r = CheckRunner.check(runDir, null, Path.of("reports"), CheckOptions.DEFAULTS, confirmer, out);
 * System.out.print(VerdictWriter.table(r.verdict()));
 * System.exit(r.verdict().exitCode());
 * }</pre>
 */
package io.poollab.regress;
