package io.poollab.pool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The result of an async call, Python's {@code AsyncResult}: {@link #get()}, {@link #get(long,
 * TimeUnit)}, {@link #await()} (Python's {@code wait}), {@link #ready()}, {@link #successful()},
 * and a {@link CompletableFuture} view that composes.
 *
 * <pre>{@code
 * AsyncResult<List<Integer>> lengths = pool.mapAsync(String::length, words);
 * lengths.toCompletableFuture().thenAccept(System.out::println);
 * List<Integer> now = lengths.get(5, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>The result callback or the error callback (exactly one of them) has finished before
 * {@code get()} returns or {@code ready()} turns true.
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> {
  private final CompletableFuture<R> future = new CompletableFuture<>();
  // completed just before future, so that every view is complete once get() returns: a view
  // depending on future itself would be completed after the threads waiting in get() are woken
  private final CompletableFuture<R> settledForViews = new CompletableFuture<>();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final Callbacks<? super R> callbacks;
  private final Consumer<Throwable> callbackErrorHandler;
  private final Progress progress;
  private final Runnable whenSettled;
  private volatile RuntimeException failure;

  AsyncResult(
      Callbacks<? super R> callbacks,
      Consumer<Throwable> callbackErrorHandler,
      Progress progress,
      Runnable whenSettled) {
    this.callbacks = callbacks;
    this.callbackErrorHandler = callbackErrorHandler;
    this.progress = progress;
    this.whenSettled = whenSettled;
  }

  /** Completes with a value, once; runs the result callback first. */
  void succeed(R value) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    if (callbacks.onResult() != null) {
      CallbackErrors.runGuarded(() -> callbacks.onResult().accept(value), callbackErrorHandler);
    }
    whenSettled.run(); // first, so that whoever sees the result sees the pool let go of the call
    settledForViews.complete(value);
    future.complete(value);
  }

  /**
   * Completes with a failure, once; runs the error callback first with the task's own exception
   * (the cause of a {@link TaskFailedException}) or the cancellation.
   */
  void fail(RuntimeException failure) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    if (callbacks.onError() != null) {
      Throwable told = failure instanceof TaskFailedException ? failure.getCause() : failure;
      CallbackErrors.runGuarded(() -> callbacks.onError().accept(told), callbackErrorHandler);
    }
    this.failure = failure;
    whenSettled.run();
    settledForViews.completeExceptionally(failure);
    future.completeExceptionally(failure);
  }

  /**
   * Waits for the result and returns it.
   *
   * @return the result
   * @throws TaskFailedException if the task threw; its cause is the task's exception
   * @throws CancellationException if the pool was terminated first
   * @throws PoolBrokenException if a worker's initializer threw
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public R get() throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException | CancellationException e) {
      throw rethrown(failure);
    }
  }

  /**
   * Waits at most {@code timeout} for the result.
   *
   * @param timeout how long, at least 0
   * @param unit the unit of {@code timeout}
   * @return the result
   * @throws TimeoutException if the result is not ready in time (Python's
   *     {@code multiprocessing.TimeoutError})
   * @throws TaskFailedException if the task threw; its cause is the task's exception
   * @throws CancellationException if the pool was terminated first
   * @throws PoolBrokenException if a worker's initializer threw
   * @throws InterruptedException if the waiting thread was interrupted
   * @throws IllegalArgumentException if {@code timeout} is negative or {@code unit} null
   */
  public R get(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    long nanos = Checks.timeoutNanos(timeout, unit);
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException | CancellationException e) {
      throw rethrown(failure);
    } catch (TimeoutException e) {
      throw new TimeoutException("no result within " + timeout + " " + unit.name().toLowerCase());
    }
  }

  /**
   * Python's {@code wait()}: waits until the result is ready, successful or not, and throws
   * nothing about the outcome.
   *
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public void await() throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException | CancellationException outcomeIsNotOurBusiness) {
      // wait() reports readiness, not the outcome
    }
  }

  /**
   * Python's {@code wait(timeout)}: waits at most {@code timeout} until the result is ready.
   *
   * @param timeout how long, at least 0
   * @param unit the unit of {@code timeout}
   * @return whether the result is ready
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = Checks.timeoutNanos(timeout, unit);
    try {
      future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException | CancellationException | TimeoutException ignored) {
      // readiness is read below
    }
    return future.isDone();
  }

  /**
   * Whether the call has finished, successfully or not (its callback has run).
   *
   * @return true when finished
   */
  public boolean ready() {
    return future.isDone();
  }

  /**
   * Whether the call finished without an exception.
   *
   * @return true if it succeeded
   * @throws IllegalStateException if it has not finished yet (as Python's {@code ValueError})
   */
  public boolean successful() {
    if (!future.isDone()) {
      throw new IllegalStateException(
          "successful() called before the result is ready; check ready() or call get() first");
    }
    return !future.isCompletedExceptionally();
  }

  /**
   * How far the call has got.
   *
   * @return the progress view
   */
  public Progress progress() {
    return progress;
  }

  /**
   * A {@link CompletableFuture} (so also a {@code Future} and a {@code CompletionStage}) that
   * completes when this result does, with the same value or the same exception: a failed call's
   * view throws {@link ExecutionException} from {@code get()} with the {@link
   * TaskFailedException} (or {@link PoolBrokenException}) as cause, and a call cancelled by
   * {@link Pool#terminate()} has a cancelled view ({@code isCancelled()} is true, {@code get()}
   * throws the {@link CancellationException}). Every view is complete before {@code get()}
   * returns or {@code ready()} turns true. Completing or cancelling the view does not affect
   * the call, nor the other views.
   *
   * @return a new view
   */
  public CompletableFuture<R> toCompletableFuture() {
    // not future.copy(): a copy completes with a CompletionException around the failure, so a
    // cancelled call's copy would not be cancelled; a dependent of its own, so that nothing done
    // to the view reaches the call
    CompletableFuture<R> view = new CompletableFuture<>();
    settledForViews.whenComplete((value, failed) -> {
      if (failed == null) {
        view.complete(value);
      } else {
        view.completeExceptionally(failed); // a CancellationException makes the view cancelled
      }
    });
    return view;
  }

  private static RuntimeException rethrown(Throwable stored) {
    // a fresh exception, so that its stack trace shows the caller of get()
    if (stored instanceof TaskFailedException failed) {
      return new TaskFailedException(failed.getMessage(), failed.getCause());
    }
    if (stored instanceof PoolBrokenException broken) {
      return new PoolBrokenException(broken.getMessage(), broken.getCause());
    }
    if (stored instanceof CancellationException cancelled) {
      CancellationException fresh = new CancellationException(cancelled.getMessage());
      fresh.initCause(cancelled.getCause());
      return fresh;
    }
    return stored instanceof RuntimeException r ? r : new IllegalStateException(stored);
  }

  @Override
  public String toString() {
    return "AsyncResult[" + (future.isDone() ? (successful() ? "successful" : "failed") : "pending")
        + ", " + progress + "]";
  }
}
