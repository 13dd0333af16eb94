package io.poollab.pool;

import java.util.function.Consumer;

/**
 * The {@code callback} and {@code error_callback} of Python's {@code *_async} calls.
 *
 * <p>Exactly one of the two runs for each async call, and it has finished before {@link
 * AsyncResult#get()} returns or {@link AsyncResult#ready()} turns true. It runs on the worker
 * that finished the call; for an empty input, which needs no worker, on the calling thread before
 * the call returns; when {@link Pool#terminate()} cancels the call, or a throwing initializer
 * breaks the pool, on the thread that did so, with the {@link
 * java.util.concurrent.CancellationException} or the {@link PoolBrokenException}. A callback that
 * throws does not break the pool or the result: the failure goes to the pool's {@link
 * PoolOptions#callbackErrorHandler()}. A callback that waits for its own call's result ({@code
 * get()}, {@code await()}) waits for ever, as in Python: the result is ready only once the
 * callback has returned.
 *
 * <pre>{@code
 * pool.mapAsync(String::length, words,
 *     Callbacks.of(lengths -> System.out.println(lengths), error -> error.printStackTrace()));
 * }</pre>
 *
 * @param onResult runs with the result (for {@code mapAsync}, the whole list, once); may be null
 * @param onError runs with the task's own exception (or the cancellation, or the broken pool's
 *     {@link PoolBrokenException}); may be null
 * @param <R> the result type
 */
public record Callbacks<R>(Consumer<? super R> onResult, Consumer<? super Throwable> onError) {

  private static final Callbacks<Object> NONE = new Callbacks<>(null, null);

  /**
   * Both callbacks.
   *
   * @param onResult the result callback
   * @param onError the error callback
   * @param <R> the result type
   * @return the callbacks
   */
  public static <R> Callbacks<R> of(Consumer<? super R> onResult, Consumer<? super Throwable> onError) {
    return new Callbacks<>(onResult, onError);
  }

  /**
   * A result callback only.
   *
   * @param onResult the result callback
   * @param <R> the result type
   * @return the callbacks
   */
  public static <R> Callbacks<R> onResult(Consumer<? super R> onResult) {
    return new Callbacks<>(onResult, null);
  }

  /**
   * An error callback only.
   *
   * @param onError the error callback
   * @param <R> the result type
   * @return the callbacks
   */
  public static <R> Callbacks<R> onError(Consumer<? super Throwable> onError) {
    return new Callbacks<>(null, onError);
  }

  /**
   * No callbacks.
   *
   * @param <R> the result type
   * @return the empty callbacks
   */
  @SuppressWarnings("unchecked")
  public static <R> Callbacks<R> none() {
    return (Callbacks<R>) NONE;
  }
}
