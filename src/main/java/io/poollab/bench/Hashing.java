package io.poollab.bench;

import io.poollab.pool.PoolOptions;
import io.poollab.pool.Task;
import io.poollab.pool.WorkerLocal;
import io.poollab.workload.WordHasher;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.concurrent.Callable;

/**
 * The word job's {@code hashing} param: how a worker gets its SHA-512 digest.
 *
 * <pre>{@code
 * Task<String, String> t = Hashing.WORKER_DIGEST.threadLocalTask();
 * }</pre>
 */
public enum Hashing {
  /** A new {@code MessageDigest} per word: the guide's {@code hash_word}. */
  NEW_DIGEST,
  /** One digest per worker: the pool's initializer with a {@code WorkerLocal}, or a ThreadLocal. */
  WORKER_DIGEST;

  /** The task for one thread or for any thread (each thread gets its own digest). */
  public Task<String, String> threadLocalTask() {
    if (this == NEW_DIGEST) {
      return WordHasher::sha512Hex;
    }
    ThreadLocal<MessageDigest> digest = ThreadLocal.withInitial(WordHasher::newDigest);
    return word -> WordHasher.sha512Hex(digest.get(), word);
  }

  /**
   * The task for a pool built from {@code options}: with {@link #WORKER_DIGEST} the options get
   * an initializer that makes each worker's digest, as a user of the pool would write it (cast to
   * {@code Serializable}, as a {@code CLUSTER} pool needs).
   *
   * @param options the pool's options so far; the initializer is added to them
   * @return the task
   */
  public Task<String, String> poolTask(PoolOptions.Builder options) {
    if (this == NEW_DIGEST) {
      return WordHasher::sha512Hex;
    }
    // serializable as written, so that the same code runs on a CLUSTER pool's members
    WorkerLocal<MessageDigest> digest =
        WorkerLocal.of((Callable<MessageDigest> & Serializable) WordHasher::newDigest);
    options.initializer((Runnable & Serializable) digest::initialize);
    return word -> WordHasher.sha512Hex(digest.get(), word);
  }
}
