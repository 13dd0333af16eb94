package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.FaultToleranceTest;

/**
 * {@link FaultToleranceTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two
 * in-process members of {@link SharedTestCluster}. Every test applies: an {@code Error} on a
 * member replaces the worker (and its thread there), a throwing initializer on a member breaks the
 * pool once, and the initializer's and tasks' reports come back through {@code LoopbackList}s.
 */
@OnSharedTestCluster
class ClusterFaultToleranceTest extends FaultToleranceTest {}
