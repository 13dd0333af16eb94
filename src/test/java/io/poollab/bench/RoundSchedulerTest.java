package io.poollab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundSchedulerTest {

  private static final IterationSettings S = new IterationSettings(1, Duration.ofMillis(10), 1, Duration.ofMillis(10));

  private static ForkGroup.SideEntry entry(String impl, int workers, String hashing) {
    return new ForkGroup.SideEntry("run", new PlanEntry(PlanBuilder.WORD_JOB,
        Map.of("impl", impl, "workers", Integer.toString(workers), "chunksize", "default", "hashing", hashing), S));
  }

  private static List<ForkGroup.SideEntry> plan() {
    List<ForkGroup.SideEntry> entries = new ArrayList<>();
    entries.add(entry("SERIAL", 1, "NEW_DIGEST"));
    for (int w = 1; w <= 5; w++) {
      entries.add(entry("POOL_MAP", w, "NEW_DIGEST"));
    }
    entries.add(entry("SERIAL", 1, "WORKER_DIGEST"));
    entries.add(entry("POOL_MAP", 2, "WORKER_DIGEST"));
    entries.add(new ForkGroup.SideEntry("run", new PlanEntry(PlanBuilder.ROUND_TRIP,
        Map.of("impl", "POOL_APPLY_ASYNC", "workers", "1"), S)));
    return entries;
  }

  @Test
  void shouldRunEveryParallelEntryOnceARoundNextToTheSerialForkOfItsWorkload() {
    List<ForkGroup> round = RoundScheduler.round(plan(), 1, 42L);

    List<PlanEntry> parallel = round.stream().flatMap(g -> g.members().stream())
        .filter(m -> !m.isSerial()).map(ForkGroup.SideEntry::entry).toList();
    assertThat(parallel).containsExactlyInAnyOrderElementsOf(
        plan().stream().filter(e -> !e.isSerial()).map(ForkGroup.SideEntry::entry).toList());
    for (ForkGroup g : round) {
      List<ForkGroup.SideEntry> members = g.members();
      long serials = members.stream().filter(ForkGroup.SideEntry::isSerial).count();
      if (g.job().contains("RoundTrip")) {
        assertThat(members).hasSize(1);
        continue;
      }
      assertThat(serials).as(g.toString()).isEqualTo(1);
      assertThat(members).hasSizeBetween(2, 3);
      // every parallel fork sits right next to the serial one
      int s = members.indexOf(members.stream().filter(ForkGroup.SideEntry::isSerial).findFirst().orElseThrow());
      for (int i = 0; i < members.size(); i++) {
        assertThat(Math.abs(i - s)).isLessThanOrEqualTo(1);
      }
      assertThat(members).allSatisfy(m -> assertThat(RoundScheduler.jobOf(m)).isEqualTo(g.job()));
    }
    // 5 parallel configurations of NEW_DIGEST: three groups; WORKER_DIGEST one; the round trip one
    assertThat(round).hasSize(5);
    assertThat(round).extracting(ForkGroup::index).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void shouldDrawTheSameOrderFromTheSameSeedAndAnotherFromTheNextRound() {
    assertThat(RoundScheduler.round(plan(), 1, 42L)).isEqualTo(RoundScheduler.round(plan(), 1, 42L));
    List<List<ForkGroup.SideEntry>> orders = new ArrayList<>();
    for (int r = 1; r <= 6; r++) {
      orders.add(RoundScheduler.round(plan(), r, 42L).stream().flatMap(g -> g.members().stream()).toList());
    }
    assertThat(orders.stream().distinct().count()).as("six rounds, shuffled afresh").isGreaterThan(1);
  }

  @Test
  void shouldKeepSidesApart() {
    List<ForkGroup.SideEntry> two = new ArrayList<>();
    for (String side : List.of("ref", "head")) {
      plan().forEach(e -> two.add(new ForkGroup.SideEntry(side, e.entry())));
    }
    for (ForkGroup g : RoundScheduler.round(two, 1, 3L)) {
      assertThat(g.members().stream().map(ForkGroup.SideEntry::side).distinct()).hasSize(1);
    }
  }

  @Test
  void shouldRefuseTwoSerialEntriesOfOneWorkload() {
    List<ForkGroup.SideEntry> entries = new ArrayList<>(plan());
    entries.add(new ForkGroup.SideEntry("run", new PlanEntry(PlanBuilder.WORD_JOB,
        Map.of("impl", "SERIAL", "workers", "1", "chunksize", "1000", "hashing", "NEW_DIGEST"), S)));
    assertThatThrownBy(() -> RoundScheduler.round(entries, 1, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two SERIAL entries");
  }
}
