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
 * for each profile, and in how many interleaved rounds.
 *
 * <p>Every entry is one configuration; a run makes one fork of each per round. Each workload has
 * one serial baseline ({@code impl=SERIAL}, {@code workers=1, chunksize=default}, on platform
 * threads: the plain loop does not use the backend), which every parallel configuration of the
 * workload is paired with. The pool's {@code map} runs over worker counts and chunksizes; the
 * other pool methods and the peers over a smaller set, since they answer "which method" and
 * "compared with what" rather than "how to tune".
 *
 * <h2>Profiles on a 2-core machine</h2>
 * <ul>
 *   <li>quick (CI, about 5 minutes): 5 rounds of the word job over the first 100,000 words (the
 *       pool's map at 1 and 2 workers, imap_unordered at 1 worker, imap, imap_unordered at
 *       chunksizes 1 and 1000 and apply_async at 2, the hand-written ideal), the CPU task and
 *       sleeps at one cost, and the applyAsync round trip and time to the first result;</li>
 *   <li>standard (the default, about 19 minutes): 3 rounds over the whole list with chunksizes,
 *       the peers, two costs of each task, the lazy calls over paced inputs, and the word job's
 *       map and the apply_async round trip on member processes ({@code CLUSTER}); the word job at
 *       worker counts up to the cores ({@link #wordWorkers});</li>
 *   <li>full: 5 rounds of every combination, for a big machine.</li>
 * </ul>
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

  /** imap and imapUnordered over a paced input: time to the first result and throughput. */
  public static final String STREAMING = "io.poollab.bench.StreamingBenchmark.stream";

  /**
   * The paced inputs of the streaming benchmark (standard and full): a fast input, 100 items
   * every 100 us (the pool's hand-over shows against it), and a slow one, 20 items every 10 ms (a
   * pool that waits for more input before it runs what it has shows against it). About 0.01 and
   * 0.2 s of input per operation. The fast input was 1,000 items long until run std-5: one stream
   * per iteration then gave 18 first results per configuration, the p50 of calls that were each
   * one of a fork's first ten (312 us for imap, where 300 warm calls in one JVM took 146 us and
   * 300 after 20,000 short ones 119 us, on the AMD EPYC 2-vCPU VM). Those were still the
   * interpreter's figures: each fork now runs {@link StreamingBenchmark#WARM_UP_CALLS} short
   * streams before its first iteration (see {@link #STREAM_WARM_UP}).
   */
  public static final List<StreamPace> STREAM_PACES =
      List.of(new StreamPace(100, 100), new StreamPace(10_000, 20));

  /**
   * A streaming fork's warm-up streams, for estimates: {@link StreamingBenchmark#WARM_UP_CALLS}
   * calls over 2 items took 0.42 s in a fresh JVM on a 2-vCPU Intel Xeon VM (0.18 s once compiled).
   */
  static final Duration STREAM_WARM_UP = Duration.ofMillis(500);

  /** The shortest iteration of a streaming fork (see {@link #streamingSettings}). */
  static final Duration STREAM_ITERATION = Duration.ofMillis(100);

  /**
   * Rough cost of one word's SHA-512 hex digest on one core in an operation over a slice of the
   * list, for estimates (the quick profile's serial operation over 100,000 words took 23-30 ms on
   * a quiet 2-vCPU VM).
   */
  static final long NANOS_PER_WORD = 300;

  /**
   * The same over the whole list, as JMH measures it: an operation keeps a million hex digests
   * alive (about 250 MB), which young collections copy, so a word costs more than in a slice
   * (the serial operation's median was 540-980 ms in two standard runs on an AMD EPYC 2-vCPU VM,
   * and 1,014 ms over 27 forks of a standard run on an Intel Xeon one, where 700 ns a word had
   * put that run's estimate at 18m50s and it took 21m17s).
   */
  static final long NANOS_PER_WORD_WHOLE_LIST = 950;

  /**
   * What share of its workers' cores a parallel word-job operation turns into speed, for
   * estimates: at 2 workers on 2 vCPUs (hyper-threads of one core, with the collector sharing
   * them) the operations' medians were 554-960 ms, most near 630, where the serial one took
   * 1,014 (same run).
   */
  static final double WORD_PARALLEL_EFFICIENCY = 0.8;

  /** Lists at least this long are costed at {@link #NANOS_PER_WORD_WHOLE_LIST}. */
  private static final int WHOLE_LIST_WORDS = 500_000;

  /** The slice of the word list the quick profile uses. */
  public static final int QUICK_WORDS = 100_000;

  /**
   * What a word costs beyond its hash on a {@code CLUSTER} pool, for estimates: the word goes to a
   * member process and its 128-character digest comes back, both serialized (a map over the whole
   * list through two warm local members with pre-touched heaps took 0.6-1.4 s, about 0.9, on the
   * AMD EPYC 2-vCPU VM, where the plain loop took 0.35 s).
   */
  static final long CLUSTER_NANOS_PER_WORD = 700;

  /**
   * What one chunk costs on its trip through the {@code CLUSTER} engine, for estimates, as the
   * engine hands chunks over one after another: 100 sleeps of 5 ms on 100 workers over two
   * member processes took 150 ms a job on a 2-vCPU VM (threads: 7.5 ms).
   */
  static final Duration CLUSTER_CHUNK = Duration.ofMillis(1).plusNanos(500_000);

  /** Starting one local member process, alone, for estimates (1.5-4.4 s on a 2-vCPU VM). */
  static final Duration ONE_MEMBER_START = Duration.ofMillis(2_500);

  /**
   * Starting several member processes together, for estimates: they wait for each other to join
   * and share the cores while they load (2 members took 7.7-8.8 s, 4 took 10.5-12.8 s on a quiet
   * 2-vCPU VM): this much, plus {@link #MEMBER_LOAD} per member.
   */
  static final Duration MEMBERS_JOIN = Duration.ofMillis(4_500);

  /** See {@link #MEMBERS_JOIN}. */
  static final Duration MEMBER_LOAD = Duration.ofSeconds(2);

  /** Stopping the member processes in the fork's tear-down, for estimates. */
  static final Duration MEMBERS_STOP = Duration.ofSeconds(1);

  private static final List<String> OTHER_POOL_METHODS =
      List.of("POOL_IMAP", "POOL_IMAP_UNORDERED", "POOL_MAP_ASYNC", "POOL_APPLY_ASYNC");
  private static final List<String> WORD_PEERS =
      List.of("HAND_WRITTEN_IDEAL", "FORKJOIN_STREAM", "EXECUTOR_INVOKE_ALL", "PARALLEL_COLLECTORS");

  private PlanBuilder() {}

  /**
   * Builds the plan for a request. With a filter, the serial baseline of every workload that
   * keeps a parallel configuration is kept too, since no speed-up can be computed without it.
   *
   * @param request the profile, overrides and filter
   * @return the plan
   */
  public static BenchPlan build(PlanRequest request) {
    Profile profile = request.profile();
    boolean ownWorkers = request.workers().isEmpty();
    boolean ownChunks = request.chunksizes().isEmpty();
    List<Integer> workers = ownWorkers ? defaultWorkers(profile, request.cores()) : request.workers();
    List<String> chunks = ownChunks ? defaultChunksizes(profile) : request.chunksizes();
    List<Integer> ioWorkers = ownWorkers ? defaultIoWorkers(profile) : workers;
    int maxWorkers = workers.stream().mapToInt(Integer::intValue).max().orElse(1);

    int wordLimit = profile == Profile.QUICK ? QUICK_WORDS : 0;
    Costs costs = new Costs(request.cores(), wordLimit > 0 ? wordLimit : PythonPlan.FULL_LIST_WORDS);
    List<PlanEntry> entries = new ArrayList<>();
    List<Integer> wordWorkers = wordWorkers(profile, workers, ownWorkers, request.cores());
    wordJob(entries, costs, profile, wordWorkers, chunks, ownWorkers && ownChunks,
        wordWorkers.stream().mapToInt(Integer::intValue).max().orElse(1));
    cpuIo(entries, costs, profile, workers, ioWorkers, ownWorkers, maxWorkers);
    cluster(entries, costs, profile, workers, ioWorkers, maxWorkers);
    latency(entries, costs, profile, maxWorkers);
    streaming(entries, profile, maxWorkers);

    PythonPlan python =
        pythonPlan(profile, wordWorkers, chunks, ioWorkers, Math.min(maxWorkers, 2), ownWorkers && ownChunks);
    if (request.include() != null) {
      entries = filter(entries, request);
      python = pairedWith(python, entries);
    }
    return new BenchPlan(profile, entries, rounds(profile), wordLimit, python);
  }

  /**
   * What Python's runs are compared with, for the plan listing: each of its parts and the entries it
   * pairs with, as the report pairs them.
   */
  public static final String PYTHON_PAIRING = "Python's word job with WordJobBenchmark hashing=NEW_DIGEST,"
      + " its ThreadPool with CpuIoBenchmark task=SLEEP at its sleeps' cost, its paced inputs with"
      + " StreamingBenchmark, each at the worker counts and inputs kept";

  /**
   * The part of Python's plan that pairs with the entries {@code --include} kept, as the report
   * pairs them: its word job (serial loop, {@code Pool(n).map}, the set chunksizes and {@code
   * imap_unordered}) with the word job hashing a new digest per word, as Python's {@code hash_word}
   * does, at the worker counts kept; the set chunksizes and {@code imap_unordered} at a count only
   * where the pool's {@code map} at one of those chunksizes or its {@code imap_unordered} was kept
   * (else that count runs {@code map} at the default chunksize, the guide's call, alone);
   * its {@code ThreadPool} over the sleep task with the sleep job of the same cost per task; its
   * paced inputs with the streaming benchmark over the same inputs. Python's figures of anything
   * else pair with nothing that runs: {@code --include RoundTrip} ran Python's whole reference, a
   * minute of the standard profile, for no figure of the report.
   *
   * @param python Python's plan for the profile
   * @param kept the entries the filter kept
   * @return the paired part; null when nothing of it pairs
   */
  static PythonPlan pairedWith(PythonPlan python, List<PlanEntry> kept) {
    List<PlanEntry> parallel = kept.stream().filter(e -> !"SERIAL".equals(e.params().get("impl"))).toList();
    List<PlanEntry> words = parallel.stream()
        .filter(e -> e.benchmark().equals(WORD_JOB) && "NEW_DIGEST".equals(e.params().get("hashing")))
        .toList();
    Set<Integer> wordCounts = workersOf(words);
    List<Integer> workers = python.workers().stream().filter(wordCounts::contains).toList();
    // a count runs the set chunksizes and imap_unordered only beside what they are compared with
    Set<Integer> chunkedCounts = workersOf(words.stream()
        .filter(e -> e.params().get("impl").equals("POOL_IMAP_UNORDERED")
            || e.params().get("impl").equals("POOL_MAP") && !e.params().get("chunksize").equals(Chunksize.DEFAULT)
                && python.chunksizes().contains(e.params().get("chunksize")))
        .toList());
    List<Integer> chunksizeWorkers = python.chunksizeWorkers().stream()
        .filter(w -> workers.contains(w) && chunkedCounts.contains(w)).toList();
    String sleepCost = Long.toString(python.sleepMillis() * 1000L);
    Set<Integer> sleepCounts = workersOf(parallel.stream()
        .filter(e -> e.benchmark().equals(CPU_IO) && "SLEEP".equals(e.params().get("task"))
            && sleepCost.equals(e.params().get("costMicros")))
        .toList());
    List<Integer> ioWorkers = python.ioWorkers().stream().filter(sleepCounts::contains).toList();
    List<StreamPace> streams = python.streams().stream()
        .filter(pace -> parallel.stream().anyMatch(e -> e.benchmark().equals(STREAMING)
            && Long.toString(pace.intervalMicros()).equals(e.params().get("intervalMicros"))
            && Integer.toString(pace.items()).equals(e.params().get("items"))))
        .toList();
    if (workers.isEmpty() && ioWorkers.isEmpty() && streams.isEmpty()) {
      return null;
    }
    return new PythonPlan(workers, python.chunksizes(), chunksizeWorkers, python.imapChunksize(), ioWorkers,
        python.sleepItems(), python.sleepMillis(), python.repeats(), streams, python.streamWorkers());
  }

  private static Set<Integer> workersOf(List<PlanEntry> entries) {
    Set<Integer> counts = new LinkedHashSet<>();
    entries.forEach(e -> counts.add(Integer.parseInt(e.params().get("workers"))));
    return counts;
  }

  /**
   * Rounds per profile: quick 5, standard 3, full 5. More rounds buy more than longer forks
   * (the fork is what varies most: Kalibera and Jones; on a shared 2-vCPU VM the word job's fork
   * medians wandered by 20-40% from one fork to the next while its iterations within a fork
   * agreed within a few percent), and a median over five rounds shrugs off two bad ones; quick
   * trims its configurations and iterations to afford them.
   */
  static int rounds(Profile profile) {
    return switch (profile) {
      case QUICK -> 5;
      case STANDARD -> 3;
      case FULL -> 5;
    };
  }

  /** Keeps matching entries, and the serial baseline of each workload a kept entry belongs to. */
  private static List<PlanEntry> filter(List<PlanEntry> entries, PlanRequest request) {
    Set<String> jobs = new LinkedHashSet<>();
    for (PlanEntry e : entries) {
      if (request.include().matcher(e.label()).find()) {
        jobs.add(RoundScheduler.jobOf(new ForkGroup.SideEntry("run", e)));
      }
    }
    List<PlanEntry> kept = new ArrayList<>();
    for (PlanEntry e : entries) {
      boolean serial = "SERIAL".equals(e.params().get("impl"));
      boolean matches = request.include().matcher(e.label()).find();
      if (matches || serial && jobs.contains(RoundScheduler.jobOf(new ForkGroup.SideEntry("run", e)))) {
        kept.add(e);
      }
    }
    return kept;
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

  /**
   * The word job's worker counts: the profile's, except that standard, with its own counts, stops
   * at the cores (at least 2). Each word-job fork hashes the million words about ten times (five
   * operations and their serial partners), 9-10 s on a 2-vCPU VM; four workers on two cores add
   * two such configurations (the pool's map and the hand-written ideal) that only say what
   * oversubscribing costs, and standard, calibrated on an Intel Xeon 2-vCPU VM, has no room left
   * for them under its 20 minutes. Full measures them; so does {@code --workers 1,2,4}.
   */
  static List<Integer> wordWorkers(Profile profile, List<Integer> workers, boolean profileWorkers, int cores) {
    if (profile != Profile.STANDARD || !profileWorkers) {
      return workers;
    }
    List<Integer> within = workers.stream().filter(w -> w <= Math.max(2, cores)).toList();
    return within.isEmpty() ? workers : within;
  }

  /**
   * Chunksizes for the pool's map: quick default,1000; standard 100,default,10000; full all.
   * Standard leaves chunksize 1 to {@code imap_unordered}, which always measures it ("chunksize 1
   * must not be a trap"): the map's fork at chunksize 1 went through the same per-item hand-over
   * for 9-10 s a fork, which standard, calibrated on an Intel Xeon 2-vCPU VM (a fresh run took
   * 19m47s for an estimate of 18m43s in an hour when 11 of its 78 groups were disturbed), spends
   * on its margin instead.
   */
  static List<String> defaultChunksizes(Profile profile) {
    return switch (profile) {
      case QUICK -> List.of("default", "1000");
      case STANDARD -> List.of("100", "default", "10000");
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
   * Iteration settings of one fork. Each fork's JVM touches its whole heap at start
   * ({@code -XX:+AlwaysPreTouch}, see {@code BenchCommand}): without it the word job ran 9x slower
   * for its first 4-5 s on a 2-vCPU VM (100k words: 360 ms/op instead of 40) while G1 grew the
   * young generation into pages the kernel had not yet handed over, and a 3-second warm-up ended
   * inside that phase. With the heap touched, the word job is steady after about 0.5 s (JIT: the
   * first 250 ms iteration took 90-280 ms per op, the second 44-62, the rest about 41), so quick
   * warms up 5 x 100 ms and measures 8 x 100 ms: on a shared VM the word job has slow phases of
   * one to several seconds (its allocation stalls while the CPU task beside it does not), and the
   * median of eight short iterations survives a phase that covers three of them, where the median
   * of five long ones survives two. Standard (1M words, 0.6-0.7 s per serial operation here) warms
   * up 1 x 0.5 s and measures 4 x 0.5 s: JMH ends an iteration after its first operation that
   * passes the time, so every iteration is one serial operation (or, in a parallel fork, one
   * parallel operation and its serial partner, see {@link SerialPartner}); with 1 s iterations
   * each took two and the standard profile ran 22m24s here instead of at most 20 minutes. One
   * warm-up operation hashes a million words (two with its partner); a second one put the plan
   * over 20 minutes once the forks were paired. The price: in run std-4 the SERIAL forks' first
   * measured iteration was slower than the rest in 10 of 30 forks (3 of 30 with two warm-ups in
   * std-3); the report flags such figures "not warmed up", and paired figures judge their warm-up
   * by their own serial times, not by the SERIAL forks. Short jobs
   * (CPU, IO, latency) need less.
   */
  static IterationSettings settings(Profile profile, boolean wordJob) {
    return switch (profile) {
      case QUICK ->
          wordJob
              ? new IterationSettings(5, ms(100), 8, ms(100))
              : new IterationSettings(2, ms(150), 4, ms(150));
      case STANDARD ->
          wordJob
              ? new IterationSettings(1, ms(500), 4, ms(500))
              : new IterationSettings(2, ms(300), 4, ms(300));
      case FULL -> new IterationSettings(3, ms(1000), 5, ms(1000));
    };
  }

  private static void wordJob(
      List<PlanEntry> out,
      Costs costs,
      Profile profile,
      List<Integer> workers,
      List<String> chunks,
      boolean profileDefaults,
      int maxWorkers) {
    IterationSettings s = settings(profile, true);
    boolean full = profile == Profile.FULL;
    out.add(word(costs, "SERIAL", 1, "default", "NEW_DIGEST", s));
    // the pool's map: every worker count at the default chunksize, and the chunksizes at 2 workers
    // (the full profile, and a user who names workers or chunksizes, get the cross product)
    int tuned = workers.contains(2) ? 2 : maxWorkers;
    for (int w : workers) {
      for (String c : chunks) {
        boolean keep = full || !profileDefaults || c.equals("default") || w == tuned;
        if (keep) {
          out.add(word(costs, "POOL_MAP", w, c, "NEW_DIGEST", s));
        }
      }
    }
    if (profile == Profile.QUICK && profileDefaults) {
      out.removeIf(e -> e.params().get("impl").equals("POOL_MAP") && !e.params().get("chunksize").equals("default"));
    }
    // the other submission methods, at the tuned worker count
    List<Integer> methodWorkers = full ? workers : List.of(tuned);
    if (profile == Profile.QUICK && profileDefaults && workers.contains(1)) {
      // a second one-worker figure for the check: at one worker a pool's cost per item shows
      // undiluted, and it carries over between hosts, where figures of parallel work do not
      out.add(word(costs, "POOL_IMAP_UNORDERED", 1, "1000", "NEW_DIGEST", s));
    }
    for (String impl : OTHER_POOL_METHODS) {
      List<String> cs;
      if (full || !profileDefaults) {
        cs = chunks;
      } else if (impl.equals("POOL_IMAP_UNORDERED")) {
        // "chunksize 1 must not be a trap" (DESIGN.md): always measured, and named 1, not default
        cs = List.of("1", "1000");
      } else if (impl.equals("POOL_IMAP")) {
        cs = profile == Profile.QUICK ? List.of("1000") : List.of("default", "1000");
      } else if (impl.equals("POOL_MAP_ASYNC")) {
        // map_async dispatches as map does, which is measured already (full measures it)
        cs = List.of();
      } else if (profile == Profile.QUICK) {
        cs = List.of("1000");
      } else {
        cs = List.of("default");
      }
      for (int w : methodWorkers) {
        for (String c : cs) {
          out.add(word(costs, impl, w, c, "NEW_DIGEST", s));
        }
      }
    }
    // the hand-written ideal at every worker count (the reference of "% of ideal"); the other
    // peers at the tuned count, except in full
    for (String impl : WORD_PEERS) {
      boolean ideal = impl.equals("HAND_WRITTEN_IDEAL");
      if (profile == Profile.QUICK && profileDefaults && !ideal) {
        continue;
      }
      List<Integer> ws = full || ideal ? workers : List.of(tuned);
      if (profile == Profile.QUICK && profileDefaults) {
        ws = List.of(tuned);
      }
      for (int w : ws) {
        out.add(word(costs, impl, w, "default", "NEW_DIGEST", s));
      }
    }
    // the per-worker digest (the pool's initializer) against the new-digest-per-call form
    if (profile != Profile.QUICK || !profileDefaults) {
      out.add(word(costs, "SERIAL", 1, "default", "WORKER_DIGEST", s));
      for (int w : full ? workers : List.of(tuned)) {
        for (String c : full ? chunks : List.of("default")) {
          out.add(word(costs, "POOL_MAP", w, c, "WORKER_DIGEST", s));
        }
      }
    }
  }

  private static void cpuIo(
      List<PlanEntry> out,
      Costs costs,
      Profile profile,
      List<Integer> workers,
      List<Integer> ioWorkers,
      boolean profileWorkers,
      int maxWorkers) {
    IterationSettings s = settings(profile, false);
    boolean full = profile == Profile.FULL;
    int tuned = workers.contains(2) ? 2 : maxWorkers;
    // quick's CPU task has 1 us items: on it the pool's own cost per item shows (a pool that spends
    // 42 ns more per item loses 4% there), and pure computation is the steadiest thing a shared VM
    // measures (one-worker figures within 1% from run to run, where the word job's, allocating,
    // wander by 5%)
    List<Long> cpuCosts =
        switch (profile) {
          case QUICK -> List.of(1L);
          case STANDARD -> List.of(10L, 100L);
          case FULL -> List.of(1L, 10L, 100L, 1000L);
        };
    for (long cost : cpuCosts) {
      boolean main = cost == 100L || profile == Profile.QUICK;
      out.add(cpuIo(costs, "SERIAL", 1, "CPU", cost, "PLATFORM", s));
      for (int w : full || main ? workers : List.of(tuned)) {
        out.add(cpuIo(costs, "POOL_MAP", w, "CPU", cost, "PLATFORM", s));
      }
      List<Integer> virtualWorkers = full ? workers
          : profile == Profile.QUICK && profileWorkers || !main ? List.<Integer>of() : List.of(tuned);
      for (int w : virtualWorkers) {
        out.add(cpuIo(costs, "POOL_MAP", w, "CPU", cost, "VIRTUAL", s));
      }
      if (profile != Profile.QUICK && (full || main)) {
        for (int w : full ? workers : List.of(tuned)) {
          out.add(cpuIo(costs, "FORKJOIN_STREAM", w, "CPU", cost, "PLATFORM", s));
          out.add(cpuIo(costs, "EXECUTOR_INVOKE_ALL", w, "CPU", cost, "PLATFORM", s));
        }
      }
    }
    int maxIo = ioWorkers.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<Long> sleepCosts = switch (profile) {
      case QUICK -> List.of(1000L);
      case STANDARD -> List.of(5000L);
      case FULL -> List.of(1000L, 5000L);
    };
    for (long cost : sleepCosts) {
      boolean main = profile == Profile.QUICK || cost == 5000L;
      out.add(cpuIo(costs, "SERIAL", 1, "SLEEP", cost, "PLATFORM", s));
      out.add(cpuIo(costs, "POOL_MAP", maxIo, "SLEEP", cost, "PLATFORM", s));
      for (int w : main && profile != Profile.QUICK ? ioWorkers : List.of(maxIo)) {
        out.add(cpuIo(costs, "POOL_MAP", w, "SLEEP", cost, "VIRTUAL", s));
      }
      if (main && profile != Profile.QUICK) {
        out.add(cpuIo(costs, "EXECUTOR_INVOKE_ALL", maxIo, "SLEEP", cost, "PLATFORM", s));
        // one virtual thread per task: its concurrency is the item count, workers is nominal
        out.add(cpuIo(costs, "VIRTUAL_PER_TASK", maxIo, "SLEEP", cost, "VIRTUAL", s));
      }
    }
    List<Long> loopbackCosts =
        full ? List.of(1000L, 5000L) : profile == Profile.QUICK && profileWorkers ? List.<Long>of() : List.of(1000L);
    int loopbackWorkers = profile == Profile.STANDARD && profileWorkers ? 20 : maxIo;
    for (long cost : loopbackCosts) {
      out.add(cpuIo(costs, "SERIAL", 1, "LOOPBACK", cost, "PLATFORM", s));
      out.add(cpuIo(costs, "POOL_MAP", loopbackWorkers, "LOOPBACK", cost, "PLATFORM", s));
      out.add(cpuIo(costs, "POOL_MAP", loopbackWorkers, "LOOPBACK", cost, "VIRTUAL", s));
      if (profile != Profile.QUICK) {
        out.add(cpuIo(costs, "EXECUTOR_INVOKE_ALL", loopbackWorkers, "LOOPBACK", cost, "PLATFORM", s));
        out.add(cpuIo(costs, "VIRTUAL_PER_TASK", loopbackWorkers, "LOOPBACK", cost, "VIRTUAL", s));
      }
    }
  }

  /**
   * The pool on {@code Backend.CLUSTER}: the same jobs on member processes of this machine, beside
   * threads and Python's processes ("threads, worker processes or Python processes, and at what
   * cost per task?"), each paired with its job's serial fork like every figure; none in quick,
   * where CI's check runs. A fork starts its members in its set-up (seconds, not measured) and
   * stops them in its tear-down, so each such fork costs 5-30 s on a 2-vCPU VM, and standard,
   * which must stay under 20 minutes there, affords two (a standard run with 100 sleeps of 5 ms
   * on 2 member processes as well took 21m39s and 22m20s on a 2-vCPU VM under neighbours' load):
   *
   * <ul>
   *   <li>the word job's {@code map} on 2 member processes, one worker each (Python's {@code
   *       Pool(2)}: 2 processes), at its default chunksize;</li>
   *   <li>the {@code apply_async} round trip through one member process: what one task's trip
   *       through the engine costs, beside the same round trip on threads.</li>
   * </ul>
   * Full adds the word job on one member process per worker at every worker count up to {@code
   * max(4, cores)}, the CPU tasks of each cost on that many processes, and sleeps of 1 and 5 ms
   * with the most IO workers on as many (the threads' worker count, so that the figure differs
   * from theirs in the engine's cost per task only). A word-job
   * fork on member processes warms up longer and measures three (an operation takes about a second
   * there), see {@link #clusterWordSettings}; the short jobs keep their profile's iterations.
   */
  private static void cluster(
      List<PlanEntry> out,
      Costs costs,
      Profile profile,
      List<Integer> workers,
      List<Integer> ioWorkers,
      int maxWorkers) {
    if (profile == Profile.QUICK) {
      return;
    }
    boolean full = profile == Profile.FULL;
    int cap = Math.max(4, costs.cores());
    int tuned = workers.contains(2) ? 2 : Math.min(maxWorkers, cap);
    List<Integer> members = full ? workers.stream().filter(w -> w <= cap).toList() : List.of(tuned);
    IterationSettings wordSettings = clusterWordSettings(profile);
    for (int m : members) {
      out.add(clusterWord(costs, m, wordSettings));
    }
    IterationSettings s = settings(profile, false);
    if (full) {
      for (long cost : List.of(10L, 100L, 1000L)) {
        for (int m : members) {
          out.add(clusterTask(costs, m, m, "CPU", cost, s));
        }
      }
    }
    int maxIo = ioWorkers.stream().mapToInt(Integer::intValue).max().orElse(1);
    if (full) {
      for (long cost : List.of(1000L, 5000L)) {
        for (int m : members) {
          out.add(clusterTask(costs, maxIo, m, "SLEEP", cost, s));
        }
      }
    }
    out.add(new PlanEntry(ROUND_TRIP, params("CLUSTER_APPLY_ASYNC", 1, "default"), s, Duration.ZERO,
        memberSetup(1)));
  }

  /**
   * Iteration settings of a word-job fork on member processes, where an operation takes about a
   * second once warm: standard warms up {@value #CLUSTER_WORD_WARMUPS} operations and measures
   * three, full {@value #CLUSTER_WORD_WARMUPS_FULL} and five, after the set-up has started the
   * members. Only the last {@value SerialPartner#CLUSTER_PAIRED_WARMUPS} warm-ups run the serial
   * partner ({@link SerialPartner}): standard's nine cost what six paired ones did, the most its
   * 20 minutes allow.
   *
   * <p>The first operation finds the members' JIT cold (2.6 s, then 0.6-1.4 s, over the whole
   * list on two members of an AMD EPYC 2-vCPU VM), and the compilers of the three JVMs keep
   * working for about twenty operations. On the Intel Xeon 2-vCPU VM (two runs of 32-40
   * operations) their threads took 150-590 ms of CPU per operation over the first ten, a second
   * wave of 100-780 ms over the fifteenth to the twenty-first (the engine's per-chunk code, a few
   * dozen calls an operation, reaching the compilers' thresholds), and 0-110 ms from the
   * twenty-second on, where an operation took 11-16% less CPU and time than the seventh to the
   * ninth. Standard's figure therefore still holds some warm-up (the members of a real pool,
   * started once with {@code cluster start}, are warm after a few dozen calls); full's does not.
   */
  static IterationSettings clusterWordSettings(Profile profile) {
    return profile == Profile.FULL
        ? new IterationSettings(CLUSTER_WORD_WARMUPS_FULL, ms(1000), 5, ms(1000))
        : new IterationSettings(CLUSTER_WORD_WARMUPS, ms(500), 3, ms(500));
  }

  /** The warm-up operations of the standard profile's word-job fork on member processes. */
  static final int CLUSTER_WORD_WARMUPS = 9;
  /** The warm-up operations of the full profile's word-job forks on member processes. */
  static final int CLUSTER_WORD_WARMUPS_FULL = 22;

  /** The word job's map on {@code members} processes, one worker each. */
  private static PlanEntry clusterWord(Costs costs, int members, IterationSettings s) {
    Map<String, String> p = params("POOL_MAP", members, "default");
    p.put("hashing", "NEW_DIGEST");
    p.put("backend", "CLUSTER");
    p.put("members", Integer.toString(members));
    Duration operation = Duration.ofNanos((long) (costs.words()
        * (costs.nanosPerWord() / costs.wordSpeedUp("POOL_MAP", members) + CLUSTER_NANOS_PER_WORD)));
    // the serial partner runs beside the last few warm-up operations and the measured ones only:
    // its runs count with the set-up, and the operation is the pool's alone
    int paired = Math.min(s.warmupIterations(), SerialPartner.CLUSTER_PAIRED_WARMUPS)
        + s.measurementIterations();
    Duration partner = serialPartner(costs, "POOL_MAP").multipliedBy(paired);
    // the first operation finds the members' JIT cold: it took about 3 times as long
    return new PlanEntry(WORD_JOB, p, s, operation,
        memberSetup(members).plus(operation.multipliedBy(2)).plus(partner));
  }

  /** The CPU or IO task's map with {@code workers} workers on {@code members} processes. */
  private static PlanEntry clusterTask(
      Costs costs, int workers, int members, String task, long cost, IterationSettings s) {
    PlanEntry threads = cpuIo(costs, "POOL_MAP", Math.min(workers, members), task, cost, "PLATFORM", s);
    Map<String, String> p = params("POOL_MAP", workers, "default");
    p.put("task", task);
    p.put("costMicros", Long.toString(cost));
    p.put("backend", "CLUSTER");
    p.put("members", Integer.toString(members));
    TaskKind kind = TaskKind.valueOf(task);
    int items = kind.items(cost);
    int chunks = Math.ceilDiv(items, Chunksize.pythonDefault(items, workers));
    Duration work = kind == TaskKind.CPU
        ? threads.expectedOperation()
        : Duration.ofNanos(items * cost * 1000 / Math.min(workers, items));
    return new PlanEntry(CPU_IO, p, s, work.plus(CLUSTER_CHUNK.multipliedBy(chunks)), memberSetup(members));
  }

  /**
   * What a fork's {@code members} local member processes cost beyond its iterations, for
   * estimates: their start ({@link #ONE_MEMBER_START}, or {@link #MEMBERS_JOIN} and {@link
   * #MEMBER_LOAD} each for several) and their stop.
   */
  static Duration memberSetup(int members) {
    Duration start = members == 1 ? ONE_MEMBER_START : MEMBERS_JOIN.plus(MEMBER_LOAD.multipliedBy(members));
    return start.plus(MEMBERS_STOP);
  }

  private static void latency(List<PlanEntry> out, Costs costs, Profile profile, int maxWorkers) {
    IterationSettings s = settings(profile, false);
    List<Integer> roundTripWorkers = switch (profile) {
      case QUICK -> List.of(1);
      case STANDARD -> maxWorkers > 1 ? List.of(1, Math.min(2, maxWorkers)) : List.of(1);
      case FULL -> maxWorkers > 2 ? List.of(1, 2, maxWorkers) : maxWorkers > 1 ? List.of(1, maxWorkers) : List.of(1);
    };
    for (int w : roundTripWorkers) {
      out.add(entry(ROUND_TRIP, params("POOL_APPLY_ASYNC", w, "default"), s));
    }
    int busy = Math.min(maxWorkers, 2);
    if (profile != Profile.QUICK) {
      out.add(entry(TASK_LATENCY, params("POOL_APPLY_ASYNC", busy, "default"), s));
      long firstResultWords = Math.min(FirstResultBenchmark.WORDS, costs.words());
      out.add(new PlanEntry(FIRST_RESULT, params("POOL_MAP", busy, "default"), s,
          Duration.ofNanos(firstResultWords * costs.nanosPerWord() / costs.parallel("POOL_MAP", busy))));
    }
    out.add(entry(FIRST_RESULT, params("POOL_IMAP_UNORDERED", busy, "default"), s));
  }

  /**
   * Iteration settings of a streaming fork: 3 warm-up and 6 measured iterations of at least
   * {@link #STREAM_ITERATION}, each holding whole streams. A stream longer than that makes one
   * iteration of its own (the iteration is set a little shorter than the input's time, so that it
   * always holds exactly one stream whatever the wake-ups add): six first results a fork for the
   * slow input, about sixty for the fast one, after about thirty warm-up streams.
   */
  static IterationSettings streamingSettings(StreamPace pace) {
    Duration oneStream = pace.inputTime().multipliedBy(9).dividedBy(10);
    Duration iteration = oneStream.compareTo(STREAM_ITERATION) >= 0 ? oneStream : STREAM_ITERATION;
    return new IterationSettings(3, iteration, 6, iteration);
  }

  /**
   * The lazy calls over each paced input, at chunksize 1 (the streaming case) and the busy worker
   * count, beside a SERIAL loop over the same input; not in quick (a few seconds a fork, and the
   * CI check's figures do not need them).
   */
  private static void streaming(List<PlanEntry> out, Profile profile, int maxWorkers) {
    if (profile == Profile.QUICK) {
      return;
    }
    int busy = Math.min(maxWorkers, 2);
    for (StreamPace pace : STREAM_PACES) {
      IterationSettings s = streamingSettings(pace);
      out.add(stream("SERIAL", 1, "default", pace, s));
      for (String impl : List.of("POOL_IMAP", "POOL_IMAP_UNORDERED")) {
        out.add(stream(impl, busy, "1", pace, s));
      }
    }
  }

  private static PlanEntry stream(String impl, int w, String c, StreamPace pace, IterationSettings s) {
    Map<String, String> p = params(impl, w, c);
    p.put("intervalMicros", Long.toString(pace.intervalMicros()));
    p.put("items", Integer.toString(pace.items()));
    Duration warmUp = impl.equals("SERIAL") ? Duration.ZERO : STREAM_WARM_UP;
    return new PlanEntry(STREAMING, p, s, pace.inputTime(), warmUp);
  }

  /**
   * What Python runs: the configurations the report compares with the lab's (the same calls,
   * worker counts and chunksizes); in standard, with the profile's own workers and chunksizes,
   * the set chunksizes and {@code imap_unordered} only at the worker count the lab measures them
   * at, as {@code Pool(1)} and {@code Pool(4)} at chunksize 100 took 3.7-3.8 s a run with no Java
   * figure beside them. Three runs of each in standard and quick, five in full, spread over the
   * rounds ({@link PythonRounds}).
   */
  private static PythonPlan pythonPlan(
      Profile profile, List<Integer> workers, List<String> chunks, List<Integer> ioWorkers,
      int streamWorkers, boolean profileDefaults) {
    // chunksize 1 over a million words takes CPython minutes: only the full profile runs it
    List<String> pyChunks =
        profile == Profile.FULL
            ? chunks
            : chunks.stream().filter(c -> !c.equals("1") && !c.equals("10")).toList();
    if (pyChunks.isEmpty()) {
      pyChunks = List.of("default");
    }
    int repeats = profile == Profile.FULL ? 5 : 3;
    // the same paced inputs as the streaming benchmark, with Pool(streamWorkers).imap at chunksize 1
    List<StreamPace> streams = profile == Profile.QUICK ? List.of() : STREAM_PACES;
    int tuned = workers.contains(2) ? 2 : workers.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<Integer> chunkWorkers = profile == Profile.STANDARD && profileDefaults ? List.of(tuned) : workers;
    return new PythonPlan(workers, pyChunks, chunkWorkers, 1000, ioWorkers, 100, 5, repeats, streams, streamWorkers);
  }

  private static PlanEntry word(
      Costs costs, String impl, int w, String c, String hashing, IterationSettings s) {
    Map<String, String> p = params(impl, w, c);
    p.put("hashing", hashing);
    long nanos = (long) (costs.words() * costs.nanosPerWord() / costs.wordSpeedUp(impl, w));
    return new PlanEntry(WORD_JOB, p, s, Duration.ofNanos(nanos).plus(serialPartner(costs, impl)));
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

  /**
   * The serial job a parallel word-job fork runs beside each of its operations (the lab pairs
   * them, see {@link SerialPartner}): one serial operation more per operation; none for SERIAL.
   */
  private static Duration serialPartner(Costs costs, String impl) {
    return impl.equals("SERIAL") ? Duration.ZERO
        : Duration.ofNanos(costs.words() * costs.nanosPerWord());
  }

  /** What sets an operation's expected length: the cores and the words a job hashes. */
  private record Costs(int cores, int words) {
    /** One word's cost in an operation over this many words. */
    long nanosPerWord() {
      return words >= WHOLE_LIST_WORDS ? NANOS_PER_WORD_WHOLE_LIST : NANOS_PER_WORD;
    }

    /** How many items run at once: 1 for the serial loop, else workers up to the cores. */
    long parallel(String impl, int workers) {
      return impl.equals("SERIAL") ? 1 : Math.max(1, Math.min(workers, cores));
    }

    /** How much faster than the serial loop a word-job operation runs, for estimates. */
    double wordSpeedUp(String impl, int workers) {
      long p = parallel(impl, workers);
      return p == 1 ? 1 : p * WORD_PARALLEL_EFFICIENCY;
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
