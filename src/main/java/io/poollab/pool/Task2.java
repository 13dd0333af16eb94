package io.poollab.pool;

/**
 * A function of two arguments for {@link Pool#starmap(Task2, Iterable)}, Python's {@code starmap}.
 *
 * <pre>{@code
 * List<Integer> sums = pool.starmap((Integer a, Integer b) -> a + b, List.of(Args2.of(1, 2)));
 * }</pre>
 *
 * <p>It is {@link java.io.Serializable} so that a lambda written for it can travel to the members
 * of a {@link Backend#CLUSTER} pool; on the thread backends nothing is ever serialized, and a
 * lambda that captures something not serializable works as before.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task2<A, B, R> extends java.io.Serializable {
  /**
   * Computes the result for one pair of arguments.
   *
   * @param first the first argument
   * @param second the second argument
   * @return the result
   * @throws Exception anything; it becomes the failure of this item
   */
  R apply(A first, B second) throws Exception;
}
