package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.BackendsUnderTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests of a pool behaviour test class (a subclass of {@code
 * io.poollab.pool.PoolBehaviourTest}) on {@link Backend#CLUSTER}, with pools on the members of
 * {@link SharedTestCluster}: the whole of a cluster variant of those tests.
 *
 * <pre>{@code
 * @OnSharedTestCluster
 * class ClusterMapTest extends MapTest {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@BackendsUnderTest(Backend.CLUSTER)
@ExtendWith(SharedTestCluster.class)
@interface OnSharedTestCluster {}
