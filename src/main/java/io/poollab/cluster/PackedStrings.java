package io.poollab.cluster;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;

/**
 * A chunk's items or results that are all strings (or null), as they travel: one block of bytes,
 * one byte per char for ASCII strings and one byte per two digits for strings of lowercase hex
 * digits (a digest's usual form), and the others' text in one string, instead of one serialized
 * object per string. The word job's million 128-character digests cost about a fifth of the time
 * this way (Java serialization keeps a handle table entry and a UTF encoding per string), and as
 * 64 bytes each they take half the bytes of their text on the wire, through Hazelcast and the
 * sockets. The bytes do not go through the object stream: they are packed into one array when
 * the chunk is, which {@link Wire} puts after the stream, in the payload's tail, and the strings
 * are read back straight from there. Lossless: a string that is not plain ASCII (a lone
 * surrogate included) travels as its chars, and only strings of lowercase digits travel as hex
 * (uppercase ones as ASCII), so each comes back as it was.
 * A string of at least {@link #SHARED_LENGTH} chars that stands at several places (the same
 * instance) travels once and comes back as one instance at all of them, as Java serialization
 * writes it once and refers back to it; a shorter one travels once per place (equal, not the same
 * instance, at the other end), which costs at most what distinct strings would.
 *
 * <pre>{@code
 * Object travelling = PackedStrings.packIfStrings(results);   // a PackedStrings, or results itself
 * Object[] back = ((PackedStrings) travelling).unpack();
 * }</pre>
 */
final class PackedStrings implements Serializable {
  @Serial
  private static final long serialVersionUID = 4L;
  /** Below this many values packing gains nothing worth a second code path. */
  static final int MIN_VALUES = 8;
  /** From this length on, a string repeated in a chunk (the same instance) travels once. */
  static final int SHARED_LENGTH = 256;
  private static final int NULL = -1;
  /** The largest array the JVM allocates reliably. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  /** Lowercase without delimiters: what {@link TextBytes#packIfHexDigits} packs, back as a string. */
  private static final HexFormat HEX = HexFormat.of();

  private transient Object[] values;
  /**
   * Writing: pairs (place, earlier place) of the long strings that repeat the instance at an
   * earlier place, or null if none does; found when packing, as are the fields below.
   */
  private transient int[] repeats;
  /**
   * Writing: each value's length as it travels: -1 for null or a repeated instance, the char
   * count of an ASCII string (whose bytes, or digits two to a byte, are in {@link #tail}), or -2
   * minus the char count of a string that is not ASCII.
   */
  private transient int[] lengths;
  /** Writing: one bit per value, set for the strings whose digits travel two to a byte; or null. */
  private transient long[] hex;
  /** Writing: the ASCII strings' bytes, in order; null when they are too many to travel. */
  private transient byte[] tail;
  private transient int tailLength;
  /** Writing: the chars of the strings that are not ASCII, and of all strings if too many. */
  private transient long otherChars;
  /** Writing: whether {@link #writeObject} wrote these values, whose {@link #tail()} follows. */
  private transient boolean written;

  private PackedStrings(Object[] values) {
    this.values = values;
    this.lengths = new int[values.length];
    long chars = 0;
    IdentityHashMap<String, Integer> firstPlace = null;
    int[] pairs = null;
    int pairCount = 0;
    for (int v = 0; v < values.length; v++) {
      if (!(values[v] instanceof String text)) {
        lengths[v] = NULL;
        continue;
      }
      if (text.length() >= SHARED_LENGTH) {
        if (firstPlace == null) {
          firstPlace = new IdentityHashMap<>();
        }
        Integer first = firstPlace.putIfAbsent(text, v);
        if (first != null) {
          if (pairs == null || pairCount == pairs.length) {
            pairs = pairs == null ? new int[16] : Arrays.copyOf(pairs, pairs.length * 2);
          }
          pairs[pairCount++] = v;
          pairs[pairCount++] = first;
          lengths[v] = NULL; // travels as a reference to its first place
          continue;
        }
      }
      chars += text.length();
    }
    this.repeats = pairs == null ? null : Arrays.copyOf(pairs, pairCount);
    if (chars > MAX_ARRAY) {
      otherChars = chars; // writeObject refuses it
      return;
    }
    tail = new byte[(int) chars]; // at most one byte per char: all ASCII
    for (int v = 0; v < values.length; v++) {
      if (lengths[v] != NULL) {
        pack(v, (String) values[v]);
      }
    }
  }

  private void pack(int v, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    int hexEnd = TextBytes.packIfHexDigits(bytes, tail, tailLength);
    if (hexEnd >= 0) {
      if (hex == null) {
        hex = new long[(values.length + 63) >>> 6];
      }
      hex[v >>> 6] |= 1L << v;
      lengths[v] = text.length();
      tailLength = hexEnd;
    } else if (TextBytes.isAscii(bytes, text)) {
      lengths[v] = text.length();
      System.arraycopy(bytes, 0, tail, tailLength, bytes.length);
      tailLength += bytes.length;
    } else {
      lengths[v] = -2 - text.length();
      otherChars += text.length();
    }
  }

  /** {@code values} packed when every one is a string or null (and there are enough); else {@code values}. */
  static Object packIfStrings(Object[] values) {
    if (values.getClass() != Object[].class || values.length < MIN_VALUES) {
      return values;
    }
    for (Object value : values) {
      if (value != null && value.getClass() != String.class) {
        return values;
      }
    }
    return new PackedStrings(values);
  }

  /** The values, as they were packed. */
  Object[] unpack() {
    return values;
  }

  /**
   * Room for what travels in the object stream around the packed values: the payload's length,
   * the stream's class descriptors of the request or reply, and a small task.
   */
  static final int ENVELOPE = 4096;

  /**
   * About how many bytes the object stream takes with these values in it (their bytes go after
   * it, see {@link #tail()}): enough to size its buffer once; a small start for values too large
   * to travel, which {@link #writeObject} refuses.
   */
  int sizeHint() {
    long bytes = ENVELOPE + 4L * values.length + 8L * (repeats == null ? 0 : repeats.length)
        + (hex == null ? 0 : 8L * hex.length) + otherChars;
    return bytes > MAX_ARRAY ? 256 : (int) bytes;
  }

  /**
   * Four parts: each value's length (see {@link #lengths}), the other strings' text in one string
   * (Java's modified UTF-8 keeps every char, a lone surrogate too), the repeats (pairs of place
   * and earlier place, or null) and the bits of the hex strings (or null). The ASCII strings'
   * bytes follow the stream: {@link #tail()}.
   */
  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    if (tail == null) {
      throw new IOException("a chunk of " + otherChars + " characters is too large to travel; "
          + "use a smaller chunksize");
    }
    StringBuilder others = new StringBuilder();
    for (int v = 0; v < values.length; v++) {
      if (lengths[v] <= -2) {
        others.append((String) values[v]);
      }
    }
    out.writeObject(lengths);
    out.writeObject(others.toString());
    out.writeObject(repeats);
    out.writeObject(hex);
    written = true;
  }

  /**
   * The ASCII strings' bytes (a hex string's digits two to a byte), in order, that follow the
   * object stream that carried these values; its first {@link #tailLength()} bytes count.
   */
  byte[] tail() {
    return tail;
  }

  /** The bytes of {@link #tail()} that follow the stream: none if the stream did not carry these values. */
  int tailLength() {
    return written ? tailLength : 0;
  }

  /**
   * Reads what {@link #writeObject} wrote, the ASCII strings from the payload's tail; anything
   * else fails with an IOException (a StreamCorruptedException when its parts are there but do
   * not fit together).
   */
  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    if (!(in instanceof Wire.Unpacking payload)) {
      throw corrupt("it was not read from a payload of the pool's wire");
    }
    Object lengthsPart = in.readObject();
    Object othersPart = in.readObject();
    Object repeatsPart = in.readObject();
    Object hexPart = in.readObject();
    if (!(lengthsPart instanceof int[] lengths) || !(othersPart instanceof String others)
        || (repeatsPart != null && !(repeatsPart instanceof int[]))
        || (hexPart != null && !(hexPart instanceof long[]))) {
      throw corrupt("its parts are not lengths, text, repeats and hex bits");
    }
    long[] hexBits = (long[]) hexPart;
    if (hexBits != null && (hexBits.length != (lengths.length + 63) >>> 6
        || (lengths.length % 64 != 0 && hexBits[hexBits.length - 1] >>> (lengths.length % 64) != 0))) {
      throw corrupt("its hex bits do not fit its " + lengths.length + " values");
    }
    byte[] bytes = payload.tail();
    int at = payload.tailAt();
    Object[] read = new Object[lengths.length];
    long otherAt = 0;
    for (int v = 0; v < lengths.length; v++) {
      int length = lengths[v];
      boolean digits = hexBits != null && (hexBits[v >>> 6] & (1L << v)) != 0;
      if (digits && (length < 0 || (length & 1) != 0)) {
        throw corrupt("value " + v + " is hex digits of length " + length);
      }
      if (length >= 0) {
        int travelled = digits ? length / 2 : length;
        if (travelled > bytes.length - at) {
          throw corrupt("value " + v + " runs past its bytes");
        }
        read[v] = digits ? HEX.formatHex(bytes, at, at + travelled)
            : new String(bytes, at, length, StandardCharsets.ISO_8859_1);
        at += travelled;
      } else if (length <= -2) {
        long count = -2L - length;
        if (count > others.length() - otherAt) {
          throw corrupt("value " + v + " runs past its text");
        }
        read[v] = others.substring((int) otherAt, (int) (otherAt + count));
        otherAt += count;
      }
    }
    if (otherAt != others.length()) {
      throw corrupt("its lengths do not add up to its text");
    }
    payload.tailTo(at);
    if (repeatsPart instanceof int[] pairs) {
      if (pairs.length % 2 != 0) {
        throw corrupt("its repeats are not pairs");
      }
      for (int p = 0; p < pairs.length; p += 2) {
        int place = pairs[p];
        int first = pairs[p + 1];
        if (place < 0 || place >= read.length || first < 0 || first >= place
            || lengths[place] != NULL || read[place] != null || read[first] == null) {
          throw corrupt("a repeat of place " + first + " at place " + place + " is out of place");
        }
        read[place] = read[first];
      }
    }
    values = read;
  }

  private static StreamCorruptedException corrupt(String why) {
    return new StreamCorruptedException("a packed chunk of strings is corrupt: " + why);
  }
}
