package io.poollab.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Objects;

/**
 * One cluster member in this JVM: what {@link MemberMain} runs in a member process, and what
 * tests start in their own JVM. It binds to the address it is given (127.0.0.1 by default), joins
 * only the listed members over TCP/IP (multicast and auto-detection off), sends nothing home,
 * keeps no metrics and logs only warnings.
 *
 * <pre>{@code
 * try (ClusterMember member = ClusterMember.start("my-cluster", "127.0.0.1", 5701, List.of("127.0.0.1:5701"))) {
 *   Pool pool = Pool.builder().backend(Backend.CLUSTER)
 *       .cluster(ClusterOptions.connect(member.address()).withClusterName("my-cluster")).create();
 * }
 * }</pre>
 */
public final class ClusterMember implements AutoCloseable {
  /** The Hazelcast executor the pool's chunks run through. */
  static final String EXECUTOR = "poollab";
  /** Hazelcast threads that may wait for chunks at once on one member (each waits on its worker's thread). */
  static final int EXECUTOR_THREADS = 512;

  private final HazelcastInstance hazelcast;

  private ClusterMember(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  /**
   * Starts a member.
   *
   * @param clusterName the cluster's name: members and pools of other names never join it
   * @param host the address to bind to, for example 127.0.0.1
   * @param port the port, 1 to 65535
   * @param members the members to join, as host:port (may include this one)
   * @return the started member
   * @throws IllegalArgumentException if an argument is not allowed
   */
  public static ClusterMember start(String clusterName, String host, int port, List<String> members) {
    Quiet.hazelcast();
    return new ClusterMember(Hazelcast.newHazelcastInstance(config(clusterName, host, port, members)));
  }

  static Config config(String clusterName, String host, int port, List<String> members) {
    ClusterOptions.checkClusterName(clusterName);
    Objects.requireNonNull(host, "host must not be null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    members.forEach(ClusterOptions::checkAddress);
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setInstanceName(clusterName + "-" + port);
    Quiet.properties().forEach(config::setProperty);
    // bind to the given address only, never to every interface
    config.setProperty("hazelcast.socket.bind.any", "false");
    // a member killed mid-map is noticed within seconds, so its chunks move on soon
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.setPublicAddress(host + ":" + port);
    network.getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty()
        ? List.of(host + ":" + port) : members);
    config.getExecutorConfig(EXECUTOR).setPoolSize(EXECUTOR_THREADS).setStatisticsEnabled(false);
    // nothing reads a member's metrics; collecting and publishing them to JMX every few seconds
    // cost compiler time for as long as a profile of the word job ran
    config.getMetricsConfig().setEnabled(false);
    return config;
  }

  /**
   * The address clients connect to.
   *
   * @return host:port
   */
  public String address() {
    var address = hazelcast.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /**
   * How many members the cluster has now, as this member sees it.
   *
   * @return the member count
   */
  public int clusterSize() {
    return hazelcast.getCluster().getMembers().size();
  }

  /** Stops the member at once (it holds no data the cluster needs). */
  @Override
  public void close() {
    hazelcast.getLifecycleService().terminate();
  }
}
