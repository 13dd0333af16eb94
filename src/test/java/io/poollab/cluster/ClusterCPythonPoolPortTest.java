package io.poollab.cluster;

import io.poollab.pool.Backend;
import io.poollab.pool.CPythonPoolPortTest;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link CPythonPoolPortTest}, CPython's own pool tests, on {@link Backend#CLUSTER}: the same
 * tests, with pools on the two in-process members of {@link SharedTestCluster}. Tasks, items and
 * results are serialized there, as Python pickles them for its processes, so here {@code
 * test_unpickleable_result} checks Python's own behaviour (the result cannot travel back: {@code
 * get()} and the error callback say so), {@code test_map_unplicklable} runs (items that cannot be
 * serialized fail the call, never hang it), and {@code test_pool_in_process} makes its inner pool
 * inside a task on a member, as Python's child process does; {@code test_pool_initializer} sees
 * the initializer run on the member when the worker starts, before any task.
 *
 * <p>Excluded (skipped with the reason):
 * <ul>
 *   <li>{@code test_worker_finalization_via_atexit_handler_of_multiprocessing}: an unclosed
 *       CLUSTER pool keeps its JVM alive on purpose (its client's threads are not daemons, see
 *       {@link Backend#CLUSTER}), and the script's fresh JVM would need members of its own.</li>
 * </ul>
 */
@OnSharedTestCluster
@DisplayName("CPython's pool tests, ported, on CLUSTER")
class ClusterCPythonPoolPortTest extends CPythonPoolPortTest {}
