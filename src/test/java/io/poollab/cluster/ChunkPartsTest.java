package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A chunk's parts of results, handed over step by step. */
@Timeout(30)
class ChunkPartsTest {
  private final ExecutorService takers = Executors.newCachedThreadPool();

  @AfterEach
  void stopTakers() {
    takers.shutdownNow();
  }

  @Test
  void shouldHandEachPartOverOnceInOrderAndWaitForOneNotAddedYet() throws Exception {
    ChunkParts parts = new ChunkParts(7);
    parts.add(new byte[] {1});
    assertThat(parts.take(0)).containsExactly(1);
    assertThat(parts.take(0)).as("taken already: its bytes are not kept").isNull();

    Future<byte[]> second = takers.submit(() -> parts.take(1));
    waitUntilWaiting(second);
    assertThat(second).isNotDone();
    parts.add(new byte[] {2});
    assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly(2);
  }

  @Test
  void shouldReleaseAWaitingTakerWhenTheChunkEndsWithoutItsPart() throws Exception {
    ChunkParts parts = new ChunkParts(8);
    Future<byte[]> waiting = takers.submit(() -> parts.take(0));
    waitUntilWaiting(waiting);

    parts.end(new CancellationException("the worker was released on this member"));

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(parts.endReason()).isInstanceOf(CancellationException.class)
        .hasMessageContaining("released");
    parts.add(new byte[] {3}); // a part that comes after the end is not wanted any more
    assertThat(parts.take(0)).isNull();
  }

  @Test
  void shouldKeepThePartsAddedBeforeAnEndWithoutReason() throws Exception {
    ChunkParts parts = new ChunkParts(9);
    parts.add(new byte[] {4});
    parts.end(null);
    parts.end(new IllegalStateException("too late")); // only the first end counts
    assertThat(parts.take(0)).containsExactly(4);
    assertThat(parts.take(1)).isNull();
    assertThat(parts.endReason()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunk 9").hasMessageContaining("after 1 parts");
  }

  /**
   * A cancelled chunk's last part, finished after the cancellation (its items saw it), is not
   * handed over: its waiter learns that the chunk was cancelled, as it would had the cancellation
   * ended the stream first.
   */
  @Test
  void shouldDropAPartAddedAfterTheChunkWasCancelledAndSaySo() throws Exception {
    ChunkParts parts = new ChunkParts(12);
    parts.add(new byte[] {1});
    parts.cancel();
    parts.add(new byte[] {2}); // the worker thread's part of items that failed as cancelled
    parts.end(null); // the chunk's run then completed before the cancellation reached it
    assertThat(parts.take(0)).containsExactly(1);
    assertThat(parts.take(1)).isNull();
    assertThat(parts.endReason()).isInstanceOf(CancellationException.class)
        .hasMessageContaining("chunk 12");
  }

  /** Until the taker's thread waits on the parts (or gave up with a result). */
  private static void waitUntilWaiting(Future<byte[]> taker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!taker.isDone() && !anyTakerWaiting()) {
      assertThat(System.nanoTime()).as("the taker waits").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private static boolean anyTakerWaiting() {
    return Thread.getAllStackTraces().entrySet().stream().anyMatch(e ->
        e.getKey().getState() == Thread.State.WAITING
        && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(ChunkParts.class.getName())));
  }
}
