package io.poollab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link PlanRequest} into a {@link BenchPlan}: which benchmark runs with which params,
 * for each profile.
 *
 * <p>Every entry is one configuration. The serial baseline runs once per workload (it carries
 * {@code workers=1, chunksize=default}); the pool's {@code map} runs over every worker count and
 * chunksize; the other pool methods and the peers run over a smaller set, since they answer
 * "which method" and "compared with what" rather than "how to tune".
 *
 * <pre>{@code
 * BenchPlan plan = PlanBuilder.build(new PlanRequest(Profile.STANDARD, 2, null, null, null));
 * }</pre>
 */
public final class PlanBuilder {

  /** The word job benchmark method. */
  public static final String WORD_JOB = "io.poollab.bench.WordJobBenchmark.hashAll";

  /** The CPU- vs IO-bound benchmark method. */
  public static final String CPU_IO = "io.poollab.bench.CpuIoBenchmark.runAll";

  /** The applyAsync round trip on an idle pool. */
  public static final String ROUND_TRIP = "io.poollab.bench.RoundTripLatencyBenchmark.applyAsyncRoundTrip";

  /** Per-task latency while the pool is saturated. */
  public static final String TASK_LATENCY = "io.poollab.bench.TaskLatencyBenchmark.latencyUnderLoad";

  /** Time to the first result, imapUnordered vs map. */
  public static final String FIRST_RESULT = "io.poollab.bench.FirstResultBenchmark.firstResult";

  /** Rough cost of one word's SHA-512 hex digest on one core, for estimates. */
  static final long NANOS_PER_WORD = 1_000;

  /** The slice of the word list the quick profile uses. */
  public static final int QUICK_WORDS = 100_000;

  private static final List<String> OTHER_POOL_METHODS =
      List.of("POOL_IMAP", "POOL_IMAP_UNORDERED", "POOL_MAP_ASYNC", "POOL_APPLY_ASYNC");
  private static final List<String> WORD_PEERS =
      List.of("HAND_WRITTEN_IDEAL", "FORKJOIN_STREAM", "EXECUTOR_INVOKE_ALL", "PARALLEL_COLLECTORS");
  private static final List<String> BACKENDS = List.of("PLATFORM", "VIRTUAL");

  private PlanBuilder() {}

  /**
   * Builds the plan for a request.
   *
   * @param request the profile, overrides and filter
   * @return the plan, entries in run order
   */
  public static BenchPlan build(PlanRequest request) {
    Profile profile = request.profile();
    List<Integer> workers =
        request.workers().isEmpty() ? defaultWorkers(profile, request.cores()) : request.workers();
    List<String> chunks =
        request.chunksizes().isEmpty() ? defaultChunksizes(profile) : request.chunksizes();
    List<Integer> ioWorkers = request.workers().isEmpty() ? defaultIoWorkers(profile) : workers;
    int maxWorkers = workers.stream().mapToInt(Integer::intValue).max().orElse(1);

    int wordLimit = profile == Profile.QUICK ? QUICK_WORDS : 0;
    Costs costs = new Costs(request.cores(), wordLimit > 0 ? wordLimit : PythonPlan.FULL_LIST_WORDS);
    List<PlanEntry> entries = new ArrayList<>();
    wordJob(entries, costs, profile, workers, chunks, request.chunksizes().isEmpty(), maxWorkers);
    cpuIo(entries, costs, profile, workers, ioWorkers, maxWorkers);
    latency(entries, costs, profile, maxWorkers);

    if (request.include() != null) {
      entries.removeIf(e -> !request.include().matcher(e.label()).find());
    }
    return new BenchPlan(profile, entries, wordLimit, pythonPlan(profile, workers, chunks, ioWorkers));
  }

  /** Worker counts: quick 1,2; standard 1,2,4; full 1,2,4,... up to twice the cores. */
  static List<Integer> defaultWorkers(Profile profile, int cores) {
    return switch (profile) {
      case QUICK -> List.of(1, 2);
      case STANDARD -> List.of(1, 2, 4);
      case FULL -> {
        Set<Integer> ws = new LinkedHashSet<>();
        for (int w = 1; w < 2 * cores; w *= 2) {
          ws.add(w);
        }
        ws.add(2 * cores);
        yield List.copyOf(ws);
      }
    };
  }

  /** Chunksizes for the pool's map: quick default,1000; standard 1,100,default,10000; full all. */
  static List<String> defaultChunksizes(Profile profile) {
    return switch (profile) {
      case QUICK -> List.of("default", "1000");
      case STANDARD -> List.of("1", "100", "default", "10000");
      case FULL -> List.of("1", "10", "100", "1000", "10000", "default");
    };
  }

  /** Pool sizes for IO-bound tasks, where waiting, not cores, sets the useful count. */
  static List<Integer> defaultIoWorkers(Profile profile) {
    return switch (profile) {
      case QUICK -> List.of(20);
      case STANDARD -> List.of(4, 20, 100);
      case FULL -> List.of(1, 2, 4, 10, 20, 50, 100);
    };
  }

  /**
   * Iteration settings. The word job ({@code longOps}) gets long warm-ups even in the quick
   * profile: on a 2-core VM its per-op time swung 2-5x (49 to 275 ms for 100k words, serial,
   * no GC) until about 3 s in, while C2 compiled the hashing path on the core the benchmark
   * shares with the compiler threads; with 2 x 300 ms the regression check could not tell a
   * pool made twice as slow from that noise. Ten measured iterations give the rank test enough
   * samples to carry a verdict after the family-wise correction. The standard profile's word
   * job (the whole list, about 0.5 s an operation) warms up as long and measures six seconds.
   */
  static IterationSettings settings(Profile profile, boolean longOps) {
    return switch (profile) {
      case QUICK ->
          longOps
              ? new IterationSettings(1, 3, ms(1000), 10, ms(250))
              : new IterationSettings(1, 2, ms(300), 5, ms(200));
      case STANDARD ->
          longOps
              ? new IterationSettings(1, 3, ms(1000), 6, ms(1000))
              : new IterationSettings(1, 2, ms(500), 5, ms(500));
      case FULL -> new IterationSettings(2, 3, ms(1000), 5, ms(1000));
    };
  }

  private static void wordJob(
      List<PlanEntry> out,
      Costs costs,
      Profile profile,
      List<Integer> workers,
      List<String> chunks,
      boolean profileChunks,
      int maxWorkers) {
    IterationSettings s = settings(profile, true);
    for (String hashing : List.of("NEW_DIGEST", "WORKER_DIGEST")) {
      out.add(word(costs, "SERIAL", 1, "default", hashing, s));
    }
    for (int w : workers) {
      for (String c : chunks) {
        out.add(word(costs, "POOL_MAP", w, c, "NEW_DIGEST", s));
      }
    }
    // the per-worker digest (the pool's initializer) against the new-digest-per-call form
    List<String> workerDigestChunks = profile == Profile.FULL ? chunks : List.of("default");
    for (int w : workers) {
      for (String c : workerDigestChunks) {
        out.add(word(costs, "POOL_MAP", w, c, "WORKER_DIGEST", s));
      }
    }
    // the other submission methods: fewer configurations
    List<String> methodChunks =
        profile == Profile.FULL || !profileChunks
            ? chunks
            : profile == Profile.QUICK ? List.of("1000") : List.of("default", "1000");
    List<Integer> multi = workers.stream().filter(w -> w > 1).toList();
    List<Integer> methodWorkers =
        profile == Profile.FULL
            ? workers
            : profile == Profile.QUICK || multi.isEmpty() ? List.of(maxWorkers) : multi;
    for (String impl : OTHER_POOL_METHODS) {
      List<String> cs = methodChunks;
      if (impl.equals("POOL_IMAP_UNORDERED") && profileChunks && profile != Profile.FULL) {
        // "chunksize 1 must not be a trap" (DESIGN.md): always measured, and named 1, not default
        cs = new ArrayList<>(methodChunks);
        cs.remove("default");
        cs.add(0, "1");
      }
      for (int w : methodWorkers) {
        for (String c : cs) {
          out.add(word(costs, impl, w, c, "NEW_DIGEST", s));
        }
      }
    }
    // the peers, at their own default work split
    for (String impl : WORD_PEERS) {
      for (int w : workers) {
        out.add(word(costs, impl, w, "default", "NEW_DIGEST", s));
      }
    }
  }

  private static void cpuIo(
      List<PlanEntry> out,
      Costs costs,
      Profile profile,
      List<Integer> workers,
      List<Integer> ioWorkers,
      int maxWorkers) {
    IterationSettings s = settings(profile, false);
    List<Long> cpuCosts =
        switch (profile) {
          case QUICK -> List.of(100L);
          case STANDARD -> List.of(10L, 100L);
          case FULL -> List.of(10L, 100L, 1000L);
        };
    List<Long> ioCosts = profile == Profile.QUICK ? List.of(1000L) : List.of(1000L, 5000L);
    for (long cost : cpuCosts) {
      for (String b : BACKENDS) {
        out.add(cpuIo(costs, "SERIAL", 1, "CPU", cost, b, s));
      }
      for (String b : BACKENDS) {
        for (int w : workers) {
          out.add(cpuIo(costs, "POOL_MAP", w, "CPU", cost, b, s));
        }
      }
      for (int w : profile == Profile.FULL ? workers : List.of(maxWorkers)) {
        out.add(cpuIo(costs, "FORKJOIN_STREAM", w, "CPU", cost, "PLATFORM", s));
        out.add(cpuIo(costs, "EXECUTOR_INVOKE_ALL", w, "CPU", cost, "PLATFORM", s));
      }
    }
    int maxIo = ioWorkers.stream().mapToInt(Integer::intValue).max().orElse(1);
    for (String task : List.of("SLEEP", "LOOPBACK")) {
      for (long cost : ioCosts) {
        for (String b : BACKENDS) {
          out.add(cpuIo(costs, "SERIAL", 1, task, cost, b, s));
        }
        for (String b : BACKENDS) {
          for (int w : ioWorkers) {
            out.add(cpuIo(costs, "POOL_MAP", w, task, cost, b, s));
          }
        }
        out.add(cpuIo(costs, "EXECUTOR_INVOKE_ALL", maxIo, task, cost, "PLATFORM", s));
        // one virtual thread per task: its concurrency is the item count, workers is nominal
        out.add(cpuIo(costs, "VIRTUAL_PER_TASK", maxIo, task, cost, "VIRTUAL", s));
      }
    }
  }

  private static void latency(List<PlanEntry> out, Costs costs, Profile profile, int maxWorkers) {
    IterationSettings s = settings(profile, false);
    List<Integer> roundTripWorkers = maxWorkers > 1 ? List.of(1, maxWorkers) : List.of(1);
    for (int w : roundTripWorkers) {
      out.add(entry(ROUND_TRIP, params("POOL_APPLY_ASYNC", w, "default"), s));
    }
    out.add(entry(TASK_LATENCY, params("POOL_APPLY_ASYNC", maxWorkers, "default"), s));
    long firstResultWords = Math.min(FirstResultBenchmark.WORDS, costs.words());
    out.add(new PlanEntry(FIRST_RESULT, params("POOL_MAP", maxWorkers, "default"), s,
        Duration.ofNanos(firstResultWords * NANOS_PER_WORD / costs.parallel("POOL_MAP", maxWorkers))));
    out.add(entry(FIRST_RESULT, params("POOL_IMAP_UNORDERED", maxWorkers, "default"), s));
  }

  private static PythonPlan pythonPlan(
      Profile profile, List<Integer> workers, List<String> chunks, List<Integer> ioWorkers) {
    // chunksize 1 over a million words takes CPython minutes: only the full profile runs it
    List<String> pyChunks =
        profile == Profile.FULL
            ? chunks
            : chunks.stream().filter(c -> !c.equals("1") && !c.equals("10")).toList();
    if (pyChunks.isEmpty()) {
      pyChunks = List.of("default");
    }
    int repeats = profile == Profile.QUICK ? 1 : profile == Profile.STANDARD ? 3 : 5;
    return new PythonPlan(workers, pyChunks, 1000, ioWorkers, 100, 5, repeats);
  }

  private static PlanEntry word(
      Costs costs, String impl, int w, String c, String hashing, IterationSettings s) {
    Map<String, String> p = params(impl, w, c);
    p.put("hashing", hashing);
    long nanos = costs.words() * NANOS_PER_WORD / costs.parallel(impl, w);
    return new PlanEntry(WORD_JOB, p, s, Duration.ofNanos(nanos));
  }

  private static PlanEntry cpuIo(
      Costs costs, String impl, int w, String task, long cost, String backend, IterationSettings s) {
    Map<String, String> p = params(impl, w, "default");
    p.put("task", task);
    p.put("costMicros", Long.toString(cost));
    p.put("backend", backend);
    TaskKind kind = TaskKind.valueOf(task);
    long items = kind.items(cost);
    long parallel =
        kind == TaskKind.CPU
            ? costs.parallel(impl, w)
            : impl.equals("SERIAL") ? 1 : impl.equals("VIRTUAL_PER_TASK") ? items : Math.min(w, items);
    long micros = items * cost / parallel;
    return new PlanEntry(CPU_IO, p, s, Duration.ofNanos(micros * 1000));
  }

  /** What sets an operation's expected length: the cores and the words a job hashes. */
  private record Costs(int cores, int words) {
    /** How many items run at once: 1 for the serial loop, else workers up to the cores. */
    long parallel(String impl, int workers) {
      return impl.equals("SERIAL") ? 1 : Math.max(1, Math.min(workers, cores));
    }
  }

  private static Map<String, String> params(String impl, int w, String c) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("impl", impl);
    p.put("workers", Integer.toString(w));
    p.put("chunksize", c);
    return p;
  }

  private static PlanEntry entry(String benchmark, Map<String, String> p, IterationSettings s) {
    return new PlanEntry(benchmark, p, s);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
