package io.poollab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Members in the test's own JVM, on 127.0.0.1, under a cluster name of their own (so that tests
 * running at the same time never meet), and the options that connect a pool to them.
 */
final class TestCluster implements AutoCloseable {
  final String name = "poollab-test-" + UUID.randomUUID();
  final List<String> addresses = new ArrayList<>();
  final List<ClusterMember> members = new ArrayList<>();

  /** Starts {@code count} members that know each other. */
  static TestCluster start(int count) {
    TestCluster cluster = new TestCluster();
    try {
      for (int i = 0; i < count; i++) {
        cluster.addresses.add("127.0.0.1:" + freePort());
      }
      for (String address : cluster.addresses) {
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        cluster.members.add(ClusterMember.start(cluster.name, "127.0.0.1", port, cluster.addresses));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  ClusterOptions options() {
    return ClusterOptions.connect(addresses.toArray(String[]::new))
        .withClusterName(name)
        .withConnectTimeout(Duration.ofSeconds(10));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (ClusterMember member : members) {
      member.close();
    }
  }
}
