package io.poollab.regress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much each figure moves between runs of unchanged code, learned from the runs a baseline
 * was merged from. A figure's threshold is raised to its noise, so a figure that wanders 15%
 * between quiet runs (a latency tail, a loopback call) cannot fail the check on 10%, while a
 * steady one keeps the configured threshold.
 *
 * <p>Noise of a figure measured in {@code n >= 2} baseline runs: with three or more runs,
 * {@code exp(2 s) - 1} where {@code s} is the standard deviation of the runs' log estimates (about
 * the 95% half-range of a run's estimate); with two runs, {@code exp(|ln(v1 / v2)|) - 1}. A figure
 * in fewer than two runs has no noise estimate (0).
 *
 * <pre>{@code
 * NoiseModel noise = NoiseModel.of(List.of(run1Figures, run2Figures, run3Figures));
 * double t = Math.max(options.thresholdFor(key), noise.of(key));
 * }</pre>
 *
 * @param noise the noise of each figure, a fraction of its value
 * @param runs how many runs it was learned from
 */
public record NoiseModel(Map<String, Double> noise, int runs) {

  /** No runs, no noise known. */
  public static final NoiseModel NONE = new NoiseModel(Map.of(), 0);

  /** Copies. */
  public NoiseModel {
    noise = Collections.unmodifiableMap(new TreeMap<>(noise));
  }

  /**
   * Learns the noise from the figures of several runs of the same code.
   *
   * @param runs each run's figures
   * @return the model
   */
  public static NoiseModel of(List<List<Figure>> runs) {
    Map<String, List<Double>> logs = new TreeMap<>();
    for (List<Figure> run : runs) {
      for (Figure f : run) {
        if (f.value() > 0) {
          logs.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(Math.log(f.value()));
        }
      }
    }
    Map<String, Double> out = new TreeMap<>();
    logs.forEach((key, xs) -> {
      if (xs.size() == 2) {
        out.put(key, Math.expm1(Math.abs(xs.get(0) - xs.get(1))));
      } else if (xs.size() >= 3) {
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        out.put(key, Math.expm1(2 * Math.sqrt(ss / (xs.size() - 1))));
      }
    });
    return new NoiseModel(out, runs.size());
  }

  /** The noise of a figure, a fraction of its value; 0 when unknown. */
  public double of(String key) {
    return noise.getOrDefault(key, 0.0);
  }
}
