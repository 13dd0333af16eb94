package io.poollab.bench;

import java.time.Duration;
import java.util.List;

/**
 * What the Python reference ({@code src/main/python/pool_reference.py}) runs: the guide's
 * program serially and with {@code Pool(n).map}, {@code imap_unordered}, and
 * {@code ThreadPool} for the sleep task; and, as the streaming benchmark does, a serial loop,
 * {@code Pool(n).imap} and {@code imap_unordered} at chunksize 1 over paced inputs.
 *
 * <pre>{@code
 * new PythonPlan(List.of(1, 2), List.of("default", "1000"), 1000, List.of(20), 100, 5, 3,
 *     List.of(new StreamPace(100, 1000)), 2);
 * }</pre>
 *
 * @param workers the worker counts for the word job
 * @param chunksizes the chunksizes for {@code Pool.map} ({@code default} or positive integers)
 * @param imapChunksize the chunksize for {@code imap_unordered}
 * @param ioWorkers the {@code ThreadPool} sizes for the sleep task
 * @param sleepItems how many sleep tasks
 * @param sleepMillis how long each sleeps
 * @param repeats how many times each configuration runs (the median is reported)
 * @param streams the paced inputs of the streaming measurement; empty for none
 * @param streamWorkers the pool size over the paced inputs, at least 1
 */
public record PythonPlan(
    List<Integer> workers,
    List<String> chunksizes,
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
   * A plan without the streaming measurement.
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

  /** The expected length for a list of this many words (rough: CPython speed on 2 cores). */
  public Duration estimate(int words) {
    int passes = 1 + workers.size() * (chunksizes.size() + 1);
    double wordSeconds = passes * repeats * SECONDS_PER_MILLION_WORDS * words / 1_000_000.0;
    double sleepSeconds =
        repeats * (sleepItems * sleepMillis / 1000.0) * (1 + 0.2 * ioWorkers.size());
    // three calls (serial, imap, imap_unordered) per paced input and repeat, and one pool start
    double streamSeconds = streams.stream().mapToDouble(p -> 3.0 * repeats * p.inputTime().toNanos() / 1e9).sum()
        + (streams.isEmpty() ? 0 : 1);
    return Duration.ofMillis((long) ((wordSeconds + sleepSeconds + streamSeconds + 2) * 1000));
  }


  /** A one-line description for the plan listing. */
  public String describe() {
    return "serial, Pool(n).map workers " + workers + " chunksizes " + chunksizes
        + ", imap_unordered chunksize " + imapChunksize + ", ThreadPool" + ioWorkers + " over "
        + sleepItems + " sleeps of " + sleepMillis + " ms"
        + (streams.isEmpty() ? "" : ", Pool(" + streamWorkers + ").imap and imap_unordered chunksize 1 over "
            + String.join(" and ", streams.stream().map(StreamPace::describe).toList()))
        + ", median of " + repeats;
  }
}
