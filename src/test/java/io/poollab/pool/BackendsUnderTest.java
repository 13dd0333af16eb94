package io.poollab.pool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The backends that the tests of a {@link PoolBehaviourTest} subclass run on, in place of {@link
 * Backend#PLATFORM} and {@link Backend#VIRTUAL}; for {@link Backend#CLUSTER} something must also
 * give the test its members ({@link PoolBehaviourTest#runClusterPoolsOn}). It may be a
 * meta-annotation.
 *
 * <pre>{@code
 * @BackendsUnderTest(Backend.CLUSTER)
 * @ExtendWith(SharedTestCluster.class) // calls runClusterPoolsOn before each test
 * class ClusterMapTest extends MapTest {}
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface BackendsUnderTest {
  /**
   * The backends, the first of them also {@link PoolBehaviourTest#backend()}.
   *
   * @return at least one backend
   */
  Backend[] value();
}
