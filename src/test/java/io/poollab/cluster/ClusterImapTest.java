package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.ImapTest;

/**
 * {@link ImapTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two in-process
 * members of {@link SharedTestCluster}. Every test applies; {@code
 * shouldNeverLoseAJobParkedForBackpressure} reads 2,000 items per iterator here instead of
 * 100,000, as each is a round trip to a member.
 */
@OnSharedTestCluster
class ClusterImapTest extends ImapTest {}
