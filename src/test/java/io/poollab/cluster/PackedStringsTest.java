package io.poollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poollab.pool.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
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

  @Test
  void shouldCarryAStringRepeatedInAChunkOnceKeepingItsIdentity() throws Exception {
    // a task that returns the same long text for many items (a cached page, a template): Java
    // serialization writes it once and refers back to it; so must the packed form
    String page = "x".repeat(100_000);
    String other = "\u20ac".repeat(50_000);
    Object[] values = Collections.nCopies(1_000, page).toArray();
    values[1] = other;
    values[999] = other;
    values[500] = "short";
    byte[] bytes = Wire.encode(new ChunkReply(values, new Throwable[values.length], null, null), values);
    assertThat(bytes.length).as("each text once on the wire").isLessThan(400_000);
    Object[] back = ((ChunkReply) Wire.decode(bytes)).results();
    assertThat(back).containsExactly(values);
    assertThat(back[0]).isSameAs(back[998]);
    assertThat(back[1]).isSameAs(back[999]).isNotSameAs(back[0]);
  }

  /** A stand-in that writes what it is given as a PackedStrings' data: a corrupt or forged one. */
  private static final class Forged implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient Object[] parts;

    Forged(Object... parts) {
      this.parts = parts;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
      for (Object part : parts) {
        out.writeObject(part);
      }
    }
  }

  /** {@code forged} serialized under PackedStrings' class descriptor, inside a ChunkReply. */
  private static byte[] forge(Forged forged) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
      @Override
      protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
        super.writeClassDescriptor(desc.forClass() == Forged.class
            ? ObjectStreamClass.lookup(PackedStrings.class) : desc);
      }
    }) {
      Object[] holder = {forged};
      out.writeObject(new Object[] {holder});
    }
    return bytes.toByteArray();
  }

  @Test
  void shouldReadAWellFormedForgeryAsTheStrings() throws Exception {
    // the forging itself works: what PackedStrings writes, written by hand, reads back
    Object[] back = (Object[]) ((Object[]) Wire.decode(forge(new Forged(
        new int[] {2, -1, -2 - 1, 0}, "ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "\u00e9", null))))[0];
    assertThat((Object[]) back[0]).containsExactly("ab", null, "\u00e9", "");
  }

  @Test
  void shouldRefuseACorruptPackedChunkWithAnIOException() throws Exception {
    byte[] ab = {'a', 'b'};
    Forged[] corrupt = {
        new Forged(null, null, null, null),
        new Forged("not lengths", ab, "", null),
        new Forged(new int[] {2}, null, "", null),
        new Forged(new int[] {-3}, new byte[0], null, null),
        new Forged(new int[] {3}, ab, "", null),
        new Forged(new int[] {1}, ab, "", null), // a byte left over
        new Forged(new int[] {-2 - 1}, new byte[0], "\u00e9\u00e9", null), // a char left over
        new Forged(new int[] {Integer.MIN_VALUE}, new byte[0], "", null),
        new Forged(new int[] {2, Integer.MAX_VALUE}, ab, "", null),
        new Forged(new int[] {-1, 1}, ab, "", null), // ab is 2 bytes, 1 used
        new Forged(new int[] {2, -1}, ab, "", new int[] {1, 5}), // repeats a value that is not there
        new Forged(new int[] {2, -1}, ab, "", new int[] {0, 1}), // repeats a later value
        new Forged(new int[] {2, -1}, ab, "", new int[] {1}), // half a pair
        new Forged(new int[] {2, 0}, ab, "", new int[] {1, 0}), // over a value that is there
        new Forged(new int[] {2, -1}, ab, "", "not pairs"),
    };
    for (Forged forged : corrupt) {
      byte[] bytes = forge(forged);
      assertThatThrownBy(() -> Wire.decode(bytes)).as(java.util.Arrays.deepToString(forged.parts))
          .isInstanceOf(IOException.class);
    }
  }
}
