package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterferenceTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  @Test
  void shouldCountOnlyOtherProcessesCpuAsForeign() throws Exception {
    // busy 1000+10+200+5+5 = 1220, steal 20, own 100+50+0+0 = 150
    Interference.Snapshot before =
        snapshot("b", cpuLine(1000, 10, 200, 5000, 30, 5, 5, 20, 0, 0), "java", 100, 50, 0, 0,
            "0.50 0.40 0.30 1/100 42", 5 * SECOND);
    // busy 1300+10+300+10+10 = 1630, steal 60, own 200+80+30+10 = 320
    Interference.Snapshot after =
        snapshot("a", cpuLine(1300, 10, 300, 5100, 40, 10, 10, 60, 0, 0), "java", 200, 80, 30, 10,
            "1.75 0.90 0.40 3/100 43", 7 * SECOND);

    Interference.Load load = Interference.between(before, after, 100);

    assertThat(before).isEqualTo(new Interference.Snapshot(5 * SECOND, 1220, 20, 150, 0.5, true));
    assertThat(after).isEqualTo(new Interference.Snapshot(7 * SECOND, 1630, 60, 320, 1.75, true));
    // ((1630 - 1220) - (320 - 150)) ticks / 100 per s / 2 s
    assertThat(load.foreignCores()).isCloseTo(1.2, within(1e-9));
    // (60 - 20) ticks / 100 per s / 2 s
    assertThat(load.stealCores()).isCloseTo(0.2, within(1e-9));
    assertThat(load.load1()).isEqualTo(1.75);
    assertThat(load.seconds()).isEqualTo(2.0);
    assertThat(load.available()).isTrue();
  }

  @Test
  void shouldNotCountGuestTimeTwice() throws Exception {
    // guest time is already inside user, guest_nice inside nice
    Interference.Snapshot s =
        snapshot("g", cpuLine(1000, 10, 200, 5000, 30, 5, 5, 20, 700, 9), "java", 1, 2, 3, 4,
            "0.00 0.00 0.00 1/1 1", 0);

    assertThat(s.busyTicks()).isEqualTo(1220);
    assertThat(s.stealTicks()).isEqualTo(20);
  }

  @Test
  void shouldReadTheCountersWhenTheCpuLineHasNoGuestFields() throws Exception {
    Interference.Snapshot s =
        snapshot("old", "cpu  1 2 3 4 5 6 7 8\n", "java", 1, 2, 3, 4, "0.25 0 0 1/1 1", 0);

    assertThat(s.available()).isTrue();
    assertThat(s.busyTicks()).isEqualTo(1 + 2 + 3 + 6 + 7);
    assertThat(s.stealTicks()).isEqualTo(8);
  }

  @Test
  void shouldReadTheFieldsAfterTheLastParenthesisOfTheProcessName() throws Exception {
    // a name that, split at its first ')', would put 7s where the CPU times are
    Interference.Snapshot s =
        snapshot("comm", cpuLine(1, 1, 1, 1, 1, 1, 1, 1, 0, 0), "a) (b c) 7 7 7 7 7 7 7 7 7 7 7 7",
            11, 22, 33, 44, "0.10 0.20 0.30 1/1 1", 0);

    assertThat(s.available()).isTrue();
    assertThat(s.ownTicks()).isEqualTo(11 + 22 + 33 + 44);
  }

  @Test
  void shouldNotReportNegativeForeignCpu() throws Exception {
    // the process's own counter ran 2 ticks ahead of the machine's
    Interference.Snapshot before =
        snapshot("b", cpuLine(100, 0, 0, 0, 0, 0, 0, 10, 0, 0), "java", 50, 0, 0, 0,
            "1 1 1 1/1 1", 0);
    Interference.Snapshot after =
        snapshot("a", cpuLine(200, 0, 0, 0, 0, 0, 0, 5, 0, 0), "java", 152, 0, 0, 0,
            "1 1 1 1/1 1", SECOND);

    Interference.Load load = Interference.between(before, after, 100);

    assertThat(load.foreignCores()).isZero();
    assertThat(load.stealCores()).isZero();
    assertThat(load.available()).isTrue();
  }

  @Test
  void shouldScaleByTheClockTickRate() throws Exception {
    Interference.Snapshot before =
        snapshot("b", cpuLine(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "java", 0, 0, 0, 0, "0 0 0 1/1 1", 0);
    Interference.Snapshot after =
        snapshot("a", cpuLine(250, 0, 0, 0, 0, 0, 0, 0, 0, 0), "java", 0, 0, 0, 0, "0 0 0 1/1 1",
            SECOND);

    assertThat(Interference.between(before, after, 250).foreignCores()).isEqualTo(1.0);
    assertThat(Interference.between(before, after, 100).foreignCores()).isEqualTo(2.5);
  }

  @Test
  void shouldBeUnavailableWhenAFileIsMissing() throws Exception {
    Path stat = Files.writeString(dir.resolve("stat"), cpuLine(1, 1, 1, 1, 1, 1, 1, 1, 0, 0));
    Path self = Files.writeString(dir.resolve("self"), selfStat("java", 1, 1, 1, 1));
    Path loadavg = Files.writeString(dir.resolve("loadavg"), "0.1 0.2 0.3 1/1 1\n");
    Path missing = dir.resolve("missing");

    assertThat(Interference.take(missing, self, loadavg, 9))
        .isEqualTo(new Interference.Snapshot(9, 0, 0, 0, Double.NaN, false));
    assertThat(Interference.take(stat, missing, loadavg, 9).available()).isFalse();
    assertThat(Interference.take(stat, self, missing, 9).available()).isFalse();
    assertThat(Interference.take(stat, self, loadavg, 9).available()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hello world                 | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | 0.1 0.2 0.3",
        "cpu  1 2 3 4                | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | 0.1 0.2 0.3",
        "cpu  1 2 x 4 5 6 7 8        | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | 0.1 0.2 0.3",
        "cpu  1 2 3 4 5 6 7 8 0 0    | 1 java S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20   | 0.1 0.2 0.3",
        "cpu  1 2 3 4 5 6 7 8 0 0    | 1 (java) S 1 1 1 0 -1 0 0                 | 0.1 0.2 0.3",
        "cpu  1 2 3 4 5 6 7 8 0 0    | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | busy",
        "cpu  1 2 3 4 5 6 7 8 0 0    | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | NaN 0 0",
        "cpu  1 2 3 4 5 6 7 8 0 0    | 1 (java) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 | ''",
      })
  void shouldBeUnavailableWhenAFileIsGarbage(String stat, String self, String loadavg)
      throws Exception {
    Interference.Snapshot s =
        Interference.take(
            Files.writeString(dir.resolve("stat"), stat),
            Files.writeString(dir.resolve("self"), self),
            Files.writeString(dir.resolve("loadavg"), loadavg == null ? "" : loadavg),
            3);

    assertThat(s.available()).isFalse();
    assertThat(s.nanoTime()).isEqualTo(3);
    assertThat(s.load1()).isNaN();
  }

  @Test
  void shouldBeUnavailableWhenEitherSnapshotIs() {
    Interference.Snapshot good = new Interference.Snapshot(0, 100, 0, 0, 0.5, true);
    Interference.Snapshot bad = new Interference.Snapshot(3 * SECOND, 0, 0, 0, Double.NaN, false);

    Interference.Load load = Interference.between(good, bad, 100);

    assertThat(load).isEqualTo(Interference.Load.unavailable(3.0));
    assertThat(load.foreignCores()).isNaN();
    assertThat(load.stealCores()).isNaN();
    assertThat(load.available()).isFalse();
    assertThat(Interference.between(
            new Interference.Snapshot(0, 0, 0, 0, Double.NaN, false),
            new Interference.Snapshot(SECOND, 100, 0, 0, 0.5, true), 100).available())
        .isFalse();
  }

  @Test
  void shouldBeUnavailableWhenNoTimePassed() {
    Interference.Snapshot earlier = new Interference.Snapshot(SECOND, 100, 0, 0, 0.5, true);
    Interference.Snapshot later = new Interference.Snapshot(3 * SECOND, 200, 0, 0, 0.5, true);

    assertThat(Interference.between(earlier, earlier, 100))
        .isEqualTo(Interference.Load.unavailable(0.0));
    assertThat(Interference.between(later, earlier, 100))
        .isEqualTo(Interference.Load.unavailable(-2.0));
  }

  @Test
  void shouldRejectMissingSnapshotsAndTickRates() {
    Interference.Snapshot s = new Interference.Snapshot(0, 0, 0, 0, 0, true);

    assertThatThrownBy(() -> Interference.between(null, s, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("before must be a snapshot, was null");
    assertThatThrownBy(() -> Interference.between(s, null, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("after must be a snapshot, was null");
    assertThatThrownBy(() -> Interference.between(s, s, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ticksPerSecond must be >= 1, was 0");
  }

  @Test
  void shouldReadTheClockTickRateProperty() {
    assertThat(Interference.clockTicks(null)).isEqualTo(100);
    assertThat(Interference.clockTicks(" ")).isEqualTo(100);
    assertThat(Interference.clockTicks(" 250 ")).isEqualTo(250);
    assertThatThrownBy(() -> Interference.clockTicks("0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dpoollab.clockTicks must be a positive integer (clock ticks per second), was '0'");
    assertThatThrownBy(() -> Interference.clockTicks("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poollab.clockTicks")
        .hasMessageContaining("'fast'");
  }

  @Test
  @Timeout(30)
  void shouldReadThisMachinesCountersOnLinux() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "no /proc/stat: not Linux");

    Interference.Snapshot before = Interference.take();
    Interference.Snapshot after = Interference.take();
    Interference.Load load = Interference.between(before, after);

    assertThat(before.available()).isTrue();
    assertThat(before.busyTicks()).isNotNegative();
    assertThat(before.stealTicks()).isNotNegative();
    assertThat(before.ownTicks()).isNotNegative();
    assertThat(before.load1()).isNotNegative();
    assertThat(after.available()).isTrue();
    // take() reads three files, so some time passes; a coarse clock could still read 0
    if (load.available()) {
      assertThat(load.foreignCores()).isFinite().isNotNegative();
      assertThat(load.stealCores()).isFinite().isNotNegative();
      assertThat(load.seconds()).isPositive();
    }
  }

  private Interference.Snapshot snapshot(
      String name, String stat, String comm, long utime, long stime, long cutime, long cstime,
      String loadavg, long nanoTime) throws Exception {
    return Interference.take(
        Files.writeString(dir.resolve(name + ".stat"), stat),
        Files.writeString(dir.resolve(name + ".self"), selfStat(comm, utime, stime, cutime, cstime)),
        Files.writeString(dir.resolve(name + ".loadavg"), loadavg + "\n"),
        nanoTime);
  }

  /** The first lines of {@code /proc/stat}, with a per-core line that must not be read. */
  private static String cpuLine(
      long user, long nice, long system, long idle, long iowait, long irq, long softirq,
      long steal, long guest, long guestNice) {
    return "cpu  " + user + " " + nice + " " + system + " " + idle + " " + iowait + " " + irq + " "
        + softirq + " " + steal + " " + guest + " " + guestNice + "\n"
        + "cpu0 99999 99999 99999 99999 99999 99999 99999 99999 0 0\n"
        + "intr 12345 0 0\n";
  }

  /** A {@code /proc/self/stat} line as the kernel writes it, fields 1 to 22. */
  private static String selfStat(String comm, long utime, long stime, long cutime, long cstime) {
    return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194304 100 0 0 0 " + utime + " " + stime
        + " " + cutime + " " + cstime + " 20 0 25 0 59391\n";
  }
}
