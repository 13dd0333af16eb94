package io.poollab.workload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The loopback workload's protocol: a request is 8 bytes (a big-endian long), so is a reply. */
final class Wire {

  static final int MESSAGE_BYTES = Long.BYTES;

  private Wire() {}

  static void writeLong(OutputStream out, byte[] buffer, long value) throws IOException {
    for (int i = 0; i < MESSAGE_BYTES; i++) {
      buffer[i] = (byte) (value >>> (56 - 8 * i));
    }
    out.write(buffer, 0, MESSAGE_BYTES);
    out.flush();
  }

  /** Reads one message; EOF before its first byte is a clean end of the connection. */
  static long readLong(InputStream in, byte[] buffer) throws IOException {
    int read = 0;
    while (read < MESSAGE_BYTES) {
      int n = in.read(buffer, read, MESSAGE_BYTES - read);
      if (n < 0) {
        throw new EOFException(read == 0 ? "connection closed" : "connection closed mid-message");
      }
      read += n;
    }
    long value = 0;
    for (int i = 0; i < MESSAGE_BYTES; i++) {
      value = (value << 8) | (buffer[i] & 0xFF);
    }
    return value;
  }
}
