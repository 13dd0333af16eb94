package io.poollab.regress;

import io.poollab.report.RunMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a run and of a stored baseline that the check may compare: every figure when
 * both were recorded on the same, known CPU model, and otherwise only those whose kind
 * {@link FigureKind#carriesAcrossCpus() carries across CPUs} (the speed-ups). The machine class
 * names the CPU, so the baseline the check finds by itself is from the run's CPU; this matters
 * for a baseline given with {@code --baseline DIR}, for runs recorded before the class named the
 * CPU (CI's 2-vCPU VMs ran on Intel Xeon and AMD EPYC hosts under one class), and for machines
 * whose CPU model is unknown, where two runs cannot be told apart. The note says what was left
 * out and why, so a run is never failed on a figure its baseline cannot judge, and never silently
 * passed on one either.
 *
 * <pre>{@code
 * ComparableFigures c = ComparableFigures.of(baseline, run);
 * c.note().ifPresent(warnings::add);
 * RegressionCheck.compare(c.baseline(), c.run(), noise, options, true);
 * }</pre>
 *
 * @param baseline the baseline's figures to compare
 * @param run the run's figures to compare
 * @param note what was left out and why, when anything was
 */
public record ComparableFigures(List<Figure> baseline, List<Figure> run, Optional<String> note) {

  /** Copies. */
  public ComparableFigures {
    baseline = List.copyOf(baseline);
    run = List.copyOf(run);
  }

  /**
   * The figures of {@code run} and {@code baseline} that can be compared.
   *
   * @param baseline the stored baseline
   * @param run the run under test
   * @return both lists, and a note when figures were left out
   */
  public static ComparableFigures of(CheckInput baseline, CheckInput run) {
    String baselineCpu = baseline.results().metadata().cpuModel();
    String runCpu = run.results().metadata().cpuModel();
    if (baselineCpu.equals(runCpu) && !RunMetadata.UNKNOWN.equals(runCpu)) {
      return new ComparableFigures(baseline.figures(), run.figures(), Optional.empty());
    }
    List<Figure> keptBaseline = portable(baseline.figures());
    List<Figure> keptRun = portable(run.figures());
    int left = baseline.figures().size() - keptBaseline.size() + run.figures().size() - keptRun.size();
    if (left == 0) {
      return new ComparableFigures(keptBaseline, keptRun, Optional.empty());
    }
    return new ComparableFigures(keptBaseline, keptRun, Optional.of(
        "latency figures not compared: the baseline was recorded on CPU '" + baselineCpu
            + "' and the run on '" + runCpu + "', and a hand-off's latency does not scale with the"
            + " serial job's time per item between CPUs (unchanged code: the round trip's p50 was 7.1"
            + " serial item times on an Intel Xeon host, 22.4 on an AMD EPYC one); speed-ups are"
            + " compared. To gate latency on this CPU, record a baseline here (check --update-baseline"
            + " RUN1 RUN2 ...) or compare builds with check --against REF"));
  }

  private static List<Figure> portable(List<Figure> figures) {
    return figures.stream().filter(f -> f.kind().carriesAcrossCpus()).toList();
  }
}
