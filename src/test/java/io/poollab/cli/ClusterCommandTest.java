package io.poollab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.cluster.ClusterOptions;
import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
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
          "--port", String.valueOf(port), "--cluster-name", name, "--jvm-option=-Dpoollab.test.marker=" + name);
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
        assertThat(pool.map(x -> System.getProperty("poollab.test.marker"), List.of(1)).get(0))
            .as("the member ran with --jvm-option").isEqualTo(name);
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
    CliRun option = CliRun.of("cluster", "--state-dir", state.toString(), "start", "--members", "1",
        "--jvm-option=-jar");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).contains("--jvm-option", "'-jar'", "class path and main class");
    CliRun two = CliRun.of("cluster", "--state-dir", state.toString(), "start", "--members", "1",
        "--jvm-option=-Xmx1g -Xms1g");
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err()).contains("--jvm-option '-Xmx1g -Xms1g' holds several options; give one JVM option per"
        + " --jvm-option and repeat it for more, as in --jvm-option=-Xmx1g --jvm-option=-Xms1g");
    assertThat(state.resolve("members.txt")).doesNotExist(); // refused before any member started
  }

  @Test
  void shouldRefuseAStatusOfAStateDirThatIsAFileOrSomeoneElses() throws IOException {
    Path file = Files.writeString(state.resolve("afile"), "mine");
    Path foreign = Files.createDirectories(state.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");

    CliRun ofFile = CliRun.of("cluster", "--state-dir", file.toString(), "status");
    CliRun ofForeign = CliRun.of("cluster", "--state-dir", foreign.toString(), "status");

    assertThat(ofFile.exitCode()).isEqualTo(DataError.EXIT_CODE);
    assertThat(ofFile.err().strip()).isEqualTo("status: --state-dir " + file
        + " is a file; give a folder for the members' pids and logs");
    assertThat(ofFile.out()).doesNotContain("No members started");
    assertThat(ofForeign.exitCode()).isEqualTo(DataError.EXIT_CODE);
    assertThat(ofForeign.err()).contains("holds files 'cluster start' did not write (notes.txt)");
    assertThat(file).hasContent("mine");
  }

  @Test
  void shouldLeaveAStateFolderOfSomeoneElsesAlone() throws IOException {
    Path notes = Files.writeString(state.resolve("notes.txt"), "mine");
    CliRun start;
    // the port is taken, so that no member can start even if the folder's check were missed
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      start = CliRun.of("cluster", "--state-dir", state.toString(), "start", "--members", "1",
          "--port", String.valueOf(taken.getLocalPort()));
    }
    CliRun stop = CliRun.of("cluster", "--state-dir", state.toString(), "stop");

    assertThat(start.exitCode()).isEqualTo(DataError.EXIT_CODE);
    assertThat(stop.exitCode()).isEqualTo(DataError.EXIT_CODE);
    assertThat(start.err().strip()).isEqualTo("start: --state-dir " + state + " holds files 'cluster start' did"
        + " not write (notes.txt); give a new folder, or the one 'cluster start' used");
    assertThat(stop.err()).contains("holds files 'cluster start' did not write (notes.txt)");
    assertThat(notes).hasContent("mine");
    try (var files = Files.list(state)) {
      assertThat(files).containsExactly(notes);
    }
  }

  @Test
  void shouldNotRemoveAMembersFileItDidNotWrite() throws IOException {
    Path members = Files.writeString(state.resolve("members.txt"), "alice\nbob\n");

    CliRun stop = CliRun.of("cluster", "--state-dir", state.toString(), "stop");

    assertThat(stop.exitCode()).isEqualTo(DataError.EXIT_CODE);
    assertThat(stop.err()).contains("cannot read " + members + " as the members 'cluster start' recorded");
    assertThat(members).hasContent("alice\nbob\n");
  }

  @Test
  void shouldAskForASubcommandWhenGivenNone() {
    CliRun bare = CliRun.of("cluster", "--state-dir", state.toString());

    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("Missing required subcommand").contains("start", "status", "stop");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
