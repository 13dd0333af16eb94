package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.StreamingInputTest;

/**
 * {@link StreamingInputTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two
 * in-process members of {@link SharedTestCluster}. The input is read in the caller's JVM, so the
 * streaming, read-ahead and closing tests apply as they are.
 *
 * <p>Excluded (skipped with the reason): {@code shouldRefuseBadArgumentsToTheDefaultChunksize},
 * which uses no pool: {@code Pool.defaultChunksize} is one function for every backend, checked by
 * {@link StreamingInputTest}.
 */
@OnSharedTestCluster
class ClusterStreamingInputTest extends StreamingInputTest {}
