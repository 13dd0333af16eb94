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

  /**
   * {@code forged} serialized under PackedStrings' class descriptor, inside a ChunkReply, framed
   * as Wire frames a payload (the stream's length, the stream, then {@code tail}).
   */
  private static byte[] forge(Forged forged, byte[] tail) throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(stream) {
      @Override
      protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
        super.writeClassDescriptor(desc.forClass() == Forged.class
            ? ObjectStreamClass.lookup(PackedStrings.class) : desc);
      }
    }) {
      Object[] holder = {forged};
      out.writeObject(new Object[] {holder});
    }
    return frame(stream.toByteArray(), stream.size(), tail);
  }

  private static byte[] frame(byte[] stream, int statedLength, byte[] tail) {
    return java.nio.ByteBuffer.allocate(Wire.HEADER + stream.length + tail.length)
        .putInt(statedLength).put(stream).put(tail).array();
  }

  @Test
  void shouldReadAWellFormedForgeryAsTheStrings() throws Exception {
    // the forging itself works: what PackedStrings writes, written by hand, reads back
    Object[] back = (Object[]) ((Object[]) Wire.decode(forge(
        new Forged(new int[] {2, -1, -2 - 1, 0}, "\u00e9", null), new byte[] {'a', 'b'})))[0];
    assertThat((Object[]) back[0]).containsExactly("ab", null, "\u00e9", "");
  }

  @Test
  void shouldRefuseACorruptPackedChunkWithAnIOException() throws Exception {
    byte[] ab = {'a', 'b'};
    byte[] none = {};
    Object[][] corrupt = {
        {new Forged(null, null, null), none},
        {new Forged("not lengths", "", null), ab},
        {new Forged(new int[] {2}, "", null), none}, // runs past its bytes
        {new Forged(new int[] {-3}, null, null), none},
        {new Forged(new int[] {3}, "", null), ab},
        {new Forged(new int[] {1}, "", null), ab}, // a byte left over
        {new Forged(new int[] {-2 - 1}, "\u00e9\u00e9", null), none}, // a char left over
        {new Forged(new int[] {Integer.MIN_VALUE}, "", null), none},
        {new Forged(new int[] {2, Integer.MAX_VALUE}, "", null), ab},
        {new Forged(new int[] {-1, 1}, "", null), ab}, // ab is 2 bytes, 1 used
        {new Forged(new int[] {2, -1}, "", new int[] {1, 5}), ab}, // repeats a value that is not there
        {new Forged(new int[] {2, -1}, "", new int[] {0, 1}), ab}, // repeats a later value
        {new Forged(new int[] {2, -1}, "", new int[] {1}), ab}, // half a pair
        {new Forged(new int[] {2, 0}, "", new int[] {1, 0}), ab}, // over a value that is there
        {new Forged(new int[] {2, -1}, "", "not pairs"), ab},
    };
    for (Object[] c : corrupt) {
      Forged forged = (Forged) c[0];
      byte[] bytes = forge(forged, (byte[]) c[1]);
      assertThatThrownBy(() -> Wire.decode(bytes)).as(java.util.Arrays.deepToString(forged.parts))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void shouldRefuseAPayloadWhoseLengthOrTailDoesNotFit() throws Exception {
    byte[] good = Wire.encode(new ChunkReply(new Object[] {"x"}, null, null, null));
    int stream = good.length - Wire.HEADER;
    byte[] streamBytes = java.util.Arrays.copyOfRange(good, Wire.HEADER, good.length);
    assertThat(((ChunkReply) Wire.decode(frame(streamBytes, stream, new byte[0]))).results())
        .containsExactly("x");
    byte[][] corrupt = {
        {},
        {0, 0, 0},
        frame(streamBytes, stream + 1, new byte[0]), // says more than there is
        frame(streamBytes, -1, new byte[0]),
        frame(streamBytes, stream, new byte[] {'a'}), // a tail nothing reads
    };
    for (byte[] bytes : corrupt) {
      assertThatThrownBy(() -> Wire.decode(bytes)).as("%d bytes", bytes.length)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void shouldSizeTheBufferOfAReplyOfDigestsOnceWithoutDoublingIt() throws Exception {
    Object[] digests = new Object[20_000];
    for (int i = 0; i < digests.length; i++) {
      digests[i] = String.format("%0128x", i);
    }
    PackedStrings packed = (PackedStrings) PackedStrings.packIfStrings(digests);
    byte[] reply = Wire.encode(new ChunkReply(digests, null, null, null), digests);
    // the buffer starts at sizeHint(): a reply longer than that would have doubled it (2.5 MB more here)
    assertThat(reply.length).isLessThanOrEqualTo(packed.sizeHint())
        .isGreaterThan(packed.sizeHint() - PackedStrings.ENVELOPE);
    assertThat(((ChunkReply) Wire.decode(reply)).results()).containsExactly(digests);
  }
}
