package io.poollab.pool;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test of the pool's behaviour, run on each backend under test: {@link Backend#PLATFORM} and
 * {@link Backend#VIRTUAL}, or those its class names with {@link BackendsUnderTest}. Its tests get
 * their pools from {@link #builder(Backend)}; a {@link Backend#CLUSTER} pool runs on the {@link
 * RemoteBackend} given to {@link #runClusterPoolsOn}, which the cluster variants of these tests
 * (subclasses in {@code io.poollab.cluster}) give, so that this package never depends on that one.
 *
 * <p>A test that takes the backend as a parameter runs once per backend ({@link EachBackend}); a
 * test that needs only one uses {@link #backend()}. A test that cannot apply on a backend says so
 * with {@link #assumeNotOn} (or {@link #assumeOnlyOn}), the one way a behaviour test leaves a
 * backend out, so that each exclusion shows among the skipped tests with its reason.
 */
public abstract class PoolBehaviourTest {
  private static final List<Backend> THREAD_BACKENDS = List.of(Backend.PLATFORM, Backend.VIRTUAL);

  /** Where this test's CLUSTER pools run; null until {@link #runClusterPoolsOn} gives it. */
  private RemoteBackend cluster;

  /** The backends the tests of {@code testClass} run on. */
  static List<Backend> backendsUnderTest(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, BackendsUnderTest.class)
        .map(backends -> List.of(backends.value()))
        .orElse(THREAD_BACKENDS);
  }

  /**
   * Gives this test the members its {@link Backend#CLUSTER} pools run on: called before each
   * test by the extension that provides them.
   *
   * @param cluster the members, for example an {@code io.poollab.cluster.ClusterOptions}
   */
  public final void runClusterPoolsOn(RemoteBackend cluster) {
    this.cluster = cluster;
  }

  /** A builder of this test's pools on {@code backend}, with nothing else set but the cluster. */
  final PoolOptions.Builder builder(Backend backend) {
    PoolOptions.Builder builder = Pool.builder().backend(backend);
    if (backend != Backend.CLUSTER) {
      return builder;
    }
    if (cluster == null) {
      throw new IllegalStateException(getClass().getName() + " tests CLUSTER but has no members: "
          + "runClusterPoolsOn gives them (the cluster variants' @OnSharedTestCluster does)");
    }
    return builder.cluster(cluster);
  }

  /** A pool of {@code workers} on {@code backend}. */
  Pool pool(Backend backend, int workers) {
    return builder(backend).workers(workers).create();
  }

  /** The backend of a test that runs on one only: the first under test (PLATFORM by default). */
  final Backend backend() {
    return backendsUnderTest(getClass()).get(0);
  }

  /** A pool of {@code workers} on {@link #backend()}. */
  final Pool pool(int workers) {
    return pool(backend(), workers);
  }

  /**
   * Skips the running test when {@code backend} is {@code excluded}, with the reason.
   *
   * @param excluded where the test cannot apply
   * @param backend the backend it would run on
   * @param why why it cannot apply there, and what checks that behaviour instead if anything does
   */
  static void assumeNotOn(Backend excluded, Backend backend, String why) {
    Assumptions.assumeTrue(backend != excluded, () -> "cannot apply on " + excluded + ": " + why);
  }

  /**
   * Skips the running test unless {@code backend} is {@code only}, with the reason.
   *
   * @param only the one backend where the test applies
   * @param backend the backend it would run on
   * @param why why it cannot apply elsewhere
   */
  static void assumeOnlyOn(Backend only, Backend backend, String why) {
    Assumptions.assumeTrue(backend == only, () -> "applies only on " + only + ": " + why);
  }
}
