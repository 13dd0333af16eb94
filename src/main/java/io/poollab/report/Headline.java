package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one sentence per job a reader can quote, at the top of the page and of {@code summary.md}:
 * where it ran, what was done, the pool configuration the {@link Recommendation} picks (the best
 * unflagged one whose interval is above the plain loop) and what that figure means beside the
 * hand-written ideal and Python's {@code Pool.map} measured in the same run; or the honest "stay
 * serial"; or "no verdict" when every figure of the pool on the job is flagged (the run backs
 * neither). Flagged figures never make it; those that would have beaten it are listed under it.
 *
 * <pre>{@code
 * Headline.forRun(run).forEach(h -> System.out.println(h.sentence()));
 * // On linux-amd64-2c (Intel Xeon, 2 cores), hashing all 1,049,938 words (a new digest per word),
 * // the pool's map with 2 workers ran 1.86x as fast as a plain loop (95% interval 1.78–1.93x; 93%
 * // efficiency; 99% of the hand-written ideal's 1.88x; 11.4x as fast as Python's Pool(2).map on the
 * // same words, wall time against Python's median of 3 runs).
 * }</pre>
 *
 * <p>A piece the run lacks (no Python, no ideal at that worker count, the ideal flagged, no
 * interval) is left out of the sentence, never estimated. Python is compared on the word job
 * only: its other workloads are not the JMH jobs' (other item counts and costs), and its word
 * job hashes the same words of the same list in the same run, so the wall times compare.
 *
 * @param job the job, as {@link BenchmarkResult#job()}
 * @param figure the headline figure, or empty: stay serial, or no verdict
 * @param sentence the sentence
 * @param flagged the job's flagged pool figures that would otherwise have beaten the headline
 *     (or, staying serial, the plain loop), fastest first
 * @param flaggedSlower the job's other flagged pool figures, which would not have
 */
public record Headline(String job, Optional<SpeedUp> figure, String sentence, List<SpeedUp> flagged,
    int flaggedSlower) {

  /** The hand-written ideal: dynamic chunks over plain threads, what a pool can at best reach. */
  static final String IDEAL = "HAND_WRITTEN_IDEAL";

  /** Checks and copies. */
  public Headline {
    flagged = List.copyOf(flagged);
  }

  /**
   * One headline per job the pool ran on, word jobs first, then CPU-bound, then IO-bound jobs.
   *
   * @param run the run
   * @return the headlines; empty when the run has no finite speed-up of the pool
   */
  public static List<Headline> forRun(RunResults run) {
    List<Headline> out = new ArrayList<>();
    for (Recommendation r : Recommendation.forRun(run)) {
      out.add(of(run, r));
    }
    out.sort(Comparator.comparingInt(h -> order(h.job())));
    return out;
  }

  /** Word jobs, then CPU-bound, then IO-bound: the order the lab's questions come in. */
  private static int order(String job) {
    return isWordJob(job) ? 0 : Charts.isIoBound(job) ? 2 : 1;
  }

  private static Headline of(RunResults run, Recommendation rec) {
    String job = rec.job();
    List<SpeedUp> pool = run.speedUps().stream()
        .filter(s -> !s.python() && s.isFinite() && s.job().equals(job) && s.impl().startsWith("POOL_"))
        .toList();
    double bar = rec.best().map(SpeedUp::value).orElse(1.0);
    List<SpeedUp> flaggedFaster = pool.stream().filter(s -> s.quality().flagged() && s.value() > bar)
        .sorted(Comparator.comparingDouble(SpeedUp::value).reversed()).toList();
    int slower = (int) pool.stream().filter(s -> s.quality().flagged()).count() - flaggedFaster.size();
    StringBuilder sb = new StringBuilder(where(run.metadata())).append(", ").append(work(run, job));
    if (rec.best().isPresent()) {
      SpeedUp s = rec.best().get();
      sb.append(", ").append(config(s))
          .append(String.format(Locale.ROOT, " ran %.2fx as fast as a plain loop", s.value()));
      List<String> details = new ArrayList<>();
      if (Double.isFinite(s.low()) && Double.isFinite(s.high())) {
        details.add(String.format(Locale.ROOT, "%d%% interval %.2f–%.2fx", Math.round(100 * s.level()),
            s.low(), s.high()));
      }
      details.add(String.format(Locale.ROOT, "%.0f%% efficiency", 100 * s.efficiency()));
      ideal(run, s).ifPresent(i -> details.add(String.format(Locale.ROOT,
          "%.0f%% of the hand-written ideal's %.2fx", 100 * s.value() / i.value(), i.value())));
      python(run, s).ifPresent(details::add);
      sb.append(" (").append(String.join("; ", details)).append(").");
    } else if (rec.noVerdict()) {
      sb.append(": no verdict, every figure of the pool on this job is flagged, so none is trusted;"
          + " run it again on a quieter machine.");
    } else {
      sb.append(": stay serial, no unflagged configuration of the pool ran faster than a plain loop"
          + " beyond its interval");
      // not "no verdict": some figure of the pool on this job is unflagged
      pool.stream().filter(SpeedUp::trustworthy).max(Comparator.comparingDouble(SpeedUp::value))
          .ifPresent(s -> {
            sb.append(" (the best: ").append(config(s)).append(String.format(Locale.ROOT, ", %.2fx", s.value()));
            if (Double.isFinite(s.low()) && Double.isFinite(s.high())) {
              sb.append(String.format(Locale.ROOT, ", %d%% interval %.2f–%.2fx", Math.round(100 * s.level()),
                  s.low(), s.high()));
            }
            sb.append(')');
          });
      sb.append('.');
    }
    return new Headline(job, rec.best(), sb.toString(), flaggedFaster, slower);
  }

  /**
   * The flagged figures kept out of this headline, with why, in one line; empty when none was.
   *
   * @return e.g. {@code Kept out, flagged: the pool's map at chunksize 10000 with 2 workers, 1.82x
   *     (noisy). noisy: its 95% interval is wider than ±10% of the estimate.}
   */
  public Optional<String> flaggedLine() {
    if (flagged.isEmpty()) {
      return Optional.empty();
    }
    Set<QualityFlag> why = new LinkedHashSet<>();
    List<String> items = new ArrayList<>();
    for (SpeedUp s : flagged) {
      why.addAll(s.quality().flags());
      items.add(config(s) + String.format(Locale.ROOT, ", %.2fx", s.value())
          + (Double.isFinite(s.low()) && Double.isFinite(s.high())
              ? String.format(Locale.ROOT, " [%.2f, %.2f]", s.low(), s.high()) : "")
          + " (" + s.quality().describe() + ")");
    }
    StringBuilder sb = new StringBuilder(figure.isPresent()
        ? "Faster than the headline but flagged, so kept out: " : "Faster than the plain loop but flagged, so kept out: ");
    sb.append(String.join("; ", items)).append(". ");
    why.stream().sorted().forEach(f -> sb.append(capitalized(f.label())).append(": ").append(f.why()).append(". "));
    if (flaggedSlower > 0) {
      sb.append(flaggedSlower).append(flaggedSlower == 1 ? " other flagged figure was" : " other flagged figures were")
          .append(" slower (see Data quality).");
    }
    return Optional.of(sb.toString().strip());
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code On linux-amd64-2c (Intel Xeon, 2 cores)}, leaving out what is unknown. */
  static String where(RunMetadata m) {
    StringBuilder sb = new StringBuilder("On ")
        .append(RunMetadata.UNKNOWN.equals(m.machineClass()) ? "this machine" : m.machineClass());
    List<String> parts = new ArrayList<>();
    if (!RunMetadata.UNKNOWN.equals(m.cpuModel()) && !m.cpuModel().isBlank()) {
      parts.add(cpu(m.cpuModel()));
    }
    if (m.cores() > 0) {
      parts.add(m.cores() + (m.cores() == 1 ? " core" : " cores"));
    }
    if (!parts.isEmpty()) {
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    return sb.toString();
  }

  /** The CPU model without trademarks and filler: {@code Intel(R) Xeon(R) Processor} is an Intel Xeon. */
  static String cpu(String model) {
    String s = model.replaceAll("\\((R|r|TM|tm)\\)", "").replaceAll("\\s+(CPU|Processor)\\b", "")
        .replaceAll("\\s+", " ").strip();
    return s.isEmpty() ? model : s;
  }

  /** What the job does, from its params: {@code hashing all 1,049,938 words}. */
  static String work(RunResults run, String job) {
    if (isWordJob(job)) {
      String how = job.contains("hashing=WORKER_DIGEST") ? " (one digest per worker)"
          : job.contains("hashing=NEW_DIGEST") ? " (a new digest per word)" : "";
      return "hashing " + Words.hashed(run.metadata().dataset()) + how;
    }
    // CpuIoBenchmark's params (task, costMicros); older runs' CpuBench (costNs) and IoBench (ioMillis)
    String task = param(job, "task");
    String j = job.toLowerCase(Locale.ROOT);
    if (task.isEmpty()) {
      task = j.contains("sleep") ? "SLEEP" : j.contains("loopback") ? "LOOPBACK" : j.contains("cpu") ? "CPU" : "";
    }
    String micros = param(job, "costMicros");
    if (micros.isEmpty() && !param(job, "costNs").isEmpty()) {
      micros = scaled(param(job, "costNs"), 1e-3);
    } else if (micros.isEmpty() && !param(job, "ioMillis").isEmpty()) {
      micros = scaled(param(job, "ioMillis"), 1e3);
    }
    String cost = micros.isEmpty() ? "" : micros(micros);
    String each = cost.isEmpty() ? "" : " of " + cost + " each";
    return switch (task) {
      case "CPU" -> "running CPU-bound tasks" + each;
      case "SLEEP" -> "running IO-bound tasks that sleep" + (cost.isEmpty() ? "" : " " + cost + " each");
      case "LOOPBACK" -> "making loopback network calls" + each;
      default -> "running " + job;
    };
  }

  /** A whole number of microseconds from a param in another unit; empty when it is not one. */
  private static String scaled(String value, double toMicros) {
    try {
      double us = Double.parseDouble(value) * toMicros;
      return us == Math.rint(us) && us >= 1 ? Long.toString((long) us) : "";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static String micros(String cost) {
    try {
      long us = Long.parseLong(cost);
      return us >= 1000 && us % 1000 == 0 ? us / 1000 + " ms" : us + " µs";
    } catch (NumberFormatException e) {
      return cost + " µs";
    }
  }

  private static String param(String job, String name) {
    for (String part : job.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return "";
  }

  static boolean isWordJob(String job) {
    String j = job.toLowerCase(Locale.ROOT);
    return j.startsWith("wordjob") || j.contains("hash");
  }

  /**
   * The configuration in words: {@code the pool's map with 2 workers}, {@code the pool's
   * imapUnordered with 2 workers at chunksize 1 on virtual threads}, {@code the pool's map with 2
   * workers on 2 member processes}.
   */
  static String config(SpeedUp s) {
    String impl = s.impl().startsWith("POOL_") ? s.impl().substring(5) : s.impl();
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : impl.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return "the pool's " + name + " with " + workers(s.workers())
        + (s.chunksize().isEmpty() || s.chunksize().equals("default") ? "" : " at chunksize " + s.chunksize())
        + ("VIRTUAL".equals(s.backend()) ? " on virtual threads"
            : s.members() > 0 ? " on " + ChartLabels.backend(s.backend(), s.members()) : "");
  }

  private static String workers(int n) {
    return n + (n == 1 ? " worker" : " workers");
  }

  /** The hand-written ideal at the same workers and backend, when it is not flagged. */
  private static Optional<SpeedUp> ideal(RunResults run, SpeedUp s) {
    return run.speedUps().stream()
        .filter(i -> !i.python() && i.impl().equals(IDEAL) && i.job().equals(s.job())
            && i.workers() == s.workers() && i.backend().equals(s.backend()) && i.trustworthy())
        .findFirst();
  }

  /**
   * Python's pool on the same words at the same workers against this figure's configuration, both
   * wall times of the whole job: the same call at the same chunksize when Python ran it (its
   * {@code imap_unordered} for ours), else {@code Pool(w).map} at its default chunksize, the guide's
   * call. Empty when either side is missing.
   */
  private static Optional<String> python(RunResults run, SpeedUp s) {
    if (run.python().isEmpty() || !isWordJob(s.job())) {
      return Optional.empty();
    }
    PythonResults py = run.python().get();
    if (!py.dataset().equals(run.metadata().dataset().path())) {
      return Optional.empty(); // another list: the times do not compare
    }
    Optional<PythonResult> pool = pythonResult(py, "PY_" + s.impl(), s.workers(), s.chunksize())
        .or(() -> pythonResult(py, "PY_POOL_MAP", s.workers(), "default"));
    Optional<PythonRatio> ratio = pool.flatMap(p -> PythonRatio.of(run, s, p));
    if (ratio.isEmpty()) {
      return Optional.empty();
    }
    PythonResult p = pool.get();
    String call = "Pool(" + p.workers() + ")." + p.impl().substring("PY_POOL_".length()).toLowerCase(Locale.ROOT)
        + (p.chunksize().equals("default") ? "" : "(chunksize=" + p.chunksize() + ")");
    return Optional.of(String.format(Locale.ROOT, "%.1fx as fast as Python's %s on the same words, %s",
        ratio.get().value(), call, ratio.get().describe(p.samplesSeconds().size())));
  }

  private static Optional<PythonResult> pythonResult(PythonResults py, String impl, int workers, String chunksize) {
    return py.results().stream()
        .filter(r -> r.impl().equals(impl) && impl.startsWith("PY_POOL_") && r.workload().equals("words")
            && r.workers() == workers && r.chunksize().equals(chunksize) && r.medianSeconds() > 0)
        .findFirst();
  }
}
