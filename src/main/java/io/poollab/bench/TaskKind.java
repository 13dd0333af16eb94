package io.poollab.bench;

import io.poollab.workload.CpuTask;
import io.poollab.workload.LoopbackServer;
import io.poollab.workload.LoopbackTask;
import io.poollab.workload.SleepTask;

/**
 * The CPU- vs IO-bound benchmark's {@code task} param, with {@code costMicros} as the cost of one
 * item. Item counts keep a serial job short: CPU jobs are about 200 ms of work; IO jobs are 100
 * items.
 *
 * <pre>{@code
 * try (TaskKind.Workload w = TaskKind.LOOPBACK.open(1000)) {
 *   long echoed = w.task().apply(42L);   // one request, answered after 1 ms
 * }
 * }</pre>
 */
public enum TaskKind {
  /** {@link CpuTask}: pure computation of about {@code costMicros} per item. */
  CPU {
    @Override
    public int items(long costMicros) {
      return (int) Math.max(1, CPU_JOB_MICROS / costMicros);
    }

    @Override
    public Workload open(long costMicros) {
      CpuTask cpu = BenchInputs.cpuTask(costMicros * 1000);
      return new Workload(x -> cpu.run(x), () -> {});
    }
  },
  /** {@link SleepTask}: a simulated wait of {@code costMicros} (whole milliseconds). */
  SLEEP {
    @Override
    public Workload open(long costMicros) {
      SleepTask sleep = new SleepTask(ioMillis(costMicros));
      return new Workload(sleep::run, () -> {});
    }
  },
  /** {@link LoopbackTask}: one request to an in-process server that answers after the cost. */
  LOOPBACK {
    @Override
    public Workload open(long costMicros) {
      LoopbackServer server = LoopbackServer.start(ioMillis(costMicros));
      LoopbackTask task = new LoopbackTask(server.port());
      return new Workload(task::apply, () -> {
        task.close();
        server.close();
      });
    }
  };

  /** The serial length of a CPU job, in microseconds. */
  static final long CPU_JOB_MICROS = 200_000;

  /** The number of items of an IO job. */
  static final int IO_ITEMS = 100;

  /**
   * How many items a job has at this cost.
   *
   * @param costMicros the cost of one item
   * @return the item count
   */
  public int items(long costMicros) {
    return IO_ITEMS;
  }

  /**
   * Starts the workload (the loopback server, for {@link #LOOPBACK}).
   *
   * @param costMicros the cost of one item, at least 1 (a multiple of 1000 for IO tasks)
   * @return the task and how to stop it
   */
  public abstract Workload open(long costMicros);

  static long ioMillis(long costMicros) {
    if (costMicros < 1000 || costMicros % 1000 != 0) {
      throw new IllegalArgumentException(
          "costMicros of an IO task must be a whole number of milliseconds (1000, 2000, ...), was "
              + costMicros);
    }
    return costMicros / 1000;
  }

  /**
   * A started task and what stops it.
   *
   * @param task the per-item function
   * @param closer stops what the task needs (a server)
   */
  public record Workload(io.poollab.pool.Task<Long, Long> task, Runnable closer)
      implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
