package io.poollab.bench;

import com.pivovarit.collectors.ParallelCollectors;
import io.poollab.pool.AsyncResult;
import io.poollab.pool.Pool;
import io.poollab.pool.ResultIterator;
import io.poollab.pool.Task;
import io.poollab.workload.SerialBaseline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ways to run a task over a list that the benchmarks compare: the plain loop, each of the
 * pool's methods, and the peers a user would pick instead. The implementation enums
 * ({@link WordJobImpl}, {@link CpuIoImpl}) are thin factories over these.
 *
 * <pre>{@code
 * BatchJob<Long, Long> job = Jobs.invokeAll(4, 100, task);   // fixed pool of 4, chunks of 100
 * }</pre>
 */
public final class Jobs {

  private Jobs() {}

  /** The serial baseline: the workload's plain loop ({@link SerialBaseline}) on the calling thread. */
  public static <T, R> BatchJob<T, R> serial(Task<T, R> task) {
    return items -> SerialBaseline.map(task, items);
  }

  /** The pool's methods, as a job over an open pool (closed with the job). */
  public enum PoolMethod {
    /** {@code pool.map(fn, items[, chunksize])}. */
    MAP,
    /** {@code pool.imap(fn, items[, chunksize])}, drained. */
    IMAP,
    /** {@code pool.imapUnordered(fn, items[, chunksize])}, drained. */
    IMAP_UNORDERED,
    /** {@code pool.mapAsync(fn, items[, chunksize]).get()}. */
    MAP_ASYNC,
    /** One {@code pool.applyAsync} per chunk (default: map's default chunksize), then each get. */
    APPLY_ASYNC
  }

  /**
   * A job that runs through an open pool with one of its methods.
   *
   * @param pool the pool, closed when the job closes
   * @param workers the pool's workers (for applyAsync's default chunksize)
   * @param method the method
   * @param task the task
   * @param chunksize the chunksize, or 0 for the method's default
   * @return the job
   */
  public static <T, R> BatchJob<T, R> pool(
      Pool pool, int workers, PoolMethod method, Task<T, R> task, int chunksize) {
    return new BatchJob<>() {
      @Override
      public List<R> run(List<T> items) throws Exception {
        return switch (method) {
          case MAP -> chunksize == 0 ? pool.map(task, items) : pool.map(task, items, chunksize);
          case IMAP -> drain(chunksize == 0 ? pool.imap(task, items) : pool.imap(task, items, chunksize), items.size());
          case IMAP_UNORDERED ->
              drain(
                  chunksize == 0 ? pool.imapUnordered(task, items) : pool.imapUnordered(task, items, chunksize),
                  items.size());
          case MAP_ASYNC ->
              (chunksize == 0 ? pool.mapAsync(task, items) : pool.mapAsync(task, items, chunksize)).get();
          case APPLY_ASYNC -> applyAsyncPerChunk(pool, task, items, chunksize == 0 ? Chunksize.pythonDefault(items.size(), workers) : chunksize);
        };
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  private static <R> List<R> drain(ResultIterator<R> it, int expected) {
    try (it) {
      List<R> out = new ArrayList<>(expected);
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
  }

  private static <T, R> List<R> applyAsyncPerChunk(Pool pool, Task<T, R> task, List<T> items, int size)
      throws InterruptedException {
    List<AsyncResult<List<R>>> pending = new ArrayList<>();
    for (List<T> chunk : chunks(items, size)) {
      pending.add(pool.applyAsync(Jobs::applyAll, new Chunk<>(task, chunk)));
    }
    List<R> out = new ArrayList<>(items.size());
    for (AsyncResult<List<R>> r : pending) {
      out.addAll(r.get());
    }
    return out;
  }

  /** A chunk and its task: the argument of one {@code applyAsync}. */
  private record Chunk<T, R>(Task<T, R> task, List<T> items) {}

  private static <T, R> List<R> applyAll(Chunk<T, R> chunk) throws Exception {
    List<R> out = new ArrayList<>(chunk.items().size());
    for (T item : chunk.items()) {
      out.add(chunk.task().apply(item));
    }
    return out;
  }

  /** Consecutive sublists of {@code size} items (the last may be shorter). */
  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>((items.size() + size - 1) / size);
    for (int from = 0; from < items.size(); from += size) {
      out.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return out;
  }

  /** Peer: a parallel stream inside a {@link ForkJoinPool} of {@code workers} threads. */
  public static <T, R> BatchJob<T, R> forkJoinStream(int workers, Task<T, R> task) {
    ForkJoinPool fj = new ForkJoinPool(workers);
    Function<T, R> f = unchecked(task);
    return new BatchJob<>() {
      @Override
      public List<R> run(List<T> items) throws Exception {
        return fj.submit(() -> items.parallelStream().map(f).toList()).get();
      }

      @Override
      public void close() {
        fj.close();
      }
    };
  }

  /**
   * Peer: {@code invokeAll} of one callable per chunk on an executor (a fixed pool of
   * {@code workers} platform threads, or one virtual thread per chunk).
   *
   * @param executor the executor, shut down when the job closes
   * @param workers used for the default chunksize
   * @param chunksize items per callable, or 0 for {@code ceil(n / (4 * workers))}
   * @param task the task
   * @return the job
   */
  public static <T, R> BatchJob<T, R> invokeAll(
      ExecutorService executor, int workers, int chunksize, Task<T, R> task) {
    return new BatchJob<>() {
      @Override
      public List<R> run(List<T> items) throws Exception {
        int size = chunksize == 0 ? Chunksize.pythonDefault(items.size(), workers) : chunksize;
        List<Callable<List<R>>> calls = new ArrayList<>();
        for (List<T> chunk : chunks(items, size)) {
          calls.add(() -> applyAll(new Chunk<>(task, chunk)));
        }
        List<R> out = new ArrayList<>(items.size());
        for (Future<List<R>> f : executor.invokeAll(calls)) {
          out.addAll(f.get());
        }
        return out;
      }

      @Override
      public void close() {
        executor.close();
      }
    };
  }

  /** Peer: a fixed platform-thread pool, chunked {@code invokeAll}. */
  public static <T, R> BatchJob<T, R> fixedInvokeAll(int workers, int chunksize, Task<T, R> task) {
    return invokeAll(Executors.newFixedThreadPool(workers), workers, chunksize, task);
  }

  /** Peer: one virtual thread per item ({@code Executors.newVirtualThreadPerTaskExecutor()}). */
  public static <T, R> BatchJob<T, R> virtualPerTask(Task<T, R> task) {
    return invokeAll(Executors.newVirtualThreadPerTaskExecutor(), 1, 1, task);
  }

  /** The chunk of the hand-written ideal: DESIGN.md's "hand-written dynamic chunks of 1000". */
  static final int IDEAL_CHUNK = 1000;

  /**
   * The hand-written ideal the pool is measured against: {@code workers} threads pull chunks of
   * {@value #IDEAL_CHUNK} items from one atomic counter and write into one result array; no
   * queue, no per-chunk objects, no progress, no callbacks.
   */
  public static <T, R> BatchJob<T, R> handWrittenChunks(int workers, Task<T, R> task) {
    ExecutorService threads = Executors.newFixedThreadPool(workers);
    return new BatchJob<>() {
      @Override
      @SuppressWarnings("unchecked")
      public List<R> run(List<T> items) throws Exception {
        int size = items.size();
        Object[] results = new Object[size];
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> loops = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
          loops.add(() -> {
            for (int start = next.getAndAdd(IDEAL_CHUNK); start < size;
                start = next.getAndAdd(IDEAL_CHUNK)) {
              int end = Math.min(size, start + IDEAL_CHUNK);
              for (int i = start; i < end; i++) {
                results[i] = task.apply(items.get(i));
              }
            }
            return null;
          });
        }
        for (Future<Void> loop : threads.invokeAll(loops)) {
          loop.get();
        }
        return (List<R>) Arrays.asList(results);
      }

      @Override
      public void close() {
        threads.close();
      }
    };
  }

  /**
   * Peer: the parallel-collectors library, batching the stream into {@code workers} batches on a
   * fixed executor ({@code ParallelCollectors.Batching.parallel}).
   */
  public static <T, R> BatchJob<T, R> parallelCollectors(int workers, Task<T, R> task) {
    ExecutorService executor = Executors.newFixedThreadPool(workers);
    Function<T, R> f = unchecked(task);
    return new BatchJob<>() {
      @Override
      public List<R> run(List<T> items) {
        return items.stream()
            .collect(ParallelCollectors.Batching.parallel(f, Collectors.toList(), executor, workers))
            .join();
      }

      @Override
      public void close() {
        executor.close();
      }
    };
  }

  private static <T, R> Function<T, R> unchecked(Task<T, R> task) {
    return t -> {
      try {
        return task.apply(t);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    };
  }
}
