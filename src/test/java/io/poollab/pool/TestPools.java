package io.poollab.pool;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * What the pool tests share: an input of n integers, and callables and initializers that can
 * travel to a cluster's members as well as run on threads (a plain lambda for {@link Callable} or
 * {@link Runnable} is not serializable; one for {@link Task} is).
 */
final class TestPools {
  private TestPools() {}

  /** A {@link Callable} whose lambdas are serializable. */
  interface SerializableCallable<R> extends Callable<R>, Serializable {}

  /** A {@link Runnable} whose lambdas are serializable. */
  interface SerializableRunnable extends Runnable, Serializable {}

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** {@code task}, as a callable that can travel: {@code pool.apply(callable(() -> 42))}. */
  static <R> Callable<R> callable(SerializableCallable<R> task) {
    return task;
  }

  /** {@code initializer}, as one that can travel: {@code initializer(runnable(local::initialize))}. */
  static Runnable runnable(SerializableRunnable initializer) {
    return initializer;
  }
}
