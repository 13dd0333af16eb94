package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.ProgressTest;

/**
 * {@link ProgressTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two
 * in-process members of {@link SharedTestCluster}. Every test applies: progress and its listeners
 * are the caller's, and move as each chunk comes back from its member.
 */
@OnSharedTestCluster
class ClusterProgressTest extends ProgressTest {}
