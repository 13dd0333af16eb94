package io.poollab.pool;

/**
 * The arguments of one {@code starmap3} item of a three-argument function: Python's 3-tuple.
 *
 * <pre>{@code
 * pool.starmap3((String s, Integer from, Integer to) -> s.substring(from, to),
 *     List.of(Args3.of("hello", 1, 3)));  // ["el"]
 * }</pre>
 *
 * @param first the first argument
 * @param second the second argument
 * @param third the third argument
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <C> the third argument type
 */
public record Args3<A, B, C>(A first, B second, C third) implements java.io.Serializable {
  /**
   * Makes the argument triple.
   *
   * @param first the first argument
   * @param second the second argument
   * @param third the third argument
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @return the triple
   */
  public static <A, B, C> Args3<A, B, C> of(A first, B second, C third) {
    return new Args3<>(first, second, third);
  }
}
