package io.poollab.pool;

import java.io.Serial;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A list of strings that tasks and initializers add to from any JVM on this machine, a cluster
 * member's included, and that the test reads: what a thread-backend test would keep in a shared
 * collection (the names of the threads that ran something), on every backend.
 *
 * <p>As with {@link LoopbackLatch}, the list stays in the test's JVM, and a copy sent to a member
 * adds to it over a loopback socket, never to the original object, also when the member runs in
 * the test's own JVM.
 *
 * <pre>{@code
 * LoopbackList ranOn = new LoopbackList();
 * pool.map(x -> { ranOn.add(Thread.currentThread().getName()); return x; }, items);
 * assertThat(ranOn.values()).hasSize(items.size());
 * }</pre>
 */
final class LoopbackList extends LoopbackObject {
  @Serial
  private static final long serialVersionUID = 1L;

  /** The values, in the JVM that made the list; null in a copy. */
  private final transient List<String> values = new CopyOnWriteArrayList<>();

  @Override
  Object state() {
    return values;
  }

  /** Adds {@code value}, from whichever JVM the caller runs in. */
  void add(String value) {
    if (values != null) {
      values.add(value);
    } else {
      callUninterruptibly(LoopbackEndpoints.ADD, 0, value);
    }
  }

  /**
   * What was added so far, in the order it arrived; only in the JVM that made the list.
   *
   * @return a snapshot of the values
   */
  List<String> values() {
    if (values == null) {
      throw new IllegalStateException("only the test's JVM reads a loopback list, not a copy");
    }
    return List.copyOf(values);
  }
}
