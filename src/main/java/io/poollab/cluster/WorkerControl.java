package io.poollab.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A message from a pool to a member: one of its workers there is done (it exited, or its chunk
 * was cancelled by terminate), so its thread ends, interrupting a chunk still running; worker -1:
 * the whole pool closed. One message for both, so that their order cannot matter.
 */
final class WorkerControl implements Callable<Boolean>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  private final String pool;
  private final long worker;

  WorkerControl(String pool, long worker) {
    this.pool = pool;
    this.worker = worker;
  }

  @Override
  public Boolean call() {
    MemberWorkers.INSTANCE.release(pool, worker);
    return true;
  }
}
