package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.cluster.ClusterOptions;
import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
  @TempDir Path state;

  @Test
  @Timeout(90)
  void shouldStartReportAndStopMembersInTheBackground() throws Exception {
    String dir = state.toString();
    String name = "poollab-cli-test-" + UUID.randomUUID();
    int port = freePort();
    Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    try {
      CliRun started = CliRun.of("cluster", "--state-dir", dir, "start", "--members", "1",
          "--port", String.valueOf(port), "--cluster-name", name);
      assertThat(started.exitCode()).as(started.err()).isZero();
      assertThat(started.out()).contains("127.0.0.1:" + port, "withClusterName(\"" + name + "\")");

      CliRun again = CliRun.of("cluster", "--state-dir", dir, "start", "--members", "1",
          "--port", String.valueOf(port), "--cluster-name", name);
      assertThat(again.exitCode()).isEqualTo(DataError.EXIT_CODE);
      assertThat(again.err()).contains("already running");

      CliRun status = CliRun.of("cluster", "--state-dir", dir, "status");
      assertThat(status.exitCode()).isZero();
      assertThat(status.out()).contains("127.0.0.1:" + port, "running");

      try (Pool pool = Pool.builder().backend(Backend.CLUSTER).workers(2)
          .cluster(ClusterOptions.connect("127.0.0.1:" + port).withClusterName(name)
              .withConnectTimeout(Duration.ofSeconds(20))).create()) {
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3));
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
      }
    } finally {
      CliRun stopped = CliRun.of("cluster", "--state-dir", dir, "stop");
      // whatever failed above, no member of this test outlives it
      ProcessHandle.current().children()
          .filter(p -> !before.contains(p.pid()))
          .forEach(ProcessHandle::destroyForcibly);
      assertThat(stopped.exitCode()).isZero();
      assertThat(stopped.out()).contains("Stopped 1 member(s).");
    }
    assertThat(CliRun.of("cluster", "--state-dir", dir, "status").out()).contains("No members started");
  }

  @Test
  void shouldRefuseBadArgumentsNamingThem() {
    CliRun none = CliRun.of("cluster", "--state-dir", state.toString(), "start", "--members", "0");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--members must be 1 to 64, got 0");
    CliRun name = CliRun.of("cluster", "--state-dir", state.toString(), "start", "--members", "1",
        "--cluster-name", "a b");
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(name.err()).contains("--cluster-name", "'a b'");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
