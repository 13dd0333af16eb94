package io.poollab.cluster;

import io.poollab.pool.ApplyTest;
import io.poollab.pool.Backend;

/**
 * {@link ApplyTest} on {@link Backend#CLUSTER}: the same tests, with pools on the two in-process
 * members of {@link SharedTestCluster}. Every test applies: tasks that wait or signal use a
 * {@code LoopbackLatch}, which a task on a member reaches over a socket, never through this JVM's
 * objects; a task's thread comes back as its name and kind (a thread cannot travel).
 */
@OnSharedTestCluster
class ClusterApplyTest extends ApplyTest {}
