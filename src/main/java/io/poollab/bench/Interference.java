package io.poollab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine other processes and the hypervisor took between two moments, read from
 * Linux's {@code /proc}, so a group of benchmark forks that ran next to a noisy neighbour can be
 * found and re-run.
 *
 * <ul>
 *   <li>{@code /proc/stat}, first line: the machine's CPU time in clock ticks; busy is {@code user
 *       + nice + system + irq + softirq} (guest time is already inside {@code user} and {@code
 *       nice}), steal is counted apart;
 *   <li>{@code /proc/self/stat}: this JVM's CPU time, {@code utime + stime + cutime + cstime},
 *       the last two holding the children it has already waited for;
 *   <li>{@code /proc/loadavg}: the 1-minute load average.
 * </ul>
 *
 * <p>Foreign CPU is the machine's busy time less this JVM's and its reaped children's. A fork
 * that is still running when a snapshot is taken is counted as foreign until it has been waited
 * for, so take snapshots between forks, after {@code Process.waitFor()} has returned. The kernel
 * keeps the two counters in slightly different ways, so a quiet machine reads about 0, not
 * exactly 0.
 *
 * <p>The clock tick rate is {@code USER_HZ}, 100 per second on Linux; {@code
 * -Dpoollab.clockTicks=N} overrides it.
 *
 * <pre>{@code
 * Interference.Snapshot before = Interference.take();
 * runForks();
 * Interference.Load load = Interference.between(before, Interference.take());
 * if (load.available() && load.foreignCores() > 0.25) { rerunForks(); }
 * }</pre>
 */
public final class Interference {

  /** The clock tick rate property. */
  public static final String CLOCK_TICKS = "poollab.clockTicks";

  /** Linux's {@code USER_HZ} on every architecture it runs the lab on. */
  static final long DEFAULT_CLOCK_TICKS = 100;

  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  // /proc/self/stat fields 14-17 (1-based) as indexes into the fields after the comm's ')',
  // which start at field 3
  private static final int UTIME = 14 - 3;
  private static final int CSTIME = 17 - 3;

  private Interference() {}

  /**
   * A reading of the machine's and this process's CPU counters.
   *
   * <pre>{@code
   * Interference.Snapshot s = Interference.take();
   * s.available(); // false where /proc cannot be read
   * }</pre>
   *
   * @param nanoTime {@link System#nanoTime()} when the counters were read
   * @param busyTicks the machine's busy CPU time since boot, in clock ticks, all cores together
   * @param stealTicks CPU time the hypervisor gave to other guests since boot, in clock ticks
   * @param ownTicks this JVM's CPU time and its reaped children's, in clock ticks
   * @param load1 the 1-minute load average
   * @param available whether the counters were read; when false the others are 0 or NaN
   */
  public record Snapshot(
      long nanoTime,
      long busyTicks,
      long stealTicks,
      long ownTicks,
      double load1,
      boolean available) {

    /** A snapshot that could not be read, taken at {@code nanoTime}. */
    static Snapshot unavailable(long nanoTime) {
      return new Snapshot(nanoTime, 0, 0, 0, Double.NaN, false);
    }
  }

  /**
   * What the rest of the machine did between two snapshots, as average cores busy.
   *
   * <pre>{@code
   * Interference.Load load = Interference.between(before, after);
   * load.foreignCores(); // about 1.0 while one other process spins on a core
   * }</pre>
   *
   * @param foreignCores cores used on average by processes other than this JVM and its reaped
   *     children; NaN when not available
   * @param stealCores cores taken on average by the hypervisor; NaN when not available
   * @param load1 the 1-minute load average at the second snapshot; NaN when not available
   * @param seconds the time between the snapshots
   * @param available whether both snapshots were read and some time passed between them
   */
  public record Load(
      double foreignCores, double stealCores, double load1, double seconds, boolean available) {

    /**
     * A load that could not be measured.
     *
     * <pre>{@code
     * Interference.Load.unavailable(3.0).foreignCores(); // NaN
     * }</pre>
     *
     * @param seconds the time between the snapshots, as far as it is known
     * @return a load with NaN cores and load average, not available
     */
    public static Load unavailable(double seconds) {
      return new Load(Double.NaN, Double.NaN, Double.NaN, seconds, false);
    }
  }

  /**
   * Reads the counters now. Never throws: on a machine without {@code /proc} (not Linux), or when
   * a file cannot be read or parsed, the snapshot is not available.
   *
   * <pre>{@code
   * Interference.Snapshot before = Interference.take();
   * }</pre>
   *
   * @return the counters and {@link System#nanoTime()}
   */
  public static Snapshot take() {
    return take(PROC_STAT, SELF_STAT, LOADAVG, System.nanoTime());
  }

  /**
   * Reads the counters from the given files, for tests with fixture files. Never throws.
   *
   * @param procStat a file like {@code /proc/stat}
   * @param selfStat a file like {@code /proc/self/stat}
   * @param loadavg a file like {@code /proc/loadavg}
   * @param nanoTime the time to record
   * @return the counters, or a snapshot that is not available
   */
  static Snapshot take(Path procStat, Path selfStat, Path loadavg, long nanoTime) {
    try {
      long[] cpu = machineTicks(read(procStat));
      long own = ownTicks(read(selfStat));
      double load1 = load1(read(loadavg));
      return new Snapshot(nanoTime, cpu[0], cpu[1], own, load1, true);
    } catch (IOException | RuntimeException e) {
      // a probe must not stop a benchmark run: a missing or odd /proc only loses the check
      return Snapshot.unavailable(nanoTime);
    }
  }

  /**
   * The load between two snapshots, with the clock tick rate of {@code -Dpoollab.clockTicks}
   * (default 100). When either snapshot is not available, or {@code after} was not taken after
   * {@code before}, the load is not available rather than an error, so a probe never stops a run.
   *
   * <pre>{@code
   * Interference.Load load = Interference.between(before, Interference.take());
   * }</pre>
   *
   * @param before the earlier snapshot
   * @param after the later snapshot
   * @return average foreign and stolen cores over the interval
   * @throws IllegalArgumentException when a snapshot is null or {@code -Dpoollab.clockTicks} is
   *     not a positive integer
   */
  public static Load between(Snapshot before, Snapshot after) {
    return between(before, after, clockTicks(System.getProperty(CLOCK_TICKS)));
  }

  /**
   * The load between two snapshots at a given clock tick rate; see {@link #between(Snapshot,
   * Snapshot)}.
   *
   * @param before the earlier snapshot
   * @param after the later snapshot
   * @param ticksPerSecond the clock tick rate, at least 1
   * @return average foreign and stolen cores over the interval
   */
  static Load between(Snapshot before, Snapshot after, long ticksPerSecond) {
    if (before == null) {
      throw new IllegalArgumentException("before must be a snapshot, was null");
    }
    if (after == null) {
      throw new IllegalArgumentException("after must be a snapshot, was null");
    }
    if (ticksPerSecond < 1) {
      throw new IllegalArgumentException("ticksPerSecond must be >= 1, was " + ticksPerSecond);
    }
    double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
    if (!before.available() || !after.available() || seconds <= 0) {
      return Load.unavailable(seconds);
    }
    double ticks = ticksPerSecond * seconds;
    long busy = after.busyTicks() - before.busyTicks();
    long own = after.ownTicks() - before.ownTicks();
    // the machine and the process are accounted apart, so on a quiet machine own can come out a
    // tick or two above busy; that is no negative neighbour
    double foreign = Math.max(0, busy - own) / ticks;
    // some kernels have let steal step back; stolen time is never negative
    double steal = Math.max(0, after.stealTicks() - before.stealTicks()) / ticks;
    return new Load(foreign, steal, after.load1(), seconds, true);
  }

  /**
   * The clock tick rate from a {@code poollab.clockTicks} value.
   *
   * @param value the property value, or null for the default
   * @return the value, or 100 when null or blank
   */
  static long clockTicks(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_CLOCK_TICKS;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + CLOCK_TICKS + " must be a positive integer (clock ticks per second), was '"
            + value + "'");
  }

  // ISO-8859-1 decodes any byte, and a process name may hold bytes that are not UTF-8
  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }

  /** {busy, steal} from the first line of {@code /proc/stat}. */
  private static long[] machineTicks(String procStat) {
    int end = procStat.indexOf('\n');
    String[] f = (end < 0 ? procStat : procStat.substring(0, end)).trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalStateException("not a /proc/stat cpu line: " + String.join(" ", f));
    }
    // cpu user nice system idle iowait irq softirq steal [guest guest_nice]
    long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
        + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    return new long[] {busy, Long.parseLong(f[8])};
  }

  /** {@code utime + stime + cutime + cstime} from {@code /proc/self/stat}. */
  private static long ownTicks(String selfStat) {
    // the comm field is in parentheses and may itself hold spaces and ')'; the kernel writes it
    // unescaped, so only the last ')' ends it
    int close = selfStat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalStateException("no ')' after the process name");
    }
    String[] f = selfStat.substring(close + 1).trim().split("\\s+");
    long own = 0;
    for (int i = UTIME; i <= CSTIME; i++) {
      own += Long.parseLong(f[i]);
    }
    return own;
  }

  private static double load1(String loadavg) {
    double load1 = Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    if (!Double.isFinite(load1) || load1 < 0) {
      throw new IllegalStateException("not a load average: " + load1);
    }
    return load1;
  }
}
