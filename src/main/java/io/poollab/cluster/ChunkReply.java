package io.poollab.cluster;

import java.io.Serializable;

/**
 * What a member sends back for one chunk: each item's result or failure, or why the chunk could
 * not run at all.
 *
 * @param results each item's result; null where it failed
 * @param failures what each item threw, null where it succeeded; null when every item succeeded
 * @param initializerError what the pool's initializer threw on the member (the pool breaks), or null
 * @param chunkError why the chunk could not run (a class the member cannot load), or null
 */
record ChunkReply(
    Object[] results, Throwable[] failures, Throwable initializerError, Throwable chunkError)
    implements Serializable {

  static ChunkReply initializerFailed(Throwable error) {
    return new ChunkReply(null, null, error, null);
  }

  static ChunkReply cannotRun(Throwable error) {
    return new ChunkReply(null, null, null, error);
  }
}
