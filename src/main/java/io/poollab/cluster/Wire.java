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
import java.io.UncheckedIOException;

/**
 * How tasks, items and results travel: plain Java serialization into byte arrays that the pool's
 * own code (not Hazelcast's) writes and reads, so that what cannot travel is refused with a
 * message naming the class, on the side that knows it, instead of a stack trace from a member.
 */
final class Wire {
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(bulk == null ? 256 : PackedStrings.sizeHint(bulk));
    try (ObjectOutputStream out = bulk == null ? new ObjectOutputStream(bytes) : new Packing(bytes, bulk)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  /** Replaces exactly one array, by identity: nothing else of the value changes on its way. */
  private static final class Packing extends ObjectOutputStream {
    private final Object[] bulk;

    Packing(OutputStream out, Object[] bulk) throws IOException {
      super(out);
      this.bulk = bulk;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      return obj == bulk ? PackedStrings.packIfStrings(bulk) : obj;
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
   */
  static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      {
        enableResolveObject(true);
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
    }) {
      return in.readObject();
    }
  }
}
