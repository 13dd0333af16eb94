package io.poollab.pool;

import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * A value each worker owns, made once per worker: the Java form of the globals a Python
 * initializer sets. Typical use: one {@code MessageDigest} per worker, reused by every task that
 * worker runs.
 *
 * <pre>{@code
 * WorkerLocal<MessageDigest> digest = WorkerLocal.of(() -> MessageDigest.getInstance("SHA-512"));
 * try (Pool pool = Pool.builder().initializer(digest::initialize).create()) {
 *   pool.map(word -> HexFormat.of().formatHex(digest.get().digest(word.getBytes(UTF_8))), words);
 * }
 * }</pre>
 *
 * <p>{@link #initialize()} in the pool's initializer makes the value when the worker starts, so a
 * failure breaks the pool at once; {@link #get()} makes it on first use otherwise.
 *
 * <p>On a {@link Backend#CLUSTER} pool it travels with the tasks and initializer that use it
 * (its factory must then be serializable, as {@code WorkerLocal.of(WordHasher::newDigest)} is not
 * unless cast: {@code WorkerLocal.of((Callable<MessageDigest> & Serializable) WordHasher::newDigest)}):
 * every copy that arrives in a JVM resolves to that JVM's one instance of it, so that the
 * initializer and the tasks of a worker see the same value on the member.
 *
 * @param <T> the value type
 */
public final class WorkerLocal<T> implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  /** This JVM's instance of each WorkerLocal that arrived here, by identity; weak both ways. */
  private static final Map<UUID, WeakReference<WorkerLocal<?>>> ARRIVED = new WeakHashMap<>();
  /** What a worker's slot holds when its factory made null: a null slot means "not made yet". */
  private static final Object NULL = new Object();

  /** The same in every copy: what makes copies resolve to one instance per JVM. */
  private final UUID identity;
  private final Callable<? extends T> factory;
  private final transient ThreadLocal<Object> values = new ThreadLocal<>();

  private WorkerLocal(Callable<? extends T> factory) {
    this(UUID.randomUUID(), factory);
  }

  /** A copy that arrived in this JVM becomes the instance this JVM already has, or the first copy. */
  @Serial
  private Object readResolve() {
    synchronized (ARRIVED) {
      WeakReference<WorkerLocal<?>> known = ARRIVED.get(identity);
      WorkerLocal<?> instance = known == null ? null : known.get();
      if (instance == null) {
        instance = new WorkerLocal<>(identity, factory);
        ARRIVED.put(instance.identity, new WeakReference<>(instance));
      }
      return instance;
    }
  }

  private WorkerLocal(UUID identity, Callable<? extends T> factory) {
    this.identity = identity;
    this.factory = factory;
  }

  /**
   * A worker-local value made by {@code factory}.
   *
   * @param factory makes one worker's value; may throw
   * @param <T> the value type
   * @return the worker-local
   */
  public static <T> WorkerLocal<T> of(Callable<? extends T> factory) {
    return new WorkerLocal<>(Checks.notNull("factory", factory));
  }

  /**
   * Makes this worker's value now; meant as (part of) the pool's initializer.
   *
   * @throws IllegalStateException if the factory throws, with its exception as the cause
   */
  public void initialize() {
    T value = create();
    values.set(value == null ? NULL : value);
  }

  /**
   * This worker's value, made on first use if {@link #initialize()} did not run; made once per
   * worker, a null value too.
   *
   * @return the value of the calling worker
   * @throws IllegalStateException if the factory throws, with its exception as the cause
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Object value = values.get();
    if (value == null) {
      T made = create();
      values.set(made == null ? NULL : made);
      return made;
    }
    return value == NULL ? null : (T) value;
  }

  private T create() {
    try {
      return factory.call();
    } catch (Exception e) {
      throw new IllegalStateException("WorkerLocal factory failed: " + e, e);
    }
  }
}
