package io.poollab.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The Hazelcast task that carries one chunk to a member and brings back the first part of its
 * results ({@link PartTask} fetches the others): the payload stays bytes until it is on the
 * worker's own thread there (see {@link MemberWorkers}), so that a class the member cannot load
 * is reported as such.
 */
final class ChunkTask implements Callable<byte[]>, Serializable {
  @Serial
  private static final long serialVersionUID = 2L;

  private final String pool;
  private final long worker;
  private final long chunk;
  private final byte[] payload;

  ChunkTask(String pool, long worker, long chunk, byte[] payload) {
    this.pool = pool;
    this.worker = worker;
    this.chunk = chunk;
    this.payload = payload;
  }

  @Override
  public byte[] call() throws InterruptedException {
    return MemberWorkers.INSTANCE.run(pool, worker, chunk, payload);
  }
}
