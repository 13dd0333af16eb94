package io.poollab.pool;

/**
 * The arguments of one {@code starmap} item of a two-argument function: Python's 2-tuple.
 *
 * <pre>{@code
 * pool.starmap(Math::pow, List.of(Args2.of(2.0, 10.0), Args2.of(3.0, 2.0)));  // [1024.0, 9.0]
 * }</pre>
 *
 * @param first the first argument
 * @param second the second argument
 * @param <A> the first argument type
 * @param <B> the second argument type
 */
public record Args2<A, B>(A first, B second) implements java.io.Serializable {
  /**
   * Makes the argument pair.
   *
   * @param first the first argument
   * @param second the second argument
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @return the pair
   */
  public static <A, B> Args2<A, B> of(A first, B second) {
    return new Args2<>(first, second);
  }
}
