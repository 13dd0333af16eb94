package io.poollab.cluster;

import io.poollab.pool.ChunkExecutor;
import io.poollab.pool.PoolOptions;
import io.poollab.pool.RemoteBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * Where a {@link io.poollab.pool.Backend#CLUSTER} pool runs: members already running at the given
 * addresses, or {@code localMembers} member JVMs that the pool starts on this machine (on
 * 127.0.0.1) and stops when it closes.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.localMembers(2)).workers(4).create()) {
 *   List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * Pool remote = Pool.builder().backend(Backend.CLUSTER)
 *     .cluster(ClusterOptions.connect("127.0.0.1:5701", "127.0.0.1:5702").withClusterName("lab")).create();
 * // members with a fixed, pre-touched heap: busy from their first task instead of growing into it
 * ClusterOptions steady = ClusterOptions.localMembers(2)
 *     .withMemberJvmOptions("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
 * }</pre>
 *
 * @param members the members to connect to, as host:port; empty when {@code localMembers} is set
 * @param localMembers member processes to start on this machine, 0 to connect to {@code members}
 * @param clusterName the cluster's name: a pool joins only members of this name
 * @param connectTimeout how long creating the pool may wait for the members (and how long a pool
 *     that lost every member waits for one before it breaks)
 * @param memberJvmOptions options of the {@code localMembers}' JVMs (heap, collector, {@code -D}
 *     properties), before the pool's own; empty for the JVM's defaults, and always empty when
 *     connecting to members that run already
 */
public record ClusterOptions(
    List<String> members,
    int localMembers,
    String clusterName,
    Duration connectTimeout,
    List<String> memberJvmOptions)
    implements RemoteBackend {

  /** The cluster name that {@link #connect(String...)} assumes and {@code cluster start} uses. */
  public static final String DEFAULT_CLUSTER_NAME = "poollab";
  /** The default {@link #connectTimeout()}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Checks every option; see the class comment for what is allowed. */
  public ClusterOptions {
    Objects.requireNonNull(members, "members must not be null");
    members = List.copyOf(members);
    if (localMembers < 0) {
      throw new IllegalArgumentException("localMembers must be at least 0, got " + localMembers);
    }
    if (localMembers == 0 && members.isEmpty()) {
      throw new IllegalArgumentException(
          "members must name at least one member as host:port, or localMembers must be at least 1");
    }
    if (localMembers > 0 && !members.isEmpty()) {
      throw new IllegalArgumentException("give either members " + members
          + " or localMembers " + localMembers + ", not both");
    }
    members.forEach(ClusterOptions::checkAddress);
    checkClusterName(clusterName);
    Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    Objects.requireNonNull(memberJvmOptions, "memberJvmOptions must not be null");
    memberJvmOptions.forEach(ClusterOptions::checkJvmOption);
    memberJvmOptions = List.copyOf(memberJvmOptions);
    if (localMembers == 0 && !memberJvmOptions.isEmpty()) {
      throw new IllegalArgumentException("memberJvmOptions " + memberJvmOptions
          + " apply only to members the pool starts (localMembers); members at " + members
          + " run with the options they were started with");
    }
  }

  /**
   * Options without member JVM options: the JVM's defaults for {@code localMembers}.
   *
   * @param members the members to connect to, or empty
   * @param localMembers member processes to start, or 0
   * @param clusterName the cluster's name
   * @param connectTimeout how long to wait for the members
   */
  public ClusterOptions(
      List<String> members, int localMembers, String clusterName, Duration connectTimeout) {
    this(members, localMembers, clusterName, connectTimeout, List.of());
  }

  /**
   * Members already running (see {@link MemberMain}), of cluster {@value #DEFAULT_CLUSTER_NAME}.
   *
   * @param addresses host:port of one or more members
   * @return the options
   */
  public static ClusterOptions connect(String... addresses) {
    Objects.requireNonNull(addresses, "addresses must not be null");
    return new ClusterOptions(List.of(addresses), 0, DEFAULT_CLUSTER_NAME, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * {@code count} member JVMs on this machine, started with the pool and stopped when it closes;
   * a cluster name of their own, so that they never meet another pool's members.
   *
   * @param count at least 1
   * @return the options
   */
  public static ClusterOptions localMembers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("localMembers must be at least 1, got " + count);
    }
    return new ClusterOptions(
        List.of(), count, "poollab-" + UUID.randomUUID(), DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * The same options with another cluster name.
   *
   * @param name letters, digits, '.', '_' and '-'
   * @return the options
   */
  public ClusterOptions withClusterName(String name) {
    return new ClusterOptions(members, localMembers, name, connectTimeout, memberJvmOptions);
  }

  /**
   * The same options with another connect timeout.
   *
   * @param timeout positive
   * @return the options
   */
  public ClusterOptions withConnectTimeout(Duration timeout) {
    return new ClusterOptions(members, localMembers, clusterName, timeout, memberJvmOptions);
  }

  /**
   * The same options with the given options for the local members' JVMs, such as {@code -Xmx1g}
   * or {@code -Dkey=value}. The pool sets the class path and the main class itself.
   *
   * @param options JVM options, each starting with '-', one option per element (not
   *     {@code "-Xmx1g -Xms1g"}; a value may hold spaces); not the class path, {@code -jar}, a module to run, or Hazelcast's phone-home (the
   *     pool keeps it off)
   * @return the options
   * @throws IllegalArgumentException naming the option that is not allowed, or when the pool
   *     connects to members that run already
   */
  public ClusterOptions withMemberJvmOptions(String... options) {
    Objects.requireNonNull(options, "memberJvmOptions must not be null");
    return new ClusterOptions(members, localMembers, clusterName, connectTimeout, Arrays.asList(options));
  }

  @Override
  public ChunkExecutor open(PoolOptions options) {
    return ClusterExecutor.open(this, options);
  }

  static void checkClusterName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("clusterName must be 1 to 200 letters, digits, '.', '_' "
          + "or '-', got " + (name == null ? "null" : "'" + name + "'"));
    }
  }

  /** What starts a JVM option (not an argument of one, such as the -9 of "kill -9 %p"). */
  private static final Pattern OPTION_START = Pattern.compile(
      "-(XX:|X[a-z]|D\\S|-\\S|javaagent:|agentlib:|agentpath:|verbose|ea$|da$|esa$|dsa$|cp$|classpath$|jar$|server$|client$).*");

  /**
   * Whether {@code option} is several JVM options in one string, such as {@code "-Xmx1g -Xms1g"}:
   * after whitespace, something that starts an option. An option whose value holds a space, such
   * as {@code -XX:OnOutOfMemoryError=kill -9 %p} or {@code -Dlabel=my run}, is one option.
   *
   * <pre>{@code
   * ClusterOptions.holdsSeveralOptions("-Xmx1g -Xms1g");                     // true
   * ClusterOptions.holdsSeveralOptions("-XX:OnOutOfMemoryError=kill -9 %p"); // false
   * }</pre>
   *
   * @param option one element of the members' JVM options
   * @return true when it holds more than one option
   */
  public static boolean holdsSeveralOptions(String option) {
    String[] words = option.strip().split("\\s+");
    for (int i = 1; i < words.length; i++) {
      if (OPTION_START.matcher(words[i]).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class path and main class are the pool's; phone-home stays off; one option per element:
   * each element reaches the member's JVM as one argument, so {@code "-Xmx1g -Xms1g"} would be
   * one option the JVM does not know, and a member that fails to start says so only in its log
   * (a value with a space in it, as in {@code -Dlabel=my run}, is fine).
   */
  static void checkJvmOption(String option) {
    String problem = null;
    if (option == null) {
      problem = "null";
    } else if (!option.startsWith("-") || option.isBlank() || option.strip().length() != option.length()) {
      problem = "'" + option + "' (a JVM option starts with '-', one option per element, no spaces around it)";
    } else if (holdsSeveralOptions(option)) {
      problem = "'" + option + "' (it holds several options: give one option per element, such as "
          + String.join(", ", List.of(option.split("\\s+")).stream().map(o -> "\"" + o + "\"").toList()) + ")";
    } else if (option.matches("-cp|-classpath|--class-path(=.*)?|-jar|--module-path(=.*)?|-p|-m|--module(=.*)?")) {
      problem = "'" + option + "' (the pool sets the members' class path and main class itself)";
    } else if (option.startsWith("-Dhazelcast.phone.home.enabled")) {
      problem = "'" + option + "' (Hazelcast's phone-home stays off)";
    }
    if (problem != null) {
      throw new IllegalArgumentException("a member JVM option must be a JVM option such as -Xmx1g or "
          + "-Dkey=value, got " + problem);
    }
  }

  static void checkAddress(String address) {
    String problem = null;
    if (address == null) {
      problem = "null";
    } else {
      int colon = address.lastIndexOf(':');
      if (colon <= 0) {
        problem = "'" + address + "' (no port)";
      } else {
        try {
          int port = Integer.parseInt(address.substring(colon + 1));
          if (port < 1 || port > 65535) {
            problem = "'" + address + "' (port out of 1-65535)";
          }
        } catch (NumberFormatException e) {
          problem = "'" + address + "' (port is not a number)";
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "a member address must be host:port, for example 127.0.0.1:5701, got " + problem);
    }
  }
}
