package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.poollab.pool.Task;
import org.junit.jupiter.api.Test;

class PackedStringsTest {

  private static Object[] roundTrip(Object[] values) throws Exception {
    ChunkReply reply = (ChunkReply) Wire.decode(
        Wire.encode(new ChunkReply(values, new Throwable[values.length], null, null), values));
    return reply.results();
  }

  @Test
  void shouldCarryEveryKindOfStringUnchanged() throws Exception {
    Object[] values = {
        "word", "", null, "what?", "?", "caf\u00e9", "\u00ff", "\u20ac uro", "\ud83d\ude00 emoji",
        "lone \ud800 surrogate", "\udfff", "a".repeat(70_000), "tab\tand\nnewline", "\u0000nul"};
    Object[] back = roundTrip(values);
    assertThat(back).isInstanceOf(Object[].class).containsExactly(values);
  }

  @Test
  void shouldPackOnlyArraysOfStringsAndLeaveOthersAsTheyAre() throws Exception {
    Object[] strings = {"a", "b", "c", "d", "e", "f", "g", "h"};
    Object[] mixed = {"a", "b", "c", "d", "e", "f", "g", 1};
    Object[] few = {"a", "b"};
    assertThat(PackedStrings.packIfStrings(strings)).isInstanceOf(PackedStrings.class);
    assertThat(PackedStrings.packIfStrings(mixed)).isSameAs(mixed);
    assertThat(PackedStrings.packIfStrings(few)).isSameAs(few);
    String[] typed = {"a", "b", "c", "d", "e", "f", "g", "h"};
    assertThat(PackedStrings.packIfStrings(typed)).isSameAs(typed);
    assertThat(roundTrip(mixed)).containsExactly(mixed);
  }

  @Test
  void shouldPackTheItemsOfARequestButNothingTheTaskCaptures() throws Exception {
    Object[] captured = {"x", "y", "z", "x", "y", "z", "x", "y"};
    Task<Object, Object> task = item -> captured.length + ":" + item;
    Object[] items = {"a", "b", "c", "d", "e", "f", "g", "h"};
    ChunkRequest request = (ChunkRequest) Wire.decode(
        Wire.encode(new ChunkRequest(task, null, items), items));
    assertThat(request.items()).containsExactly(items);
    @SuppressWarnings("unchecked")
    Task<Object, Object> travelled = (Task<Object, Object>) request.task();
    assertThat(travelled.apply("a")).isEqualTo("8:a");
  }
}
