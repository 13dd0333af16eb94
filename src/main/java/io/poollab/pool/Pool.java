package io.poollab.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Pool} and {@code ThreadPool}, in Java: {@code apply},
 * {@code map}, {@code imap}, {@code imapUnordered}, {@code starmap}, their async forms with
 * callbacks, chunksizes, per-worker initializers, {@code maxTasksPerWorker}, {@code close},
 * {@code terminate}, {@code join}, on platform or virtual threads, or on the members of a cluster
 * ({@link Backend#CLUSTER}: the same calls, with tasks, items and results that are serializable).
 *
 * <pre>{@code
 * try (Pool pool = Pool.create(4)) {
 *   List<String> hashes = pool.map(WordHasher::sha512Hex, words);          // input order
 *   try (ResultIterator<String> it = pool.imapUnordered(WordHasher::sha512Hex, words, 100)) {
 *     it.forEachRemaining(System.out::println);                           // completion order
 *   }
 *   AsyncResult<Integer> one = pool.applyAsync(String::length, "word");
 *   System.out.println(one.get(1, TimeUnit.SECONDS));
 * }   // close(): no new work, finish what was submitted, wait for the workers
 * }</pre>
 *
 * <p>What it keeps from Python: results in input order for {@code map}/{@code imap}/{@code
 * starmap} and in completion order for {@code imapUnordered}; {@code map}'s default chunksize
 * {@code ceil(len / (4 * workers))} and 1 for the lazy calls; a task's exception re-raised at that
 * task's place while the pool goes on; exactly one callback per async call, finished before
 * {@code get()} returns. What it fixes: a task that throws an {@link Error} fails only its item and
 * its worker is replaced; a throwing callback is reported, never fatal; a throwing initializer
 * breaks the pool once ({@link PoolBrokenException}) instead of respawning for ever; {@link
 * #terminate()} cancels every pending result at once; the lazy calls read ahead only a bounded
 * number of items; bad arguments fail at the call with an {@link IllegalArgumentException}.
 *
 * <p>All methods are safe to call from any thread. A blocking call made from inside one of this
 * pool's own tasks can wait for ever if every worker does the same, as in Python.
 */
public final class Pool implements AutoCloseable {
  private final PoolOptions options;
  private final Dispatcher dispatcher;

  private Pool(PoolOptions options) {
    this.options = options;
    this.dispatcher = new Dispatcher(options, Slowdown.configuredNanos());
    dispatcher.start();
  }

  /**
   * A pool with the default options: one platform-thread worker per available processor.
   *
   * @return the started pool
   */
  public static Pool create() {
    return new Pool(PoolOptions.defaults());
  }

  /**
   * A pool of {@code workers} platform-thread workers: Python's {@code Pool(workers)}.
   *
   * @param workers at least 1
   * @return the started pool
   */
  public static Pool create(int workers) {
    return new Pool(PoolOptions.defaults().toBuilder().workers(workers).build());
  }

  /**
   * A pool with these options.
   *
   * @param options the options, see {@link #builder()}
   * @return the started pool
   */
  public static Pool create(PoolOptions options) {
    return new Pool(Checks.notNull("options", options));
  }

  /**
   * A builder of {@link PoolOptions}; {@code Pool.builder().workers(8).create()} starts a pool.
   *
   * @return a builder with the defaults
   */
  public static PoolOptions.Builder builder() {
    return new PoolOptions.Builder();
  }

  /**
   * The options this pool was built with.
   *
   * @return the options
   */
  public PoolOptions options() {
    return options;
  }

  /**
   * The number of workers.
   *
   * @return the worker count
   */
  public int workers() {
    return options.workers();
  }

  // ---------------------------------------------------------------- apply

  /**
   * Python's {@code apply(func)}: runs {@code task} on a worker and waits for its result.
   *
   * @param task the task
   * @param <R> the result type
   * @return the result
   * @throws TaskFailedException if the task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <R> R apply(Callable<? extends R> task) throws InterruptedException {
    return applyAsync(task).get();
  }

  /**
   * Python's {@code apply(func, (arg,))}.
   *
   * @param task the function
   * @param argument its argument
   * @param <T> the argument type
   * @param <R> the result type
   * @return the result
   * @throws TaskFailedException if the task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <T, R> R apply(Task<? super T, ? extends R> task, T argument) throws InterruptedException {
    return applyAsync(task, argument).get();
  }

  /**
   * Python's {@code apply_async(func)}. On {@link Backend#CLUSTER} the callable must be
   * serializable: {@code (Callable<R> & Serializable) () -> ...}, or use {@link #applyAsync(Task,
   * Object)}.
   *
   * @param task the task
   * @param <R> the result type
   * @return the pending result
   */
  public <R> AsyncResult<R> applyAsync(Callable<? extends R> task) {
    return applyAsync(task, Callbacks.none());
  }

  /**
   * Python's {@code apply_async(func, callback=..., error_callback=...)}.
   *
   * @param task the task
   * @param callbacks the callbacks
   * @param <R> the result type
   * @return the pending result
   */
  public <R> AsyncResult<R> applyAsync(Callable<? extends R> task, Callbacks<? super R> callbacks) {
    Checks.notNull("task", task);
    return applyAsync(ignored -> task.call(), null, callbacks);
  }

  /**
   * Python's {@code apply_async(func, (arg,))}.
   *
   * @param task the function
   * @param argument its argument
   * @param <T> the argument type
   * @param <R> the result type
   * @return the pending result
   */
  public <T, R> AsyncResult<R> applyAsync(Task<? super T, ? extends R> task, T argument) {
    return applyAsync(task, argument, Callbacks.none());
  }

  /**
   * Python's {@code apply_async(func, (arg,), callback=..., error_callback=...)}.
   *
   * @param task the function
   * @param argument its argument
   * @param callbacks the callbacks
   * @param <T> the argument type
   * @param <R> the result type
   * @return the pending result
   */
  public <T, R> AsyncResult<R> applyAsync(
      Task<? super T, ? extends R> task, T argument, Callbacks<? super R> callbacks) {
    Checks.notNull("task", task);
    Checks.notNull("callbacks", callbacks);
    dispatcher.checkTravels("task", task);
    ListJob<T, R, R> job = new ListJob<>(
        "apply", task, new Object[] {argument}, 1, Pool::single, callbacks, dispatcher);
    dispatcher.submit(job);
    return job.result();
  }

  @SuppressWarnings("unchecked")
  private static <R> R single(Object[] results) {
    return (R) results[0];
  }

  // ---------------------------------------------------------------- map

  /**
   * Python's {@code map(func, iterable)}: the results in input order, with the default
   * chunksize {@code ceil(len / (4 * workers))}.
   *
   * @param task the function
   * @param items the input; read into a list first, on the calling thread: what its iterator
   *     throws comes out of this call as it is (Python's {@code map} raises it too)
   * @param <T> the item type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw (the first failure; the rest is skipped)
   * @throws InterruptedException if interrupted while waiting
   */
  public <T, R> List<R> map(Task<? super T, ? extends R> task, Iterable<? extends T> items)
      throws InterruptedException {
    return this.<T, R>mapAsync(task, items).get();
  }

  /**
   * Python's {@code map(func, iterable, chunksize)}.
   *
   * @param task the function
   * @param items the input
   * @param chunksize items per task, at least 1
   * @param <T> the item type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <T, R> List<R> map(
      Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize)
      throws InterruptedException {
    return this.<T, R>mapAsync(task, items, chunksize).get();
  }

  /**
   * Python's {@code map_async(func, iterable)}.
   *
   * @param task the function
   * @param items the input
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <T, R> AsyncResult<List<R>> mapAsync(
      Task<? super T, ? extends R> task, Iterable<? extends T> items) {
    return submitMap("map", task, items, 0, Callbacks.none());
  }

  /**
   * Python's {@code map_async(func, iterable, chunksize)}.
   *
   * @param task the function
   * @param items the input
   * @param chunksize items per task, at least 1
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <T, R> AsyncResult<List<R>> mapAsync(
      Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize) {
    return submitMap("map", task, items, Checks.atLeastOne("chunksize", chunksize), Callbacks.none());
  }

  /**
   * Python's {@code map_async(func, iterable, callback=..., error_callback=...)}: the callback
   * gets the whole list, once.
   *
   * @param task the function
   * @param items the input
   * @param callbacks the callbacks
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <T, R> AsyncResult<List<R>> mapAsync(
      Task<? super T, ? extends R> task, Iterable<? extends T> items,
      Callbacks<? super List<R>> callbacks) {
    return submitMap("map", task, items, 0, callbacks);
  }

  /**
   * Python's {@code map_async(func, iterable, chunksize, callback, error_callback)}.
   *
   * @param task the function
   * @param items the input
   * @param chunksize items per task, at least 1
   * @param callbacks the callbacks
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <T, R> AsyncResult<List<R>> mapAsync(
      Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize,
      Callbacks<? super List<R>> callbacks) {
    return submitMap("map", task, items, Checks.atLeastOne("chunksize", chunksize), callbacks);
  }

  /**
   * {@code chunksize} 0 asks for Python's default. The input is read here, on the calling thread,
   * as Python's {@code map_async} reads one without a length: what its iterator throws comes out
   * of this call as it is, as in Python, and no task runs.
   */
  private <T, R> AsyncResult<List<R>> submitMap(
      String call, Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize,
      Callbacks<? super List<R>> callbacks) {
    Checks.notNull("task", task);
    Checks.notNull("items", items);
    Checks.notNull("callbacks", callbacks);
    dispatcher.checkAccepting(); // before the input is read: a closed pool consumes nothing
    dispatcher.checkTravels("task", task);
    Object[] array = materialise(items);
    int size = chunksize > 0 ? chunksize : defaultChunksize(array.length, options.workers());
    ListJob<T, R, List<R>> job =
        new ListJob<>(call, task, array, size, ListJob::asList, callbacks, dispatcher);
    if (array.length == 0) {
      job.completeEmpty();
    } else {
      dispatcher.submit(job);
    }
    return job.result();
  }

  /**
   * Python's default chunksize for {@code map}: {@code ceil(len / (4 * workers))}, at least 1.
   *
   * @param items the input's length
   * @param workers the worker count
   * @return the chunksize
   * @throws IllegalArgumentException if {@code items} is negative or {@code workers} below 1
   */
  public static int defaultChunksize(int items, int workers) {
    if (items < 0) {
      throw new IllegalArgumentException("items must be at least 0, got " + items);
    }
    Checks.atLeastOne("workers", workers);
    long perRound = 4L * workers;
    return (int) Math.max(1, (items + perRound - 1) / perRound);
  }

  private static Object[] materialise(Iterable<?> items) {
    if (items instanceof Collection<?> collection) {
      return collection.toArray();
    }
    List<Object> list = new ArrayList<>();
    for (Object item : items) {
      list.add(item);
    }
    return list.toArray();
  }

  // ---------------------------------------------------------------- starmap

  /**
   * Python's {@code starmap(func, iterable)} for a function of two arguments.
   *
   * @param task the function
   * @param items the argument pairs
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <A, B, R> List<R> starmap(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items) throws InterruptedException {
    return this.<A, B, R>starmapAsync(task, items).get();
  }

  /**
   * Python's {@code starmap(func, iterable, chunksize)}, two arguments.
   *
   * @param task the function
   * @param items the argument pairs
   * @param chunksize items per task, at least 1
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <A, B, R> List<R> starmap(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items, int chunksize)
      throws InterruptedException {
    return this.<A, B, R>starmapAsync(task, items, chunksize, Callbacks.none()).get();
  }

  /**
   * Python's {@code starmap_async(func, iterable)}, two arguments.
   *
   * @param task the function
   * @param items the argument pairs
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args2<? extends A, ? extends B> args) ->
        task.apply(args.first(), args.second()), items, 0, Callbacks.none());
  }

  /**
   * Python's {@code starmap_async(func, iterable, chunksize)}, two arguments.
   *
   * @param task the function
   * @param items the argument pairs
   * @param chunksize items per task, at least 1
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items, int chunksize) {
    return starmapAsync(task, items, chunksize, Callbacks.none());
  }

  /**
   * Python's {@code starmap_async(func, iterable, callback=..., error_callback=...)}, two
   * arguments, at the default chunksize: the callback gets the whole list, once.
   *
   * <pre>{@code
   * pool.starmapAsync((Integer a, Integer b) -> a * b, List.of(Args2.of(2, 3)),
   *     Callbacks.onResult(products -> System.out.println(products)));   // [6]
   * }</pre>
   *
   * @param task the function
   * @param items the argument pairs
   * @param callbacks the callbacks
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items,
      Callbacks<? super List<R>> callbacks) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args2<? extends A, ? extends B> args) ->
        task.apply(args.first(), args.second()), items, 0, callbacks);
  }

  /**
   * Python's {@code starmap_async(func, iterable, chunksize, callback, error_callback)}, two
   * arguments.
   *
   * @param task the function
   * @param items the argument pairs
   * @param chunksize items per task, at least 1
   * @param callbacks the callbacks
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      Task2<? super A, ? super B, ? extends R> task,
      Iterable<? extends Args2<? extends A, ? extends B>> items, int chunksize,
      Callbacks<? super List<R>> callbacks) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args2<? extends A, ? extends B> args) ->
        task.apply(args.first(), args.second()), items,
        Checks.atLeastOne("chunksize", chunksize), callbacks);
  }

  /**
   * Python's {@code starmap(func, iterable)} for a function of three arguments.
   *
   * @param task the function
   * @param items the argument triples
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <A, B, C, R> List<R> starmap3(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items)
      throws InterruptedException {
    return this.<A, B, C, R>starmap3Async(task, items).get();
  }

  /**
   * Python's {@code starmap(func, iterable, chunksize)}, three arguments.
   *
   * @param task the function
   * @param items the argument triples
   * @param chunksize items per task, at least 1
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws TaskFailedException if a task threw
   * @throws InterruptedException if interrupted while waiting
   */
  public <A, B, C, R> List<R> starmap3(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items, int chunksize)
      throws InterruptedException {
    return this.<A, B, C, R>starmap3Async(task, items, chunksize, Callbacks.none()).get();
  }

  /**
   * Python's {@code starmap_async(func, iterable)}, three arguments.
   *
   * @param task the function
   * @param items the argument triples
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, C, R> AsyncResult<List<R>> starmap3Async(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args3<? extends A, ? extends B, ? extends C> args) ->
        task.apply(args.first(), args.second(), args.third()), items, 0, Callbacks.none());
  }

  /**
   * Python's {@code starmap_async(func, iterable, chunksize)}, three arguments.
   *
   * @param task the function
   * @param items the argument triples
   * @param chunksize items per task, at least 1
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, C, R> AsyncResult<List<R>> starmap3Async(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items, int chunksize) {
    return starmap3Async(task, items, chunksize, Callbacks.none());
  }

  /**
   * Python's {@code starmap_async(func, iterable, callback=..., error_callback=...)}, three
   * arguments, at the default chunksize: the callback gets the whole list, once.
   *
   * @param task the function
   * @param items the argument triples
   * @param callbacks the callbacks
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, C, R> AsyncResult<List<R>> starmap3Async(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items,
      Callbacks<? super List<R>> callbacks) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args3<? extends A, ? extends B, ? extends C> args) ->
        task.apply(args.first(), args.second(), args.third()), items, 0, callbacks);
  }

  /**
   * Python's {@code starmap_async(func, iterable, chunksize, callback, error_callback)}, three
   * arguments.
   *
   * @param task the function
   * @param items the argument triples
   * @param chunksize items per task, at least 1
   * @param callbacks the callbacks
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @return the pending list of results
   */
  public <A, B, C, R> AsyncResult<List<R>> starmap3Async(
      Task3<? super A, ? super B, ? super C, ? extends R> task,
      Iterable<? extends Args3<? extends A, ? extends B, ? extends C>> items, int chunksize,
      Callbacks<? super List<R>> callbacks) {
    Checks.notNull("task", task);
    return submitMap("starmap", (Args3<? extends A, ? extends B, ? extends C> args) ->
        task.apply(args.first(), args.second(), args.third()), items,
        Checks.atLeastOne("chunksize", chunksize), callbacks);
  }

  // ---------------------------------------------------------------- imap

  /**
   * Python's {@code imap(func, iterable)}: lazy results in input order, chunksize 1.
   *
   * @param task the function
   * @param items the input; read lazily, never more than the read-ahead bound ahead
   * @param <T> the item type
   * @param <R> the result type
   * @return the result iterator
   */
  public <T, R> ResultIterator<R> imap(Task<? super T, ? extends R> task, Iterable<? extends T> items) {
    return imap(task, items, 1);
  }

  /**
   * Python's {@code imap(func, iterable, chunksize)}.
   *
   * @param task the function
   * @param items the input
   * @param chunksize items per task, at least 1
   * @param <T> the item type
   * @param <R> the result type
   * @return the result iterator
   */
  public <T, R> ResultIterator<R> imap(
      Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize) {
    return submitLazy("imap", task, items, chunksize, true);
  }

  /**
   * Python's {@code imap_unordered(func, iterable)}: lazy results in completion order
   * (input order with one worker), chunksize 1.
   *
   * @param task the function
   * @param items the input; read lazily
   * @param <T> the item type
   * @param <R> the result type
   * @return the result iterator
   */
  public <T, R> ResultIterator<R> imapUnordered(
      Task<? super T, ? extends R> task, Iterable<? extends T> items) {
    return imapUnordered(task, items, 1);
  }

  /**
   * Python's {@code imap_unordered(func, iterable, chunksize)}.
   *
   * @param task the function
   * @param items the input
   * @param chunksize items per task, at least 1
   * @param <T> the item type
   * @param <R> the result type
   * @return the result iterator
   */
  public <T, R> ResultIterator<R> imapUnordered(
      Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize) {
    return submitLazy("imap_unordered", task, items, chunksize, false);
  }

  private <T, R> ResultIterator<R> submitLazy(
      String call, Task<? super T, ? extends R> task, Iterable<? extends T> items, int chunksize,
      boolean ordered) {
    Checks.notNull("task", task);
    Checks.notNull("items", items);
    Checks.atLeastOne("chunksize", chunksize);
    dispatcher.checkAccepting(); // before items.iterator(): a closed pool consumes nothing
    dispatcher.checkTravels("task", task);
    LazyJob<T, R> job = new LazyJob<>(call, task, items, chunksize, ordered, dispatcher);
    dispatcher.submit(job);
    job.startReading(dispatcher.readers());
    return job;
  }

  // ---------------------------------------------------------------- life cycle

  /**
   * Python's {@code close()}: accepts no new work; what was submitted still runs (lazy iterators
   * go on as their consumers read). Returns at once; {@link #join()} waits.
   */
  public void shutdown() {
    dispatcher.shutdown();
  }

  /**
   * Python's {@code terminate()}: stops at once. Every pending result and iterator completes with
   * a {@link java.util.concurrent.CancellationException}, running tasks are interrupted, and the
   * workers exit; {@link #join()} waits for them.
   */
  public void terminate() {
    dispatcher.terminate();
  }

  /**
   * Python's {@code join()}: waits until every worker has exited. After {@link #shutdown()} that
   * is once every submitted call has run, a lazy iterator still open included: its workers stay
   * until it is read to its end or closed, so an abandoned one keeps {@code join()} waiting
   * ({@link #close()} and {@link #terminate()} stop it).
   *
   * @throws IllegalStateException if neither {@link #shutdown()}, {@link #close()} nor {@link
   *     #terminate()} was called (as Python's {@code ValueError}), or if called from a worker
   * @throws InterruptedException if interrupted while waiting
   */
  public void join() throws InterruptedException {
    checkJoinable();
    dispatcher.awaitWorkersGone(Long.MAX_VALUE);
  }

  /**
   * Waits at most {@code timeout} until every worker has exited.
   *
   * @param timeout how long, at least 0
   * @param unit the unit of {@code timeout}
   * @return whether every worker has exited
   * @throws IllegalStateException if the pool was not closed or terminated first
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = Checks.timeoutNanos(timeout, unit);
    checkJoinable();
    return dispatcher.awaitWorkersGone(nanos);
  }

  private void checkJoinable() {
    if (dispatcher.state() == Dispatcher.RUNNING) {
      throw new IllegalStateException(
          "join() needs shutdown(), close() or terminate() first: the pool is still running");
    }
    if (dispatcher.isWorkerThread(Thread.currentThread())) {
      throw new IllegalStateException("a worker of this pool cannot wait for its own pool to end");
    }
  }

  /**
   * Closes gracefully, as Java's {@code ExecutorService.close()}: {@link #shutdown()}, stop the
   * lazy iterators still open from reading further input, and wait until every submitted task
   * has run and every worker has exited. If interrupted while waiting it terminates the pool,
   * goes on waiting, and keeps the interrupt. Python's {@code with Pool()} terminates instead.
   */
  @Override
  public void close() {
    if (dispatcher.isWorkerThread(Thread.currentThread())) {
      throw new IllegalStateException("a worker of this pool cannot close its own pool");
    }
    shutdown();
    dispatcher.stopReadingAll();
    boolean interrupted = false;
    for (;;) {
      try {
        dispatcher.awaitWorkersGone(Long.MAX_VALUE);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        terminate();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether {@link #shutdown()}, {@link #close()} or {@link #terminate()} was called, or the pool
   * broke.
   *
   * @return true once the pool accepts no work
   */
  public boolean isShutdown() {
    return dispatcher.state() != Dispatcher.RUNNING;
  }

  /**
   * Calls submitted and not yet complete (for tests and diagnostics).
   *
   * @return the count
   */
  public int pendingCalls() {
    return dispatcher.unfinishedCalls();
  }

  @Override
  public String toString() {
    String[] states = {"running", "shut down", "terminated", "broken"};
    return "Pool[" + options.workers() + " " + options.backend().name().toLowerCase() + " workers, "
        + states[dispatcher.state()] + ", " + pendingCalls() + " calls pending]";
  }
}
