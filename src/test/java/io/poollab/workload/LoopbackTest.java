package io.poollab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LoopbackTest {

  @Test
  @Timeout(20)
  void shouldEchoEachRequestOverOneKeptConnection() throws IOException {
    try (LoopbackServer server = LoopbackServer.start(0);
        LoopbackTask task = new LoopbackTask(server.port())) {
      for (long value = -5; value < 100; value++) {
        assertThat(task.run(value)).isEqualTo(value);
      }
      assertThat(task.apply(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
      assertThat(server.acceptedConnections()).as("sequential calls reuse one connection")
          .isEqualTo(1);
    }
  }

  @Test
  @Timeout(30)
  void shouldServeAThousandConcurrentCallsAtOnce() throws Exception {
    int calls = 1000;
    long delayMillis = 100;
    try (LoopbackServer server = LoopbackServer.start(delayMillis);
        LoopbackTask task = new LoopbackTask(server.port());
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> replies = new ArrayList<>();
      for (long i = 0; i < calls; i++) {
        long value = i;
        replies.add(callers.submit(() -> {
          start.await();
          return task.run(value);
        }));
      }
      long begin = System.nanoTime();
      start.countDown();
      for (int i = 0; i < calls; i++) {
        assertThat(replies.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(i);
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      // one call after another would take calls * delay = 100 s; wide margin on purpose
      assertThat(elapsedMillis).isLessThan(calls * delayMillis / 10);
      assertThat(server.acceptedConnections()).isBetween(1L, (long) calls);
    }
  }

  @Test
  @Timeout(20)
  void shouldFreeThePortOnClose() throws IOException {
    LoopbackServer server = LoopbackServer.start(5);
    int port = server.port();
    try (LoopbackTask task = new LoopbackTask(port)) {
      assertThat(task.run(1)).isEqualTo(1);
      server.close();
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .isInstanceOf(ConnectException.class);
      // the kept connection was closed by the server; the retry cannot connect either
      assertThatThrownBy(() -> task.run(2)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void shouldRefuseBadArguments() {
    assertThatThrownBy(() -> LoopbackServer.start(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delayMillis must be >= 0, was -1");
    assertThatThrownBy(() -> new LoopbackTask(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 1 and 65535, was 0");
  }

  @Test
  void shouldRefuseCallsAfterClose() {
    LoopbackTask task = new LoopbackTask(9);
    task.close();
    assertThatThrownBy(() -> task.run(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the loopback task is closed");
  }
}
