package io.poollab.cluster;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * A chunk's items or results that are all strings (or null), as they travel: one block of bytes,
 * one byte per character for ASCII strings, and the others' text in one string, instead of one
 * serialized object per string. The word job's million 128-character digests cost about a fifth
 * of the time this way (Java serialization keeps a handle table entry and a UTF encoding per
 * string). The ASCII bytes do not go through the object stream: {@link Wire} puts them after it,
 * in the payload's tail, straight from each string, and the strings are read back straight from
 * there, so that a chunk of digests is not copied into and out of one more array of its own size
 * on each side (17 MB per chunk of the word job, a G1 humongous object each time).
 * Lossless: a string that is not plain ASCII (a lone surrogate included) travels as its chars.
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
  private static final long serialVersionUID = 3L;
  /** Below this many values packing gains nothing worth a second code path. */
  static final int MIN_VALUES = 8;
  /** From this length on, a string repeated in a chunk (the same instance) travels once. */
  static final int SHARED_LENGTH = 256;
  private static final int NULL = -1;
  /** The largest array the JVM allocates reliably. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private transient Object[] values;
  /**
   * Writing: pairs (place, earlier place) of the long strings that repeat the instance at an
   * earlier place, or null if none does; found when packing, as is {@link #chars}.
   */
  private transient int[] repeats;
  /** Writing: the chars of the strings that travel (each repeated instance counted once). */
  private transient long chars;
  /**
   * Writing: each value's length as {@link #writeObject} wrote it, once it has; {@link
   * #writeTail} writes the bytes of those of at least 0 (the ASCII strings).
   */
  private transient int[] written;

  private PackedStrings(Object[] values) {
    this.values = values;
    IdentityHashMap<String, Integer> firstPlace = null;
    int[] pairs = null;
    int pairCount = 0;
    for (int v = 0; v < values.length; v++) {
      if (!(values[v] instanceof String text)) {
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
          continue;
        }
      }
      chars += text.length();
    }
    this.repeats = pairs == null ? null : Arrays.copyOf(pairs, pairCount);
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
   * Room for what travels around the packed values: the payload's length, the stream's class
   * descriptors of the request or reply, and a small task. A buffer sized a few bytes short of the
   * whole doubles: a chunk of 17 MB of digests then took a 35 MB array and a copy.
   */
  static final int ENVELOPE = 4096;

  /**
   * About how many bytes the packed values and their {@link #ENVELOPE} take: enough to size the
   * buffer once (a hundred megabytes of digests would otherwise be copied again at every
   * doubling); a small start for values too large to travel, which {@link #writeObject} refuses.
   */
  int sizeHint() {
    long bytes = ENVELOPE + 4L * values.length + 8L * (repeats == null ? 0 : repeats.length) + chars;
    return bytes > MAX_ARRAY ? 256 : (int) bytes;
  }

  /**
   * Three parts: each value's length (-1 for null or a repeated instance, the ASCII byte count, or
   * -2 minus the char count of a string that is not ASCII), the other strings' text in one string
   * (Java's modified UTF-8 keeps every char, a lone surrogate too), and the repeats (pairs of place
   * and earlier place, or null). The ASCII strings' bytes follow the stream: {@link #writeTail}.
   */
  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    if (chars > MAX_ARRAY) {
      throw new IOException("a chunk of " + chars + " characters is too large to travel; "
          + "use a smaller chunksize");
    }
    int[] lengths = new int[values.length];
    if (repeats != null) {
      for (int p = 0; p < repeats.length; p += 2) {
        lengths[repeats[p]] = Integer.MIN_VALUE; // travels as a reference to its first place
      }
    }
    StringBuilder others = new StringBuilder();
    for (int v = 0; v < values.length; v++) {
      if (values[v] == null || lengths[v] == Integer.MIN_VALUE) {
        lengths[v] = NULL;
        continue;
      }
      String text = (String) values[v];
      if (isAscii(text.getBytes(StandardCharsets.ISO_8859_1), text)) {
        lengths[v] = text.length();
      } else {
        others.append(text);
        lengths[v] = -2 - text.length();
      }
    }
    out.writeObject(lengths);
    out.writeObject(others.toString());
    out.writeObject(repeats);
    written = lengths;
  }

  /**
   * Writes the ASCII strings' bytes, in order, after the object stream that carried these values
   * (nothing if it did not carry them).
   */
  void writeTail(Wire.Buffer tail) throws IOException {
    int[] lengths = written;
    if (lengths == null) {
      return;
    }
    for (int v = 0; v < lengths.length; v++) {
      if (lengths[v] >= 0) {
        tail.writeAscii((String) values[v]);
      }
    }
  }

  /** Whether {@code bytes}, the ISO-8859-1 encoding of {@code text}, is that text in plain ASCII. */
  private static boolean isAscii(byte[] bytes, String text) {
    for (int i = 0; i < bytes.length; i++) {
      // above 0x7f, or a '?' that stands for a character ISO-8859-1 cannot encode
      if (bytes[i] < 0 || (bytes[i] == '?' && text.charAt(i) != '?')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads what {@link #writeObject} wrote, the ASCII strings from the payload's tail; anything
   * else fails with a StreamCorruptedException.
   */
  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    if (!(in instanceof Wire.Unpacking payload)) {
      throw corrupt("it was not read from a payload of the pool's wire");
    }
    Object lengthsPart = in.readObject();
    Object othersPart = in.readObject();
    Object repeatsPart = in.readObject();
    if (!(lengthsPart instanceof int[] lengths) || !(othersPart instanceof String others)
        || (repeatsPart != null && !(repeatsPart instanceof int[]))) {
      throw corrupt("its parts are not lengths, text and repeats");
    }
    byte[] bytes = payload.tail();
    int at = payload.tailAt();
    Object[] read = new Object[lengths.length];
    long otherAt = 0;
    for (int v = 0; v < lengths.length; v++) {
      int length = lengths[v];
      if (length >= 0) {
        if (length > bytes.length - at) {
          throw corrupt("value " + v + " runs past its bytes");
        }
        read[v] = new String(bytes, at, length, StandardCharsets.ISO_8859_1);
        at += length;
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
