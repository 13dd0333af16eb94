package io.poollab.cluster;

import io.poollab.pool.Task;
import java.io.Serializable;

/**
 * What a member needs to run one chunk: the task, the pool's initializer (run once on the
 * worker's thread there) and the items; sent as one serialized payload.
 *
 * @param task the task
 * @param initializer the pool's initializer, or null
 * @param items the chunk's items
 */
record ChunkRequest(Task<?, ?> task, Runnable initializer, Object[] items) implements Serializable {}
