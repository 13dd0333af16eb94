package io.poollab.cluster;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunk's items or results that are all strings (or null), as they travel: one block of bytes,
 * one byte per character for ASCII strings and two for the others, instead of one serialized
 * object per string. The word job's million 128-character digests cost about a fifth of the
 * time this way (Java serialization keeps a handle table entry and a UTF encoding per string).
 * Lossless: a string that is not plain ASCII (a lone surrogate included) travels as its chars.
 *
 * <pre>{@code
 * Object travelling = PackedStrings.packIfStrings(results);   // a PackedStrings, or results itself
 * Object[] back = ((PackedStrings) travelling).unpack();
 * }</pre>
 */
final class PackedStrings implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  /** Below this many values packing gains nothing worth a second code path. */
  static final int MIN_VALUES = 8;
  private static final int NULL = -1;

  private transient Object[] values;

  private PackedStrings(Object[] values) {
    this.values = values;
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
   * About how many bytes {@code values} take packed: enough to size the buffer once (a hundred
   * megabytes of digests would otherwise be copied again at every doubling).
   */
  static int sizeHint(Object[] values) {
    long bytes = 256 + 4L * values.length;
    for (Object value : values) {
      if (value instanceof String text) {
        bytes += text.length();
      }
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
  }

  /**
   * Three parts: each value's length (-1 for null, the ASCII byte count, or -2 minus the char
   * count of a string that is not ASCII), the ASCII strings' bytes in one array, and the other
   * strings' text in one string (Java's modified UTF-8 keeps every char, a lone surrogate too).
   */
  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    int[] lengths = new int[values.length];
    long asciiChars = 0;
    for (Object value : values) {
      asciiChars += value == null ? 0 : ((String) value).length();
    }
    if (asciiChars > Integer.MAX_VALUE - 8) {
      throw new IOException("a chunk of " + asciiChars + " characters is too large to travel; "
          + "use a smaller chunksize");
    }
    byte[] ascii = new byte[(int) asciiChars];
    int filled = 0;
    StringBuilder others = new StringBuilder();
    for (int v = 0; v < values.length; v++) {
      if (values[v] == null) {
        lengths[v] = NULL;
        continue;
      }
      String text = (String) values[v];
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      if (isAscii(bytes, text)) {
        System.arraycopy(bytes, 0, ascii, filled, bytes.length);
        filled += bytes.length;
        lengths[v] = bytes.length;
      } else {
        others.append(text);
        lengths[v] = -2 - text.length();
      }
    }
    out.writeObject(lengths);
    out.writeObject(filled == ascii.length ? ascii : Arrays.copyOf(ascii, filled));
    out.writeObject(others.toString());
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

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    int[] lengths = (int[]) in.readObject();
    byte[] ascii = (byte[]) in.readObject();
    String others = (String) in.readObject();
    values = new Object[lengths.length];
    int at = 0;
    int otherAt = 0;
    try {
      for (int v = 0; v < lengths.length; v++) {
        int length = lengths[v];
        if (length >= 0) {
          values[v] = new String(ascii, at, length, StandardCharsets.ISO_8859_1);
          at += length;
        } else if (length <= -2) {
          int chars = -2 - length;
          values[v] = others.substring(otherAt, otherAt + chars);
          otherAt += chars;
        }
      }
    } catch (IndexOutOfBoundsException e) {
      throw new IOException("a packed chunk's lengths do not match its text", e);
    }
  }
}
