package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.MapTest;

/**
 * {@link MapTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two in-process
 * members of {@link SharedTestCluster}.
 *
 * <p>Excluded (skipped with the reason): {@code shouldUsePythonsDefaultChunksize}, which uses no
 * pool: {@code Pool.defaultChunksize} is one function for every backend, checked by {@link
 * MapTest}.
 */
@OnSharedTestCluster
class ClusterMapTest extends MapTest {}
