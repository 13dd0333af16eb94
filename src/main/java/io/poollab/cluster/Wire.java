package io.poollab.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * How tasks, items and results travel: plain Java serialization into byte arrays that the pool's
 * own code (not Hazelcast's) writes and reads, so that what cannot travel is refused with a
 * message naming the class, on the side that knows it, instead of a stack trace from a member.
 *
 * <p>A payload is a 4-byte length (big-endian), the object stream of that length, and a tail:
 * the bytes of the ASCII strings of a chunk packed as {@link PackedStrings} (a hex string's digits
 * two to a byte), read back straight from there (empty when nothing was packed).
 */
final class Wire {
  /** The bytes of the length in front of the object stream. */
  static final int HEADER = 4;
  /** The largest array the JVM allocates reliably. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Wire() {}

  /**
   * Refuses a value that cannot be serialized.
   *
   * @throws IllegalArgumentException naming {@code name} and the class that is not serializable
   */
  static void checkTravels(String name, Object value, String hint) {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(value);
    } catch (NotSerializableException | InvalidClassException e) {
      throw notSerializable(name + " cannot travel to the cluster's members", e, hint);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " cannot travel to the cluster's members: " + e, e);
    }
  }

  /**
   * The refusal of a value that is not serializable; {@code cannotTravel} says what cannot travel
   * where ("task cannot travel to the cluster's members").
   */
  static IllegalArgumentException notSerializable(String cannotTravel, IOException e, String hint) {
    // the exception's message is the class that could not be written, e.g. a captured field's
    return new IllegalArgumentException(
        cannotTravel + ": " + e.getMessage() + " is not serializable; " + hint, e);
  }

  /** Serializes {@code value}; a part that is not serializable surfaces as the IOException. */
  static byte[] encode(Object value) throws IOException {
    return encode(value, null);
  }

  /**
   * Serializes {@code value}, with {@code bulk} (an array inside it: a chunk's items or results)
   * packed as {@link PackedStrings} when it holds only strings; {@link #decode} unpacks it.
   */
  static byte[] encode(Object value, Object[] bulk) throws IOException {
    Object packed = bulk == null ? null : PackedStrings.packIfStrings(bulk);
    PackedStrings strings = packed instanceof PackedStrings p ? p : null;
    Buffer bytes = new Buffer(strings == null ? 256 : strings.sizeHint());
    try (ObjectOutputStream out = strings == null ? new ObjectOutputStream(bytes) : new Packing(bytes, bulk, strings)) {
      out.writeObject(value);
    }
    bytes.endStream();
    return strings == null ? bytes.toExactArray(null, 0)
        : bytes.toExactArray(strings.tail(), strings.tailLength());
  }

  /** A payload being written: room for the length first, then the object stream. */
  static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(Math.max(size, HEADER));
      count = HEADER;
    }

    /** The object stream is complete: its length goes in front of it. */
    void endStream() {
      int length = count - HEADER;
      buf[0] = (byte) (length >>> 24);
      buf[1] = (byte) (length >>> 16);
      buf[2] = (byte) (length >>> 8);
      buf[3] = (byte) length;
    }

    /** The payload: the length, the stream, and the first {@code tailLength} bytes of {@code tail}. */
    byte[] toExactArray(byte[] tail, int tailLength) throws IOException {
      if ((long) count + tailLength > MAX_ARRAY) {
        throw new IOException("a chunk of more than " + MAX_ARRAY + " bytes is too large to "
            + "travel; use a smaller chunksize");
      }
      if (tailLength == 0 && count == buf.length) {
        return buf;
      }
      byte[] payload = Arrays.copyOf(buf, count + tailLength);
      if (tailLength > 0) {
        System.arraycopy(tail, 0, payload, count, tailLength);
      }
      return payload;
    }
  }

  /** Replaces exactly one array, by identity: nothing else of the value changes on its way. */
  private static final class Packing extends ObjectOutputStream {
    private final Object[] bulk;
    private final PackedStrings packed;

    Packing(OutputStream out, Object[] bulk, PackedStrings packed) throws IOException {
      super(out);
      this.bulk = bulk;
      this.packed = packed;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      return obj == bulk ? packed : obj;
    }
  }

  /** Serializes a value made of parts known to be serializable. */
  static byte[] encodeKnown(Object value) {
    try {
      return encode(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads what {@link #encode} wrote, resolving classes through the context class loader (the
   * member's class path, where the lab's jar is).
   *
   * @throws java.io.StreamCorruptedException when the payload is not one that {@link #encode}
   *     writes (its length or its tail does not fit)
   */
  static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
    if (bytes.length < HEADER) {
      throw corrupt("a payload of " + bytes.length + " bytes has no length");
    }
    int length = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
    if (length < 0 || length > bytes.length - HEADER) {
      throw corrupt("a payload of " + bytes.length + " bytes says its stream has "
          + length);
    }
    try (Unpacking in = new Unpacking(bytes, length, Thread.currentThread().getContextClassLoader())) {
      Object value = in.readObject();
      if (in.tailAt() != bytes.length) {
        throw corrupt((bytes.length - in.tailAt()) + " bytes of its tail were not read");
      }
      return value;
    }
  }

  private static StreamCorruptedException corrupt(String why) {
    return new StreamCorruptedException("a chunk's payload is corrupt: " + why);
  }

  /**
   * A payload being read: its object stream, and the tail that the packed strings in it read
   * from, in order ({@link #tailAt()} moves on as they do).
   */
  static final class Unpacking extends ObjectInputStream {
    private final byte[] payload;
    private final ClassLoader loader;
    private int tailAt;

    Unpacking(byte[] payload, int streamLength, ClassLoader loader) throws IOException {
      super(new ByteArrayInputStream(payload, HEADER, streamLength));
      this.payload = payload;
      this.loader = loader;
      this.tailAt = HEADER + streamLength;
      enableResolveObject(true);
    }

    /** The whole payload, whose bytes from {@link #tailAt()} on are the tail not read yet. */
    byte[] tail() {
      return payload;
    }

    int tailAt() {
      return tailAt;
    }

    /** The packed strings read the tail up to {@code at}. */
    void tailTo(int at) {
      if (at < tailAt || at > payload.length) {
        throw new IllegalArgumentException("the tail is read up to " + tailAt + ", not " + at);
      }
      tailAt = at;
    }

    @Override
    protected Object resolveObject(Object obj) {
      return obj instanceof PackedStrings packed ? packed.unpack() : obj;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException ignored) {
          // fall back to the default resolution below (primitives, the caller's loader)
        }
      }
      return super.resolveClass(desc);
    }
  }
}
