package io.poollab.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.poollab.pool.ChunkExecutor;
import io.poollab.pool.PoolBrokenException;
import io.poollab.pool.PoolOptions;
import io.poollab.pool.Task;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's {@link ChunkExecutor} on Hazelcast: a client in the caller's JVM sends each chunk to
 * the member its worker is bound to (workers spread round-robin over the members) as one task,
 * and gathers its results there in order, part by part, as the member produces them ({@link
 * ChunkParts}: parts of up to a few megabytes, so that a chunk of a hundred thousand results
 * neither waits for its last item to start travelling nor travels as one array of its whole size).
 *
 * <p>Member death, in two sentences: a chunk whose member left (the invocation fails with a
 * member-gone exception, or the member drops out of the member list while the worker waits) is
 * sent again, whole, to a live member, so it may run twice; once the client has lost every
 * member for {@link ClusterOptions#connectTimeout()} it shuts down and every waiting worker throws
 * {@link PoolBrokenException}, which breaks the pool and fails every pending result.
 */
final class ClusterExecutor implements ChunkExecutor {
  /** How often a waiting worker looks whether its member is still there. */
  private static final long WATCH_MILLIS = 200;
  /** Pause before trying again while no member is reachable. */
  private static final long RETRY_MILLIS = 50;
  private static final String TASK_HINT = "write it as a lambda or method reference of Task that "
      + "captures only serializable values (a Callable as (Callable<R> & Serializable) () -> ...),"
      + " or as a class that implements Serializable";

  private final String pool = UUID.randomUUID().toString();
  private final ClusterOptions cluster;
  private final List<String> addresses;
  private final Runnable initializer;
  private final HazelcastInstance client;
  private final IExecutorService executor;
  private final LocalMembers processes;
  private final ConcurrentHashMap<Long, Member> assigned = new ConcurrentHashMap<>();
  private final AtomicInteger nextMember = new AtomicInteger();
  private final AtomicLong nextChunk = new AtomicLong();

  private ClusterExecutor(ClusterOptions cluster, List<String> addresses, Runnable initializer,
      HazelcastInstance client, LocalMembers processes) {
    this.cluster = cluster;
    this.addresses = addresses;
    this.initializer = initializer;
    this.client = client;
    this.executor = client.getExecutorService(ClusterMember.EXECUTOR);
    this.processes = processes;
  }

  static ClusterExecutor open(ClusterOptions cluster, PoolOptions options) {
    Runnable initializer = options.initializer();
    if (initializer != null) {
      Wire.checkTravels("initializer", initializer, "cast it, for example "
          + "(Runnable & Serializable) digest::initialize, and let it capture only serializable values");
    }
    Quiet.hazelcast();
    LocalMembers processes = cluster.localMembers() > 0
        ? LocalMembers.start(cluster.localMembers(), cluster.clusterName(), cluster.connectTimeout(),
            List.of(), cluster.memberJvmOptions())
        : null;
    List<String> addresses = processes != null ? processes.addresses() : cluster.members();
    try {
      HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig(cluster, addresses));
      return new ClusterExecutor(cluster, addresses, initializer, client, processes);
    } catch (RuntimeException e) {
      if (processes != null) {
        processes.close();
      }
      throw new IllegalStateException("cannot reach the cluster members " + addresses
          + " (cluster name '" + cluster.clusterName() + "') within " + cluster.connectTimeout()
          + ": are they running, and under that cluster name? " + e.getMessage(), e);
    }
  }

  private static ClientConfig clientConfig(ClusterOptions cluster, List<String> addresses) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster.clusterName());
    config.setInstanceName("poollab-client-" + UUID.randomUUID());
    Quiet.properties().forEach(config::setProperty);
    config.getMetricsConfig().setEnabled(false);
    config.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
    ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
    strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON);
    // bounds both the first connection and how long a pool that lost every member waits for one
    strategy.getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(cluster.connectTimeout().toMillis())
        .setInitialBackoffMillis(100)
        .setMaxBackoffMillis(1000);
    return config;
  }

  @Override
  public void checkTravels(String name, Object value) {
    Wire.checkTravels(name, value, TASK_HINT);
  }

  @Override
  public Object[] run(long worker, Task<?, ?> task, Object[] items, Throwable[] failures)
      throws InterruptedException {
    byte[] payload;
    try {
      payload = Wire.encode(new ChunkRequest(task, initializer, items), items);
    } catch (NotSerializableException | InvalidClassException e) {
      throw Wire.notSerializable("an item of this chunk cannot travel to the cluster's members", e,
          "a cluster pool's items (and what the task captures) must be serializable");
    } catch (IOException e) {
      throw new IllegalArgumentException("the chunk cannot travel to the cluster's members: " + e, e);
    }
    Object[] results = new Object[items.length];
    try {
      for (;;) {
        Member member = memberFor(worker);
        if (receive(member, worker, payload, results, failures)) {
          return results;
        }
        assigned.remove(worker, member); // gone: the whole chunk goes to another member
        Arrays.fill(failures, null);
      }
    } catch (HazelcastClientNotActiveException e) {
      // any call on the client, once it gave up on reaching a member (after connectTimeout)
      throw noMemberLeft();
    }
  }

  /**
   * Runs the chunk on {@code member} and gathers its results there part by part (see {@link
   * ChunkParts}) into {@code results} and {@code failures}; false if the member left meanwhile.
   */
  private boolean receive(Member member, long worker, byte[] payload, Object[] results,
      Throwable[] failures) throws InterruptedException {
    long chunk = nextChunk.incrementAndGet();
    int received = 0;
    for (int part = 0; ; part++) {
      byte[] bytes = part == 0
          ? send(member, new ChunkTask(pool, worker, chunk, payload), worker)
          : send(member, new PartTask(pool, worker, chunk, part), worker);
      if (bytes == null) {
        return false;
      }
      ChunkReply reply = decode(bytes);
      if (reply.initializerError() != null) {
        throw new PoolBrokenException("pool is broken: a worker's initializer threw on member "
            + member.getAddress() + ": " + reply.initializerError(), reply.initializerError());
      }
      if (reply.chunkError() instanceof RuntimeException e) {
        throw e;
      }
      if (reply.chunkError() != null) {
        throw new IllegalStateException("a cluster member could not run the chunk: "
            + reply.chunkError(), reply.chunkError());
      }
      Object[] partResults = reply.results();
      if (partResults.length > results.length - received
          || (partResults.length == 0 && received < results.length)) {
        throw new IllegalStateException("member " + member.getAddress() + " sent " + partResults.length
            + " results for a chunk of " + results.length + " items that has " + received);
      }
      System.arraycopy(partResults, 0, results, received, partResults.length);
      if (reply.failures() != null) {
        System.arraycopy(reply.failures(), 0, failures, received, partResults.length);
      }
      received += partResults.length;
      if (received == results.length) {
        return true;
      }
    }
  }

  /** Sends a worker's task and waits for its reply; null if the member left meanwhile. */
  private byte[] send(Member member, Callable<byte[]> task, long worker) throws InterruptedException {
    Future<byte[]> future;
    try {
      future = executor.submitToMember(task, member);
    } catch (RuntimeException e) {
      if (memberGone(e)) {
        pause();
        return null;
      }
      throw e;
    }
    for (;;) {
      try {
        return future.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // terminate: Hazelcast's own cancel does not reach a running task, so end the worker's
        // thread on the member ourselves (it interrupts the chunk)
        cancelQuietly(future);
        release(member, worker);
        throw e;
      } catch (TimeoutException e) {
        if (!client.getLifecycleService().isRunning()) {
          cancelQuietly(future);
          throw noMemberLeft();
        }
        if (!client.getCluster().getMembers().contains(member)) {
          cancelQuietly(future);
          return null;
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (memberGone(cause)) {
          pause();
          return null;
        }
        throw new IllegalStateException("a cluster member failed to run a chunk: " + cause, cause);
      } catch (CancellationException e) {
        throw new IllegalStateException("the chunk was cancelled on member " + member.getAddress(), e);
      }
    }
  }

  /**
   * Cancels a chunk's invocation. Hazelcast sends the cancel to the member, so for a member that is
   * gone the cancel itself throws (TargetNotMemberException): the chunk is being sent elsewhere
   * then, and nothing runs on that member any more.
   */
  private static void cancelQuietly(Future<?> future) {
    try {
      future.cancel(true);
    } catch (RuntimeException goneOrShutDown) {
      // nothing is left to cancel
    }
  }

  private boolean memberGone(Throwable error) {
    // the client gives up (shuts down) after connectTimeout without any member
    if (error instanceof HazelcastClientNotActiveException || !client.getLifecycleService().isRunning()) {
      throw noMemberLeft();
    }
    return error instanceof MemberLeftException
        || error instanceof TargetNotMemberException
        || error instanceof TargetDisconnectedException
        || error instanceof HazelcastClientOfflineException
        || error instanceof HazelcastInstanceNotActiveException
        || error instanceof IOException;
  }

  /** The worker's member, or a live one (round-robin) if it has none or its member left. */
  private Member memberFor(long worker) throws InterruptedException {
    for (;;) {
      if (!client.getLifecycleService().isRunning()) {
        throw noMemberLeft();
      }
      Set<Member> live = client.getCluster().getMembers();
      Member member = assigned.get(worker);
      if (member != null && live.contains(member)) {
        return member;
      }
      if (!live.isEmpty()) {
        List<Member> members = new ArrayList<>(live);
        member = members.get(Math.floorMod(nextMember.getAndIncrement(), members.size()));
        assigned.put(worker, member);
        return member;
      }
      pause(); // reconnecting: the client gives up after connectTimeout, and then we do
    }
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(RETRY_MILLIS);
  }

  private PoolBrokenException noMemberLeft() {
    return new PoolBrokenException("pool is broken: no cluster member left to run its chunks "
        + "(cluster '" + cluster.clusterName() + "', members " + addresses + ", none reachable for "
        + cluster.connectTimeout() + ")", null);
  }

  private static ChunkReply decode(byte[] bytes) {
    try {
      return (ChunkReply) Wire.decode(bytes);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("a result's class " + e.getMessage()
          + " is not on this JVM's class path", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a chunk's results: " + e, e);
    }
  }

  @Override
  public void workerExited(long worker) {
    Member member = assigned.remove(worker);
    if (member != null) {
      release(member, worker);
    }
  }

  /** Ends the worker's thread on the member; not awaited: a member that is gone took it along. */
  private void release(Member member, long worker) {
    if (!client.getLifecycleService().isRunning()) {
      return;
    }
    try {
      executor.submitToMember(new WorkerControl(pool, worker), member);
    } catch (RuntimeException e) {
      // the member is gone, and its threads with it
    }
  }

  @Override
  public void close() {
    // the last worker closes; terminate's interrupt must not cut the release short
    boolean interrupted = Thread.interrupted();
    try {
      if (client.getLifecycleService().isRunning()) {
        for (Future<?> release : executor.submitToAllMembers(
            new WorkerControl(pool, -1)).values()) {
          release.get(2, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (RuntimeException | ExecutionException | TimeoutException e) {
      // best effort: a member's idle worker threads also end on their own
    } finally {
      try {
        client.shutdown();
      } finally {
        if (processes != null) {
          processes.close();
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The pool's id on the members (for tests). */
  String poolId() {
    return pool;
  }

  @Override
  public String toString() {
    return "ClusterExecutor[" + cluster.clusterName() + " " + addresses + "]";
  }
}
