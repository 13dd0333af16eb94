package io.poollab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Python reference ({@code src/main/python/pool_reference.py}) runs: the guide's
 * program serially and with {@code Pool(n).map}, {@code imap_unordered}, and
 * {@code ThreadPool} for the sleep task; and, as the streaming benchmark does, a serial loop,
 * {@code Pool(n).imap} and {@code imap_unordered} at chunksize 1 over paced inputs. Every worker
 * count runs {@code map} at the default chunksize; the set chunksizes and {@code imap_unordered}
 * run at the counts of {@code chunksizeWorkers}, as the lab's own plan measures them (Python's
 * {@code Pool(1).map} at chunksize 100 took 3.8 s a run on a 2-vCPU VM, with no Java figure beside it).
 *
 * <pre>{@code
 * new PythonPlan(List.of(1, 2), List.of("default", "1000"), List.of(2), 1000, List.of(20), 100, 5, 1,
 *     List.of(new StreamPace(100, 1000)), 2);
 * }</pre>
 *
 * <p>A part may be left out, so that a run narrowed by {@code --include} runs only what its entries
 * are compared with ({@link PlanBuilder}): no {@code workers}, no word job (nor its serial loop);
 * no {@code ioWorkers}, no sleeps; no {@code streams}, no paced inputs.
 *
 * @param workers the worker counts for the word job; empty for none
 * @param chunksizes the chunksizes for {@code Pool.map} ({@code default} or positive integers)
 * @param chunksizeWorkers the worker counts that run every chunksize and {@code imap_unordered},
 *     each one of {@code workers}; empty for none (then every count runs {@code map} at the
 *     default chunksize only)
 * @param imapChunksize the chunksize for {@code imap_unordered}
 * @param ioWorkers the {@code ThreadPool} sizes for the sleep task; empty for none
 * @param sleepItems how many sleep tasks
 * @param sleepMillis how long each sleeps
 * @param repeats how many times each configuration runs (the median is reported)
 * @param streams the paced inputs of the streaming measurement; empty for none
 * @param streamWorkers the pool size over the paced inputs, at least 1
 */
public record PythonPlan(
    List<Integer> workers,
    List<String> chunksizes,
    List<Integer> chunksizeWorkers,
    int imapChunksize,
    List<Integer> ioWorkers,
    int sleepItems,
    int sleepMillis,
    int repeats,
    List<StreamPace> streams,
    int streamWorkers) {

  /** The length of the guide's word list, for estimates when the whole list is used. */
  public static final int FULL_LIST_WORDS = 1_049_938;

  /** Rough seconds per pass over 1M words in CPython, serial or through a pool. */
  private static final double SECONDS_PER_MILLION_WORDS = 2.5;

  /**
   * A plan whose every worker count runs every chunksize and {@code imap_unordered}.
   *
   * @param workers the worker counts for the word job
   * @param chunksizes the chunksizes for {@code Pool.map}
   * @param imapChunksize the chunksize for {@code imap_unordered}
   * @param ioWorkers the {@code ThreadPool} sizes for the sleep task
   * @param sleepItems how many sleep tasks
   * @param sleepMillis how long each sleeps
   * @param repeats how many times each configuration runs
   * @param streams the paced inputs of the streaming measurement; empty for none
   * @param streamWorkers the pool size over the paced inputs, at least 1
   */
  public PythonPlan(List<Integer> workers, List<String> chunksizes, int imapChunksize,
      List<Integer> ioWorkers, int sleepItems, int sleepMillis, int repeats, List<StreamPace> streams,
      int streamWorkers) {
    this(workers, chunksizes, workers, imapChunksize, ioWorkers, sleepItems, sleepMillis, repeats, streams,
        streamWorkers);
  }

  /**
   * A plan without the streaming measurement, every worker count running every chunksize.
   *
   * @param workers the worker counts for the word job
   * @param chunksizes the chunksizes for {@code Pool.map}
   * @param imapChunksize the chunksize for {@code imap_unordered}
   * @param ioWorkers the {@code ThreadPool} sizes for the sleep task
   * @param sleepItems how many sleep tasks
   * @param sleepMillis how long each sleeps
   * @param repeats how many times each configuration runs
   */
  public PythonPlan(List<Integer> workers, List<String> chunksizes, int imapChunksize,
      List<Integer> ioWorkers, int sleepItems, int sleepMillis, int repeats) {
    this(workers, chunksizes, imapChunksize, ioWorkers, sleepItems, sleepMillis, repeats, List.of(), 1);
  }

  /** Checks and copies the fields. */
  public PythonPlan {
    workers = List.copyOf(workers);
    chunksizes = List.copyOf(chunksizes);
    chunksizeWorkers = List.copyOf(chunksizeWorkers);
    if (!workers.containsAll(chunksizeWorkers)) {
      throw new IllegalArgumentException(
          "chunksizeWorkers must be among workers " + workers + ", were " + chunksizeWorkers);
    }
    ioWorkers = List.copyOf(ioWorkers);
    streams = List.copyOf(streams);
    if (imapChunksize < 1 || sleepItems < 1 || sleepMillis < 1 || repeats < 1) {
      throw new IllegalArgumentException(
          "imapChunksize, sleepItems, sleepMillis and repeats must be >= 1, were "
              + imapChunksize + ", " + sleepItems + ", " + sleepMillis + ", " + repeats);
    }
    if (streamWorkers < 1) {
      throw new IllegalArgumentException("streamWorkers must be >= 1, was " + streamWorkers);
    }
    for (String c : chunksizes) {
      Chunksize.parse(c);
    }
  }

  /**
   * The expected length for a list of this many words (rough: CPython speed on 2 cores), when the
   * script runs every configuration {@code repeats} times in one go; the lab runs it once per
   * repeat ({@link PythonRounds}), see {@link #estimateOneAtATime}.
   */
  public Duration estimate(int words) {
    // the serial loop; every chunksize and imap_unordered at chunksizeWorkers, map's default elsewhere
    // (without a word job, no serial loop either; without sleeps, no serial sleeps)
    int passes = workers.isEmpty() ? 0
        : 1 + (workers.size() - chunksizeWorkers.size()) + chunksizeWorkers.size() * (chunksizes.size() + 1);
    double wordSeconds = passes * repeats * SECONDS_PER_MILLION_WORDS * words / 1_000_000.0;
    double sleepSeconds = ioWorkers.isEmpty() ? 0
        : repeats * (sleepItems * sleepMillis / 1000.0) * (1 + 0.2 * ioWorkers.size());
    // three calls (serial, imap, imap_unordered) per paced input and repeat, and one pool start
    double streamSeconds = streams.stream().mapToDouble(p -> 3.0 * repeats * p.inputTime().toNanos() / 1e9).sum()
        + (streams.isEmpty() ? 0 : 1);
    return Duration.ofMillis((long) ((wordSeconds + sleepSeconds + streamSeconds + 2) * 1000));
  }


  /**
   * The expected length when the script runs {@code repeats} times, once per run, as the lab runs
   * it between its rounds: each run loads the words and starts its pools again.
   *
   * @param words the words of the list the script hashes
   * @return the estimate
   */
  public Duration estimateOneAtATime(int words) {
    return withRepeats(1).estimate(words).multipliedBy(repeats);
  }

  /**
   * The same plan with another number of runs per configuration.
   *
   * @param runs the runs, at least 1
   * @return the plan with {@code repeats} set to {@code runs}
   */
  public PythonPlan withRepeats(int runs) {
    return new PythonPlan(workers, chunksizes, chunksizeWorkers, imapChunksize, ioWorkers, sleepItems, sleepMillis,
        runs, streams, streamWorkers);
  }

  /** A one-line description for the plan listing, naming only the parts the plan runs. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add("serial");
    if (!workers.isEmpty()) {
      String chunked = chunksizeWorkers.equals(workers)
          ? " chunksizes " + chunksizes + ", imap_unordered chunksize " + imapChunksize
          : chunksizeWorkers.isEmpty() ? " at the default chunksize"
          : " at the default chunksize, chunksizes " + chunksizes + " and imap_unordered chunksize "
              + imapChunksize + " at workers " + chunksizeWorkers;
      parts.add("Pool(n).map workers " + workers + chunked);
    }
    if (!ioWorkers.isEmpty()) {
      parts.add("ThreadPool" + ioWorkers + " over " + sleepItems + " sleeps of " + sleepMillis + " ms");
    }
    if (!streams.isEmpty()) {
      parts.add("Pool(" + streamWorkers + ").imap and imap_unordered chunksize 1 over "
          + String.join(" and ", streams.stream().map(StreamPace::describe).toList()));
    }
    return String.join(", ", parts) + (repeats == 1 ? "" : ", median of " + repeats);
  }
}
