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
  void shouldCarryHexDigitsTwoToAByteAndEveryOtherStringAsItWas() throws Exception {
    Object[] values = {
        "00", "0123456789abcdef", "", "abc", "ABCDEF", "0g", "dead", "beefcafe", "F00D", "a b",
        "ffffffff".repeat(16), "9", "\u0660\u0661", "00" + "\u00e9", "0123456789abcdef0?", null,
        "0123456789abcdef01", "0123456789abcdeg01", "00000000\u00e9"};
    Object[] back = roundTrip(values);
    assertThat(back).containsExactly(values);
    // lowercase digits of even count travel two to a byte, all else as it was: half the tail
    Object[] digests = new Object[1_000];
    Object[] words = new Object[digests.length];
    for (int i = 0; i < digests.length; i++) {
      digests[i] = String.format("%0128x", i * 2654435761L);
      words[i] = ((String) digests[i]).replace('0', 'g');
    }
    int digestBytes = Wire.encode(new ChunkReply(digests, null, null, null), digests).length;
    int wordBytes = Wire.encode(new ChunkReply(words, null, null, null), words).length;
    assertThat(digestBytes).isBetween(64 * digests.length, 80 * digests.length);
    assertThat(wordBytes).isBetween(128 * words.length, 144 * words.length);
    assertThat(roundTrip(digests)).containsExactly(digests);
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
        new Forged(new int[] {2, -1, -2 - 1, 0, 4}, "\u00e9", null, new long[] {0b10000}),
        new byte[] {'a', 'b', (byte) 0xc0, (byte) 0xfe})))[0];
    assertThat((Object[]) back[0]).containsExactly("ab", null, "\u00e9", "", "c0fe");
  }

  @Test
  void shouldRefuseACorruptPackedChunkWithAnIOException() throws Exception {
    byte[] ab = {'a', 'b'};
    byte[] none = {};
    Object[][] corrupt = {
        {new Forged(null, null, null, null), none},
        {new Forged("not lengths", "", null, null), ab},
        {new Forged(new int[] {2}, "", null, null), none}, // runs past its bytes
        {new Forged(new int[] {-3}, null, null, null), none},
        {new Forged(new int[] {3}, "", null, null), ab},
        {new Forged(new int[] {1}, "", null, null), ab}, // a byte left over
        {new Forged(new int[] {-2 - 1}, "\u00e9\u00e9", null, null), none}, // a char left over
        {new Forged(new int[] {Integer.MIN_VALUE}, "", null, null), none},
        {new Forged(new int[] {2, Integer.MAX_VALUE}, "", null, null), ab},
        {new Forged(new int[] {-1, 1}, "", null, null), ab}, // ab is 2 bytes, 1 used
        {new Forged(new int[] {2, -1}, "", new int[] {1, 5}, null), ab}, // repeats a value that is not there
        {new Forged(new int[] {2, -1}, "", new int[] {0, 1}, null), ab}, // repeats a later value
        {new Forged(new int[] {2, -1}, "", new int[] {1}, null), ab}, // half a pair
        {new Forged(new int[] {2, 0}, "", new int[] {1, 0}, null), ab}, // over a value that is there
        {new Forged(new int[] {2, -1}, "", "not pairs", null), ab},
        {new Forged(new int[] {2}, "", null), ab}, // three parts: the hex bits missing
        {new Forged(new int[] {3}, "", null, new long[] {1}), ab}, // hex digits of odd length
        {new Forged(new int[] {-1, 4}, "", null, new long[] {1}), ab}, // a null as hex digits
        {new Forged(new int[] {6}, "", null, new long[] {1}), ab}, // 3 bytes of digits, 2 there
        {new Forged(new int[] {4}, "", null, new long[] {1, 0}), ab}, // two words of bits for one value
        {new Forged(new int[] {4}, "", null, "not bits"), ab},
        {new Forged(new int[] {2}, "", null, new long[] {0b10}), ab}, // a bit for a value not there
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
  void shouldSizeTheStreamOfAReplyOfDigestsOnceWithTheirBytesAfterIt() throws Exception {
    Object[] digests = new Object[20_000];
    for (int i = 0; i < digests.length; i++) {
      digests[i] = String.format("%0128x", i);
    }
    PackedStrings packed = (PackedStrings) PackedStrings.packIfStrings(digests);
    byte[] reply = Wire.encode(new ChunkReply(digests, null, null, null), digests);
    // the stream's buffer starts at sizeHint(): a longer stream would have doubled it; the digests'
    // 64 bytes each follow the stream
    int digestBytes = 64 * digests.length;
    assertThat(reply.length - digestBytes).isPositive().isLessThanOrEqualTo(packed.sizeHint());
    assertThat(((ChunkReply) Wire.decode(reply)).results()).containsExactly(digests);
  }

}
