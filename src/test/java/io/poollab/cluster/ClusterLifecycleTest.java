package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.LifecycleTest;

/**
 * {@link LifecycleTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two
 * in-process members of {@link SharedTestCluster}. {@code
 * shouldRunEveryCallAcceptedWhileShuttingDown} runs 20 rounds here instead of 200, as each
 * connects a new pool to the members; {@code shouldCancelEveryPendingResultOnTerminate} also
 * checks that the running task on its member was interrupted.
 *
 * <p>Excluded (skipped with the reason): {@code shouldRefuseCloseAndJoinFromItsOwnWorker}, whose
 * tasks close and join their own pool: a pool cannot travel to a member, and a member's thread is
 * none of the pool's workers. The same refusal, from a callback on one of the pool's workers,
 * {@code shouldRefuseCloseAndJoinFromACallbackOnItsOwnWorker} checks here.
 */
@OnSharedTestCluster
class ClusterLifecycleTest extends LifecycleTest {}
