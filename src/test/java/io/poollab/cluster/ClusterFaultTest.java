package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.poollab.pool.AsyncResult;
import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import io.poollab.pool.PoolBrokenException;
import io.poollab.pool.ResultIterator;
import io.poollab.workload.DefaultDataset;
import io.poollab.workload.ReferenceList;
import io.poollab.workload.WordHasher;
import io.poollab.workload.WordList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Members that die under a running call: their chunks move on, or the pool breaks; never a hang. */
class ClusterFaultTest {
  /** Holds the in-process member's chunks until the test lets them go. */
  static volatile CountDownLatch release = new CountDownLatch(0);
  static volatile CountDownLatch running = new CountDownLatch(0);

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /**
   * Waits until the member process has joined the in-process member, and returns options that
   * connect a pool to both.
   */
  private static ClusterOptions joined(TestCluster here, LocalMembers process) {
    await().atMost(Duration.ofSeconds(30)).until(() -> here.members.get(0).clusterSize() == 2);
    List<String> everyone = new ArrayList<>(here.addresses);
    everyone.addAll(process.addresses());
    return ClusterOptions.connect(everyone.toArray(String[]::new))
        .withClusterName(here.name).withConnectTimeout(Duration.ofSeconds(20));
  }

  @Test
  @Timeout(120)
  void shouldResubmitTheChunksOfAKilledMemberProcessAndComplete() throws Exception {
    try (TestCluster here = TestCluster.start(1);
         LocalMembers process = LocalMembers.start(1, here.name, Duration.ofSeconds(60), here.addresses)) {
      ClusterOptions options = joined(here, process);
      Process child = process.processes().get(0);
      long self = ProcessHandle.current().pid();
      List<String> results = new ArrayList<>();
      boolean killed = false;
      int resultsAtKill = -1;
      try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(options).workers(2).create();
           ResultIterator<String> it = pool.imap(x -> {
             Thread.sleep(10); // a task that takes a while, so that the kill lands mid-chunk
             return x + "@" + ProcessHandle.current().pid();
           }, range(300), 3)) {
        while (it.hasNext()) {
          String result = it.next();
          results.add(result);
          if (!killed && result.endsWith("@" + child.pid())) {
            child.destroyForcibly(); // SIGKILL, with chunks of it in flight
            killed = true;
            resultsAtKill = results.size();
          }
        }
      }
      assertThat(killed).as("the member process ran chunks before it was killed").isTrue();
      assertThat(resultsAtKill).isLessThan(300);
      assertThat(results).hasSize(300);
      for (int i = 0; i < 300; i++) {
        assertThat(results.get(i)).startsWith(i + "@");
      }
      // once the member was gone, everything ran on the one left, here
      assertThat(results.get(299)).isEqualTo("299@" + self);
    }
  }

  @Test
  @Timeout(180)
  void shouldCompleteTheMillionWordMapWhenAMemberProcessIsKilledMidCall() throws Exception {
    // the lab's default list: the real one when it is there, else the stand-in (as the README's test)
    List<String> words = WordList.load(DefaultDataset.resolve(Path.of("datasets")));
    assertThat(words).hasSize((int) ReferenceList.WORDS);
    List<String> expected = words.stream().map(WordHasher::sha512Hex).toList();
    try (TestCluster here = TestCluster.start(1);
         LocalMembers process = LocalMembers.start(1, here.name, Duration.ofSeconds(60), here.addresses)) {
      ClusterOptions options = joined(here, process);
      Process child = process.processes().get(0);
      try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(options).workers(4).create()) {
        // 4 workers round-robin over 2 members: 2 of them always have a chunk on the child
        AsyncResult<List<String>> hashes = pool.mapAsync(WordHasher::sha512Hex, words, 5_000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
            .until(() -> hashes.progress().done() >= 20_000 || hashes.ready());
        long doneAtKill = hashes.progress().done();
        child.destroyForcibly(); // SIGKILL, with its chunks in flight
        assertThat(doneAtKill).as("the kill landed before the map ended").isLessThan(words.size());
        List<String> got = hashes.get(120, TimeUnit.SECONDS);
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got).hasSize((int) ReferenceList.WORDS);
        assertThat(got.equals(expected)).as("every digest in its place").isTrue();
        assertThat(new HashSet<>(got)).hasSize((int) ReferenceList.DISTINCT);
      }
    }
  }

  @Test
  @Timeout(60)
  void shouldBreakThePoolWhenNoMemberIsLeft() throws Exception {
    running = new CountDownLatch(2);
    release = new CountDownLatch(1);
    TestCluster cluster = TestCluster.start(1);
    Pool pool = null;
    try {
      pool = Pool.builder().backend(Backend.CLUSTER).workers(2)
          .cluster(cluster.options().withConnectTimeout(Duration.ofSeconds(3))).create();
      AsyncResult<List<Integer>> pending = pool.mapAsync(x -> {
        running.countDown();
        release.await(); // held until the member is gone
        return x;
      }, range(4), 1);
      assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
      cluster.close(); // the only member goes away
      assertThatThrownBy(() -> pending.get(30, TimeUnit.SECONDS))
          .isInstanceOf(PoolBrokenException.class)
          .hasMessageContaining("no cluster member left")
          .hasMessageContaining(cluster.addresses.get(0));
      Pool broken = pool;
      assertThatThrownBy(() -> broken.map(x -> x, range(2))).isInstanceOf(PoolBrokenException.class);
    } finally {
      release.countDown(); // the member's worker threads (daemons in this JVM) end
      if (pool != null) {
        pool.terminate();
        assertThat(pool.join(20, TimeUnit.SECONDS)).isTrue();
      }
      cluster.close();
    }
  }
}
