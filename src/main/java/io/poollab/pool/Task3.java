package io.poollab.pool;

/**
 * A function of three arguments for {@link Pool#starmap3(Task3, Iterable)}.
 *
 * <pre>{@code
 * List<Integer> sums = pool.starmap3((Integer a, Integer b, Integer c) -> a + b + c,
 *     List.of(Args3.of(1, 2, 3)));
 * }</pre>
 *
 * <p>It is {@link java.io.Serializable} so that a lambda written for it can travel to the members
 * of a {@link Backend#CLUSTER} pool; on the thread backends nothing is ever serialized, and a
 * lambda that captures something not serializable works as before.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <C> the third argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task3<A, B, C, R> extends java.io.Serializable {
  /**
   * Computes the result for one triple of arguments.
   *
   * @param first the first argument
   * @param second the second argument
   * @param third the third argument
   * @return the result
   * @throws Exception anything; it becomes the failure of this item
   */
  R apply(A first, B second, C third) throws Exception;
}
