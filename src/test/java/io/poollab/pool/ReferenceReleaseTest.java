package io.poollab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;

/** The pool keeps no reference to arguments or results once they are handed back. */
@Timeout(30)
public class ReferenceReleaseTest extends PoolBehaviourTest {

  /** Serializable, so that it can travel to a cluster's members and back (as copies). */
  private static final class Payload implements Serializable {
    final byte[] bytes = new byte[1024];
  }

  @ParameterizedTest
  @EachBackend
  void shouldReleaseArgumentsAndResults(Backend backend) throws Exception {
    try (Pool pool = builder(backend).workers(2).create()) {
      List<WeakReference<Payload>> references = new ArrayList<>();
      useAndDrop(pool, references);
      assertThat(references).hasSize(41);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
        System.gc();
        return references.stream().allMatch(r -> r.get() == null);
      });
      assertThat(pool.pendingCalls()).isZero();
    }
  }

  /** A method of its own, so that none of its locals outlives it on the test's stack. */
  private static void useAndDrop(Pool pool, List<WeakReference<Payload>> references) throws Exception {
    List<Payload> arguments = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Payload payload = new Payload();
      arguments.add(payload);
      references.add(new WeakReference<>(payload));
    }
    pool.map(p -> new Payload(), arguments, 3).forEach(r -> references.add(new WeakReference<>(r)));
    references.add(new WeakReference<>(pool.apply(p -> p, new Payload())));
    try (ResultIterator<Payload> it = pool.imap(p -> p, arguments)) {
      it.forEachRemaining(p -> references.add(new WeakReference<>(p)));
    }
    pool.mapAsync(p -> new Payload(), arguments).get().forEach(r -> references.add(new WeakReference<>(r)));
  }
}
