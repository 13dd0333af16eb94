package io.poollab.bench;

import io.poollab.cluster.ClusterOptions;
import io.poollab.pool.Backend;
import io.poollab.pool.Pool;
import io.poollab.pool.PoolOptions;
import java.time.Duration;

/**
 * How a benchmark makes the pool under test from its {@code backend}, {@code workers} and
 * {@code members} params: threads of the fork's JVM, or, on {@link Backend#CLUSTER}, member
 * processes on 127.0.0.1 that the pool starts in the fork's set-up and stops when it closes.
 *
 * <p>{@code members} counts the member processes of a {@code CLUSTER} pool; 0 means one per
 * worker, which is Python's {@code Pool(n)}: n processes, one task at a time each. More workers
 * than members put several chunks in flight on each member (each worker has its own thread
 * there), as IO-bound tasks want. The thread backends take no members (0).
 *
 * <pre>{@code
 * try (Pool pool = PoolSetup.builder(Backend.CLUSTER, 100, 2).create()) {   // 100 workers on 2 processes
 *   pool.map(task, items);
 * }
 * }</pre>
 */
final class PoolSetup {

  /**
   * How long a benchmark's pool may take to start its member processes. Four member JVMs starting
   * at once on a busy 2-vCPU machine took longer than the cluster's default of 30 s; a fork that
   * hangs is stopped by the round runner anyway.
   */
  static final Duration MEMBER_START_TIMEOUT = Duration.ofSeconds(120);

  /**
   * The heap of each member process: fixed and touched at start, as the fork's own
   * ({@link HeapFlags}). With the JVM's default heap a member grew into untouched pages for its
   * first operations: two members mapping the whole word list took 4.5, 3.3, 1.5, 2.2, 1.1, 1.2,
   * 1.0, 0.64 s per operation on the AMD EPYC 2-vCPU VM; with 1 GiB touched at start 2.6 s, then
   * 0.6-1.4 s from the second on. 1 GiB holds a member's half of the list and its digests.
   */
  static final String MEMBER_HEAP = "1g";

  private PoolSetup() {}

  /**
   * The member processes a configuration runs on.
   *
   * @param backend the pool's backend
   * @param workers the pool's workers, at least 1
   * @param members the {@code members} param: 0 (one per worker on {@code CLUSTER}, none
   *     otherwise) or a count, only on {@code CLUSTER}
   * @return the member count; 0 for the thread backends
   * @throws IllegalArgumentException naming the param, the value and what is allowed
   */
  static int members(Backend backend, int workers, int members) {
    if (members < 0) {
      throw new IllegalArgumentException("members must be >= 0 (0: one per worker), was " + members);
    }
    if (backend != Backend.CLUSTER) {
      if (members != 0) {
        throw new IllegalArgumentException(
            "members is the member processes of backend CLUSTER; backend " + backend
                + " runs on threads of this JVM and needs members=0, was " + members);
      }
      return 0;
    }
    return members == 0 ? workers : members;
  }

  /**
   * The options of the pool under test, ready for an initializer.
   *
   * @param backend the pool's backend
   * @param workers the pool's workers, at least 1
   * @param members see {@link #members(Backend, int, int)}
   * @return a builder with workers and backend set (and the local members, on {@code CLUSTER})
   */
  static PoolOptions.Builder builder(Backend backend, int workers, int members) {
    int processes = members(backend, workers, members);
    PoolOptions.Builder b = Pool.builder().workers(workers).backend(backend);
    if (processes > 0) {
      b.cluster(ClusterOptions.localMembers(processes)
          .withConnectTimeout(MEMBER_START_TIMEOUT)
          .withMemberJvmOptions(HeapFlags.fixedHeap(MEMBER_HEAP).toArray(String[]::new)));
    }
    return b;
  }
}
