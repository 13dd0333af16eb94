package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.pool.Args2;
import io.poollab.pool.AsyncResult;
import io.poollab.pool.Backend;
import io.poollab.pool.Callbacks;
import io.poollab.pool.Pool;
import io.poollab.pool.PoolBrokenException;
import io.poollab.pool.ResultIterator;
import io.poollab.pool.TaskFailedException;
import io.poollab.pool.WorkerLocal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import javax.tools.ToolProvider;
import javax.tools.JavaCompiler;
import java.nio.file.Path;
import java.nio.file.Files;
import java.net.URLClassLoader;
import java.net.URL;
import io.poollab.pool.Task;

/**
 * The pool's behaviour on {@link Backend#CLUSTER}, with two members in this JVM (so that the
 * tests can count on the members' side through static fields: the chunks still travel as bytes
 * through a Hazelcast client and its TCP connections, as they would to another machine).
 */
@Timeout(60)
class ClusterPoolTest {
  private static TestCluster cluster;

  // seen on the members' side (same JVM); reset before each test
  static final AtomicInteger INITIALIZER_RUNS = new AtomicInteger();
  static final Set<String> MEMBER_THREADS = ConcurrentHashMap.newKeySet();
  static volatile CountDownLatch started = new CountDownLatch(0);
  static volatile CountDownLatch interrupted = new CountDownLatch(0);

  @BeforeAll
  static void startMembers() {
    cluster = TestCluster.start(2);
  }

  @AfterAll
  static void stopMembers() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void reset() {
    INITIALIZER_RUNS.set(0);
    MEMBER_THREADS.clear();
  }

  private static Pool pool(int workers) {
    return Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options()).workers(workers).create();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void shouldReturnMapResultsInInputOrder() throws Exception {
    try (Pool pool = pool(4)) {
      assertThat(pool.map(x -> x * x, range(1000)))
          .isEqualTo(range(1000).stream().map(x -> x * x).toList());
      assertThat(pool.map(x -> x + 1, range(50), 1)).isEqualTo(range(50).stream().map(x -> x + 1).toList());
      assertThat(pool.map(x -> -x, range(100), 1000)).hasSize(100).startsWith(0, -1, -2);
      assertThat(pool.starmap((Integer a, Integer b) -> a * b, List.of(Args2.of(2, 3), Args2.of(4, 5))))
          .containsExactly(6, 20);
      assertThat(pool.map(x -> x, List.<Integer>of())).isEmpty();
    }
  }

  @Test
  void shouldCountProgressChunkByChunkToTheTotal() throws Exception {
    List<long[]> seen = new CopyOnWriteArrayList<>();
    try (Pool pool = pool(2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> x, range(100), 10);
      result.progress().addListener((done, known, total) -> seen.add(new long[] {done, known}));
      assertThat(result.get(10, TimeUnit.SECONDS)).hasSize(100);
      assertThat(result.progress().done()).isEqualTo(100);
      assertThat(result.progress().totalKnown()).isTrue();
      assertThat(seen).allMatch(s -> s[0] <= s[1] && s[0] % 10 == 0); // a chunk at a time
    }
  }

  @Test
  void shouldReplaceTheWorkerOfATaskThatThrewAnError() throws Exception {
    try (Pool pool = pool(1)) {
      List<String> before = pool.map(x -> Thread.currentThread().getName(), range(2), 1);
      assertThatThrownBy(() -> pool.apply((Integer x) -> {
        throw new StackOverflowError("deep");
      }, 1)).isInstanceOf(TaskFailedException.class).hasRootCauseInstanceOf(StackOverflowError.class);
      List<String> after = pool.map(x -> Thread.currentThread().getName(), range(2), 1);
      // the pool worker was replaced, and with it its thread on the member
      assertThat(after.get(0)).isNotEqualTo(before.get(0));
    }
  }

  @Test
  void shouldRunChunksOnTheMembersAcrossWorkers() throws Exception {
    try (Pool pool = pool(4)) {
      List<String> threads = pool.map(x -> Thread.currentThread().getName(), range(400), 10);
      // each pool worker has a thread of its own on a member: 4 workers, 4 member threads
      assertThat(Set.copyOf(threads)).allMatch(name -> name.startsWith("poollab-member-worker-"))
          .hasSizeLessThanOrEqualTo(4);
    }
  }

  @Test
  void shouldReRaiseATaskExceptionAtItsPlaceAndKeepWorking() throws Exception {
    try (Pool pool = pool(2)) {
      assertThatThrownBy(() -> pool.map(x -> {
        if (x == 37) {
          throw new IllegalStateException("bad item " + x);
        }
        return x;
      }, range(100), 5))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("index 37")
          .hasRootCauseInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("bad item 37");
      assertThat(pool.map(x -> x * 2, range(10))).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    }
  }

  /**
   * One chunk whose results come back in several parts (see {@link ChunkParts}): every result in
   * its place, and a failure in a later part at its own index, not at its place in the part.
   */
  @Test
  void shouldGatherAChunkStreamedInPartsInOrderWithAFailureAtItsIndex() throws Exception {
    String pad = "y".repeat(1000);
    try (Pool pool = pool(1)) {
      List<String> results = pool.map(x -> x + pad, range(2000), 2000);
      assertThat(results).hasSize(2000);
      for (int i = 0; i < 2000; i++) {
        assertThat(results.get(i)).isEqualTo(i + pad);
      }
      assertThatThrownBy(() -> pool.map(x -> {
        if (x == 1777) {
          throw new IllegalStateException("bad item " + x);
        }
        return x + pad;
      }, range(2000), 2000))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("index 1777")
          .hasRootCauseMessage("bad item 1777");
    }
  }

  @Test
  void shouldRunApplyAsyncCallbacksInTheCallersJvm() throws Exception {
    List<Object> seen = new CopyOnWriteArrayList<>(); // not serializable: the callbacks stay here
    try (Pool pool = pool(2)) {
      AsyncResult<Integer> ok = pool.applyAsync((Integer x) -> x + 1, 41,
          Callbacks.of(seen::add, seen::add));
      assertThat(ok.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      assertThat(seen).containsExactly(42); // has run before get() returned
      AsyncResult<Integer> bad = pool.applyAsync((Integer x) -> {
        throw new IllegalArgumentException("no " + x);
      }, 7, Callbacks.of(seen::add, seen::add));
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(TaskFailedException.class);
      assertThat(seen).hasSize(2);
      assertThat(seen.get(1)).isInstanceOf(Throwable.class);
      assertThat(pool.apply((Integer x) -> x * 3, 5)).isEqualTo(15);
    }
  }

  @Test
  void shouldStreamImapInOrderAndImapUnorderedCompletely() throws Exception {
    try (Pool pool = pool(3)) {
      List<Integer> ordered = new ArrayList<>();
      try (ResultIterator<Integer> it = pool.imap(x -> x * 10, range(200), 7)) {
        it.forEachRemaining(ordered::add);
      }
      assertThat(ordered).isEqualTo(range(200).stream().map(x -> x * 10).toList());
      List<Integer> unordered = new ArrayList<>();
      // a one-shot iterable (not a list) goes through the pool's reader thread
      Iterable<Integer> oneShot = () -> range(100).iterator();
      try (ResultIterator<Integer> it = pool.imapUnordered(x -> x + 1, oneShot)) {
        it.forEachRemaining(unordered::add);
      }
      assertThat(unordered).containsExactlyInAnyOrderElementsOf(range(100).stream().map(x -> x + 1).toList());
    }
  }

  @Test
  void shouldRunTheInitializerOncePerWorkerOnTheMemberWithWorkerLocal() throws Exception {
    WorkerLocal<AtomicInteger> counter = WorkerLocal.of((Callable<AtomicInteger> & Serializable) () -> {
      INITIALIZER_RUNS.incrementAndGet();
      return new AtomicInteger();
    });
    try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options()).workers(2)
        .initializer((Runnable & Serializable) counter::initialize).create()) {
      List<String> seen = pool.map(
          x -> Thread.currentThread().getName() + "=" + counter.get().incrementAndGet(), range(200), 4);
      Map<String, List<Integer>> countsByThread = seen.stream().collect(Collectors.groupingBy(
          s -> s.substring(0, s.indexOf('=')),
          Collectors.mapping(s -> Integer.parseInt(s.substring(s.indexOf('=') + 1)), Collectors.toList())));
      // one value per worker, made once (by the initializer), and used by every task of that worker
      assertThat(INITIALIZER_RUNS).hasValue(countsByThread.size());
      assertThat(countsByThread.size()).isBetween(1, 2);
      countsByThread.values().forEach(counts -> assertThat(counts)
          .isEqualTo(IntStream.rangeClosed(1, counts.size()).boxed().toList()));
    }
    // maxTasksPerWorker: a replaced worker is a new member thread, initialized again
    INITIALIZER_RUNS.set(0);
    try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options()).workers(1)
        .maxTasksPerWorker(2).initializer((Runnable & Serializable) counter::initialize).create()) {
      assertThat(pool.map(x -> counter.get().incrementAndGet(), range(6), 1))
          .containsExactly(1, 2, 1, 2, 1, 2);
      // three workers ran the tasks; the one replacing the third starts at once and runs the
      // initializer on its member when it starts, as Python's replacement process does, so a
      // fourth run may or may not have happened by now
      assertThat(INITIALIZER_RUNS.get()).isBetween(3, 4);
    }
  }

  @Test
  void shouldCancelPendingResultsAndRemoteWorkOnTerminate() throws Exception {
    started = new CountDownLatch(2);
    interrupted = new CountDownLatch(2);
    Pool pool = pool(2);
    try {
      AsyncResult<List<Integer>> pending = pool.mapAsync(x -> {
        started.countDown();
        try {
          new CountDownLatch(1).await(); // runs until the member interrupts it
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
        return x;
      }, range(2), 1);
      assertThat(started.await(20, TimeUnit.SECONDS)).as("both chunks running on members").isTrue();
      pool.terminate();
      assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("remote tasks interrupted").isTrue();
      assertThat(pool.join(15, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.terminate();
    }
  }

  @Test
  void shouldRefuseATaskThatCannotTravelAtTheCall() throws Exception {
    Object notSerializable = new Object();
    try (Pool pool = pool(1)) {
      assertThatThrownBy(() -> pool.map(x -> x + notSerializable.hashCode(), range(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("task cannot travel")
          .hasMessageContaining("java.lang.Object");
      Callable<Integer> plain = () -> 1; // a Callable lambda is not serializable
      assertThatThrownBy(() -> pool.applyAsync(plain))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("task cannot travel")
          .hasMessageContaining("Lambda");
      assertThat(pool.map(x -> x, range(3))).containsExactly(0, 1, 2); // and the pool goes on
    }
  }

  /**
   * A task whose class only the caller has (compiled here, loaded by a class loader of its own):
   * the member says it cannot load the class and where its classes come from, the call fails with
   * that cause, and the pool goes on.
   */
  @Test
  void shouldSayWhenAMemberCannotLoadTheTasksClass(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("OnlyHere.java");
    Files.writeString(source, """
        public class OnlyHere implements io.poollab.pool.Task<Integer, Integer> {
          public Integer apply(Integer x) { return x + 1; }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
        "-d", dir.toString(), source.toString())).isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        Pool pool = pool(1)) {
      @SuppressWarnings("unchecked")
      Task<Integer, Integer> onlyHere =
          (Task<Integer, Integer>) loader.loadClass("OnlyHere").getConstructor().newInstance();
      assertThat(onlyHere.apply(1)).isEqualTo(2); // it works here

      assertThatThrownBy(() -> pool.map(onlyHere, range(3)))
          .isInstanceOf(TaskFailedException.class)
          .rootCause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot load class OnlyHere")
          .hasMessageContaining("class path");
      assertThat(pool.map(x -> x, range(3))).containsExactly(0, 1, 2);
    }
  }

  static final AtomicInteger FACTORY_RUNS = new AtomicInteger();

  /**
   * A worker's value lives as long as the worker, collections in between included: the member
   * keeps the worker's task and initializer, through which the value is reached.
   */
  @Test
  void shouldKeepAWorkersValueAcrossGarbageCollections() throws Exception {
    FACTORY_RUNS.set(0);
    WorkerLocal<AtomicInteger> counter = WorkerLocal.of((Callable<AtomicInteger> & Serializable) () -> {
      FACTORY_RUNS.incrementAndGet();
      return new AtomicInteger();
    });
    try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options()).workers(1)
        .initializer((Runnable & Serializable) counter::initialize).create()) {
      assertThat(pool.map(x -> counter.get().incrementAndGet(), List.of(0, 0), 1)).containsExactly(1, 2);
      for (int i = 0; i < 3; i++) {
        java.lang.ref.WeakReference<Object> probe = new java.lang.ref.WeakReference<>(new Object());
        for (int tries = 0; probe.get() != null && tries < 100; tries++) {
          System.gc();
        }
        assertThat(probe.get()).as("a collection ran").isNull();
      }

      assertThat(pool.map(x -> counter.get().incrementAndGet(), List.of(0, 0), 1)).containsExactly(3, 4);
      assertThat(FACTORY_RUNS).as("the factory ran once: one worker, one value").hasValue(1);
    }
  }

  @Test
  void shouldRefuseAnInitializerThatCannotTravelAtCreation() {
    Runnable plain = () -> { };
    assertThatThrownBy(() -> Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options())
        .initializer(plain).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initializer cannot travel")
        .hasMessageContaining("(Runnable & Serializable)");
  }

  @Test
  void shouldFailAnItemWhoseResultCannotTravelBack() throws Exception {
    try (Pool pool = pool(1)) {
      assertThatThrownBy(() -> pool.map(x -> new Object(), range(2)))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("index 0")
          .hasMessageContaining("java.lang.Object is not serializable");
    }
  }

  @Test
  void shouldBreakThePoolOnceWhenTheInitializerThrowsOnAMember() throws Exception {
    try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(cluster.options()).workers(2)
        .initializer((Runnable & Serializable) () -> {
          throw new IllegalStateException("no database");
        }).create()) {
      assertThatThrownBy(() -> pool.map(x -> x, range(10)))
          .isInstanceOf(PoolBrokenException.class)
          .hasMessageContaining("no database");
      assertThatThrownBy(() -> pool.map(x -> x, range(10))).isInstanceOf(PoolBrokenException.class);
    }
  }

  @Test
  void shouldRefuseBadClusterOptionsNamingTheInput() {
    assertThatThrownBy(() -> ClusterOptions.connect("localhost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost' (no port)");
    assertThatThrownBy(() -> ClusterOptions.connect("h:99999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port out of 1-65535");
    assertThatThrownBy(() -> ClusterOptions.localMembers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localMembers must be at least 1, got 0");
    assertThatThrownBy(() -> ClusterOptions.connect("127.0.0.1:5701").withClusterName("a b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
    assertThatThrownBy(() -> Pool.builder().backend(Backend.CLUSTER).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend CLUSTER needs a cluster");
    assertThatThrownBy(() -> Pool.builder().cluster(cluster.options()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only for backend CLUSTER");
  }

  @Test
  void shouldNameAnUnreachableMemberWithinTheConnectTimeout() {
    String nobody = "127.0.0.1:" + TestCluster.freePort();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Pool.builder().backend(Backend.CLUSTER)
        .cluster(ClusterOptions.connect(nobody).withClusterName(cluster.name)
            .withConnectTimeout(java.time.Duration.ofSeconds(2)))
        .create())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(nobody);
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
  }
}
