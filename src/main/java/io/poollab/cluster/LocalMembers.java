package io.poollab.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Member JVMs on this machine, started with this JVM's class path and stopped together: the
 * {@code localMembers} of a {@link ClusterOptions}, and what tests kill. Each binds to 127.0.0.1
 * on a port that was free, knows all the others, and ends when its standard input ends, so that
 * no member outlives the JVM that started it.
 *
 * <pre>{@code
 * try (LocalMembers members = LocalMembers.start(2, "my-cluster", Duration.ofSeconds(30))) {
 *   ClusterOptions options = ClusterOptions.connect(members.addresses().toArray(String[]::new))
 *       .withClusterName("my-cluster");
 * }
 * }</pre>
 */
public final class LocalMembers implements AutoCloseable {
  private static final int LOG_LINES = 20;

  /**
   * The collector of a member whose options choose none: the throughput collector. A member is a
   * batch worker that turns each chunk into a reply of its own size (17 MB for a chunk of the word
   * job's digests); under G1, the JVM's default, such arrays are humongous objects, and on a
   * 2-vCPU VM the members of a 2-member pool spent 50-100 ms pauses several times a second in
   * collections that freed little. The 1M-word {@code map} there (caller on G1, median of 7
   * operations a run) took 0.81-0.98 s in four runs with members on G1 and 0.68 s in one with
   * members on this collector, the same code otherwise.
   */
  static final String DEFAULT_COLLECTOR = "-XX:+UseParallelGC";

  private final List<Process> processes;
  private final List<String> addresses;

  private LocalMembers(List<Process> processes, List<String> addresses) {
    this.processes = processes;
    this.addresses = addresses;
  }

  /**
   * Starts {@code count} members and waits until each has joined.
   *
   * @param count at least 1
   * @param clusterName the cluster's name
   * @param timeout how long to wait for all of them
   * @return the running members
   * @throws IllegalStateException if one does not start in time (its last output in the message)
   */
  public static LocalMembers start(int count, String clusterName, Duration timeout) {
    return start(count, clusterName, timeout, List.of());
  }

  /**
   * Starts {@code count} members that also join members already running at {@code others}.
   *
   * @param count at least 1
   * @param clusterName the cluster's name
   * @param timeout how long to wait for all of them
   * @param others host:port of members already running, joined too
   * @return the running members (not including {@code others})
   * @throws IllegalStateException if one does not start in time (its last output in the message)
   */
  public static LocalMembers start(
      int count, String clusterName, Duration timeout, List<String> others) {
    return start(count, clusterName, timeout, others, List.of());
  }

  /**
   * Starts {@code count} members with the given JVM options that also join members already
   * running at {@code others}.
   *
   * @param count at least 1
   * @param clusterName the cluster's name
   * @param timeout how long to wait for all of them
   * @param others host:port of members already running, joined too
   * @param jvmOptions options of each member's JVM (see {@link ClusterOptions#memberJvmOptions()})
   * @return the running members (not including {@code others})
   * @throws IllegalStateException if one does not start in time (its last output in the message)
   */
  public static LocalMembers start(
      int count, String clusterName, Duration timeout, List<String> others, List<String> jvmOptions) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    ClusterOptions.checkClusterName(clusterName);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add("127.0.0.1:" + freePort());
    }
    others.forEach(ClusterOptions::checkAddress);
    List<String> everyone = new ArrayList<>(others);
    everyone.addAll(addresses);
    List<Process> processes = new ArrayList<>();
    List<CompletableFuture<String>> ready = new ArrayList<>();
    List<Deque<String>> logs = new ArrayList<>();
    LocalMembers members = new LocalMembers(processes, List.copyOf(addresses));
    try {
      for (String address : addresses) {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(clusterName, address, everyone, true, jvmOptions))
            .redirectErrorStream(true);
        builder.environment().put("HZ_PHONE_HOME_ENABLED", "false");
        Process process = builder.start();
        processes.add(process);
        Deque<String> log = new ArrayDeque<>();
        logs.add(log);
        ready.add(watch(process, log));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int i = 0; i < count; i++) {
        try {
          ready.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          throw new IllegalStateException("member process at " + addresses.get(i)
              + " did not start within " + timeout + "; its last output: " + lastLines(logs.get(i)), e);
        }
      }
      return members;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      members.close();
      throw new IllegalStateException("interrupted while starting member processes", e);
    } catch (IOException e) {
      members.close();
      throw new UncheckedIOException("cannot start a member process", e);
    } catch (RuntimeException e) {
      members.close();
      throw e;
    }
  }

  /**
   * The command line of one member JVM with this JVM's Java and class path: bound to the host of
   * {@code address}, joining {@code all} over TCP/IP, phone-home off.
   *
   * @param clusterName the cluster's name
   * @param address the member's own host:port
   * @param all every member's host:port
   * @param exitWithParent whether it ends when its standard input ends (a member of a pool), or
   *     runs until it is stopped (a member started by {@code cluster start})
   * @return the command, for a {@link ProcessBuilder}
   */
  public static List<String> javaCommand(
      String clusterName, String address, List<String> all, boolean exitWithParent) {
    return javaCommand(clusterName, address, all, exitWithParent, List.of());
  }

  /** Whether a JVM option chooses the garbage collector, such as {@code -XX:+UseG1GC}. */
  static boolean choosesCollector(String option) {
    return option.matches("-XX:\\+Use[A-Za-z0-9]*GC");
  }

  /**
   * The same command line with JVM options of the caller's before the pool's own; a member whose
   * options choose no collector gets {@link #DEFAULT_COLLECTOR}.
   *
   * @param clusterName the cluster's name
   * @param address the member's own host:port
   * @param all every member's host:port
   * @param exitWithParent see {@link #javaCommand(String, String, List, boolean)}
   * @param jvmOptions such as {@code -Xmx1g}; see {@link ClusterOptions#memberJvmOptions()}
   * @return the command, for a {@link ProcessBuilder}
   * @throws IllegalArgumentException naming an option that is not allowed
   */
  public static List<String> javaCommand(
      String clusterName, String address, List<String> all, boolean exitWithParent,
      List<String> jvmOptions) {
    ClusterOptions.checkClusterName(clusterName);
    jvmOptions.forEach(ClusterOptions::checkJvmOption);
    ClusterOptions.checkAddress(address);
    all.forEach(ClusterOptions::checkAddress);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int colon = address.lastIndexOf(':');
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    if (jvmOptions.stream().noneMatch(LocalMembers::choosesCollector)) {
      command.add(DEFAULT_COLLECTOR);
    }
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        "-Dhazelcast.phone.home.enabled=false",
        "-Dhazelcast.logging.type=jdk",
        "-Djava.util.logging.config.file=none",
        // what Hazelcast asks for on Java 9+ (its fast paths; without them it warns at start)
        "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      // Hazelcast's shaded JCTools uses sun.misc.Unsafe; JDK 23+ warns about it unless allowed
      // (the member runs this JVM's own java, so the version is the member's too)
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of(
        MemberMain.class.getName(),
        "--cluster-name", clusterName,
        "--host", address.substring(0, colon),
        "--port", address.substring(colon + 1),
        "--members", String.join(",", all)));
    if (exitWithParent) {
      command.add("--exit-on-stdin-eof");
    }
    return command;
  }

  /** Reads the member's output on a daemon thread (so its pipe never fills) and notes READY. */
  private static CompletableFuture<String> watch(Process process, Deque<String> log) {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          synchronized (log) {
            log.addLast(line);
            if (log.size() > LOG_LINES) {
              log.removeFirst();
            }
          }
          if (line.startsWith(MemberMain.READY)) {
            ready.complete(line.substring(MemberMain.READY.length()));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      ready.completeExceptionally(new IllegalStateException("the member process ended"));
    }, "poollab-member-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private static String lastLines(Deque<String> log) {
    synchronized (log) {
      return log.isEmpty() ? "(none)" : String.join(" | ", log);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * The members' addresses, host:port.
   *
   * @return the addresses, in start order
   */
  public List<String> addresses() {
    return addresses;
  }

  /**
   * The member processes (for tests that kill one).
   *
   * @return the processes, in start order
   */
  public List<Process> processes() {
    return List.copyOf(processes);
  }

  /** Stops every member: closes its input (it exits), then kills what is still there after 5 s. */
  @Override
  public void close() {
    for (Process process : processes) {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Process process : processes) {
      try {
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
