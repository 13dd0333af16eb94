package io.poollab.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The Hazelcast task that fetches the next part of a chunk's results from the member that runs
 * it, waiting there until the part is ready (see {@link ChunkParts}).
 */
final class PartTask implements Callable<byte[]>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  private final String pool;
  private final long worker;
  private final long chunk;
  private final int index;

  PartTask(String pool, long worker, long chunk, int index) {
    this.pool = pool;
    this.worker = worker;
    this.chunk = chunk;
    this.index = index;
  }

  @Override
  public byte[] call() throws InterruptedException {
    return MemberWorkers.INSTANCE.part(pool, worker, chunk, index);
  }
}
