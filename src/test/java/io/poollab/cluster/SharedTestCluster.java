package io.poollab.cluster;

import io.poollab.pool.PoolBehaviourTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The two members in this JVM (a {@link TestCluster}) that the cluster variants of the pool's
 * behaviour tests share ({@link OnSharedTestCluster}): started for the first test that needs
 * them, given to each test's {@link PoolBehaviourTest#runClusterPoolsOn}, and closed when the test
 * run ends, whatever its outcome (JUnit closes what its root store holds). A member takes seconds
 * to start; one pair for all those classes pays that once. Their pools cannot meet: each has an
 * id of its own on the members.
 *
 * <p>The members run in the test's JVM, but nothing a test checks goes through what they share
 * with it: tasks, items and results travel serialized through a Hazelcast client and its
 * connections, and a task reports to the test only through the pool tests' loopback latches and
 * lists, whose copies reach the test's JVM over a socket, as they would from another process.
 */
final class SharedTestCluster implements TestInstancePostProcessor {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedTestCluster.class);

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    TestCluster cluster = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestCluster.class, type -> TestCluster.start(2), TestCluster.class);
    if (!(testInstance instanceof PoolBehaviourTest test)) {
      throw new IllegalStateException(testInstance.getClass().getName()
          + " is no PoolBehaviourTest: only those take their pools' members from SharedTestCluster");
    }
    test.runClusterPoolsOn(cluster.options());
  }
}
