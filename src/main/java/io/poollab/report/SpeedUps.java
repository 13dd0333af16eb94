package io.poollab.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the speed-ups of a run: every non-serial result against the {@code SERIAL} result of
 * the same benchmark method and workload params (see {@link SpeedUp} for the formula).
 *
 * <pre>{@code
 * List<String> problems = new ArrayList<>();
 * List<SpeedUp> speedUps = SpeedUps.compute(results, problems);
 * }</pre>
 */
public final class SpeedUps {

  private SpeedUps() {}

  /**
   * The speed-up of each non-serial JMH result that has a serial baseline (see {@link
   * #pairings}); gaps are added to {@code problems}.
   *
   * @param results the run's results
   * @param problems where gaps are reported
   * @return the speed-ups, in the order of {@code results}
   */
  public static List<SpeedUp> compute(List<BenchmarkResult> results, List<String> problems) {
    return pairings(results, problems).stream()
        .map(p -> SpeedUp.of(p.serial(), p.parallel(), p.workers()))
        .toList();
  }

  /**
   * Each non-serial JMH result paired with its serial baseline. A result whose job has no serial
   * baseline, or that has no int {@code workers} param, gets none; each such gap is added to
   * {@code problems} once per job.
   *
   * <p>A missing baseline counts as a gap when the run has no {@code SERIAL} result at all, or
   * when the same benchmark method has one for other workload params. A method that never has
   * one while other methods do is a latency-style benchmark (time to first result, per-task
   * latency): it has no speed-up by design and is not a problem.
   *
   * <p>When a job has several serial results (a {@code backend} param applies to the serial
   * method too), the one with the same backend is used, else the first.
   *
   * @param results the run's results
   * @param problems where gaps are reported
   * @return the pairings, in the order of {@code results}
   */
  public static List<SerialPairing> pairings(List<BenchmarkResult> results, List<String> problems) {
    Map<String, List<BenchmarkResult>> serialByJob = new LinkedHashMap<>();
    for (BenchmarkResult r : results) {
      if (r.isSerial()) {
        serialByJob.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
      }
    }
    TreeSet<String> noBaseline = new TreeSet<>();
    TreeSet<String> noWorkers = new TreeSet<>();
    List<SerialPairing> out = new ArrayList<>();
    for (BenchmarkResult r : results) {
      if (r.isSerial()) {
        continue;
      }
      List<BenchmarkResult> serials = serialByJob.getOrDefault(key(r), List.of());
      if (serials.isEmpty()) {
        noBaseline.add(r.job());
        continue;
      }
      OptionalInt workers = r.workers();
      if (workers.isEmpty() || workers.getAsInt() < 1) {
        noWorkers.add(r.job());
        continue;
      }
      BenchmarkResult serial =
          serials.stream()
              .filter(s -> s.params().containsKey(BenchmarkResult.BACKEND))
              .filter(s -> s.backend().equals(r.backend()))
              .findFirst()
              .orElse(serials.get(0));
      out.add(new SerialPairing(serial, r, workers.getAsInt()));
    }
    Set<String> methodsWithSerial = new HashSet<>();
    results.stream().filter(BenchmarkResult::isSerial).forEach(r -> methodsWithSerial.add(r.benchmark()));
    Set<String> gaps = new HashSet<>();
    results.stream().filter(r -> noBaseline.contains(r.job()))
        .filter(r -> methodsWithSerial.isEmpty() || methodsWithSerial.contains(r.benchmark()))
        .forEach(r -> gaps.add(r.job()));
    for (String job : gaps.stream().sorted().toList()) {
      problems.add(
          "jmh.json: no SERIAL baseline for " + job
              + " in this run, so its results have no speed-up");
    }
    for (String job : noWorkers) {
      problems.add(
          "jmh.json: results of " + job
              + " have no int 'workers' param, so they have no speed-up");
    }
    return List.copyOf(out);
  }

  /**
   * The speed-up of each Python pool result against {@code PY_SERIAL} on the same workload; a
   * workload without a serial result is added to {@code problems}.
   *
   * @param python Python's results, when present
   * @param problems where gaps are reported
   * @return the speed-ups, in file order
   */
  public static List<SpeedUp> python(Optional<PythonResults> python, List<String> problems) {
    if (python.isEmpty()) {
      return List.of();
    }
    Map<String, PythonResult> serial = new LinkedHashMap<>();
    for (PythonResult r : python.get().results()) {
      if (r.isSerial()) {
        serial.putIfAbsent(r.workload(), r);
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    List<SpeedUp> out = new ArrayList<>();
    for (PythonResult r : python.get().results()) {
      if (r.isSerial()) {
        continue;
      }
      PythonResult s = serial.get(r.workload());
      if (s == null) {
        missing.add(r.workload());
        continue;
      }
      out.add(SpeedUp.ofPython(s, r));
    }
    for (String w : missing) {
      problems.add(
          "python.json: no PY_SERIAL result for workload '" + w
              + "', so its Python results have no speed-up");
    }
    return List.copyOf(out);
  }

  private static String key(BenchmarkResult r) {
    return r.benchmark() + '\u0000' + r.mode() + '\u0000' + r.workloadParams();
  }
}
