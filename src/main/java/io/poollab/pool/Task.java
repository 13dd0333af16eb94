package io.poollab.pool;

/**
 * A function of one argument that a pool runs on its workers; it may throw any exception.
 *
 * <p>A thrown exception fails only the item it was called for: the pool re-raises it, wrapped in
 * a {@link TaskFailedException}, at that item's place.
 *
 * <pre>{@code
 * Task<String, Integer> length = String::length;
 * List<Integer> lengths = pool.map(length, List.of("a", "bb"));
 * }</pre>
 *
 * <p>It is {@link java.io.Serializable} so that a lambda written for it can travel to the members
 * of a {@link Backend#CLUSTER} pool; on the thread backends nothing is ever serialized, and a
 * lambda that captures something not serializable works as before.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task<T, R> extends java.io.Serializable {
  /**
   * Computes the result for one item.
   *
   * @param item the item
   * @return the result
   * @throws Exception anything; it becomes the failure of this item
   */
  R apply(T item) throws Exception;
}
