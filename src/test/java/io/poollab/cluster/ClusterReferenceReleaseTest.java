package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.ReferenceReleaseTest;

/**
 * {@link ReferenceReleaseTest} on {@link Backend#CLUSTER}: the same test, with pools on the two
 * in-process members of {@link SharedTestCluster}: nothing on the caller's side (the pool, its
 * client) keeps the arguments, or the results that came back, once they are handed back.
 */
@OnSharedTestCluster
class ClusterReferenceReleaseTest extends ReferenceReleaseTest {}
