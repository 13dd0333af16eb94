package io.poollab.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The real IO-bound workload: one request and its reply over a loopback socket to a
 * {@link LoopbackServer}, which answers after its delay.
 *
 * <p>Connections are kept and reused (one request at a time each), so repeated runs cost a
 * round trip, not a TCP handshake, and a burst of N concurrent calls opens at most N
 * connections, without piling up sockets in TIME_WAIT. Safe to call from any number of threads;
 * {@link #close()} closes the kept connections.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start(10);
 *      LoopbackTask task = new LoopbackTask(server.port())) {
 *   List<Long> out = pool.map(task::run, inputs);   // each item waits 10 ms on the server
 * }
 * }</pre>
 */
public final class LoopbackTask implements AutoCloseable {

  private final int port;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  /**
   * A task that calls the server on {@code port} of the loopback address.
   *
   * @param port the server's port, 1 to 65535
   */
  public LoopbackTask(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    this.port = port;
  }

  /**
   * The server's port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Sends {@code value} and waits for the reply.
   *
   * @param value the request
   * @return the reply (the server echoes the request)
   * @throws IOException when the server cannot be reached or the connection fails
   */
  public long run(long value) throws IOException {
    if (closed) {
      throw new IllegalStateException("the loopback task is closed");
    }
    Connection kept = idle.pollFirst();
    if (kept != null) {
      try {
        return roundTrip(kept, value);
      } catch (IOException e) {
        // a kept connection may have been dropped by the server meanwhile: retry once, fresh
        kept.close();
      }
    }
    Connection fresh = new Connection(port);
    try {
      return roundTrip(fresh, value);
    } catch (IOException e) {
      fresh.close();
      throw e;
    }
  }

  /**
   * Sends {@code value} and waits for the reply, as a boxed {@code Task} function.
   *
   * @param value the request
   * @return the reply
   * @throws IOException when the server cannot be reached or the connection fails
   */
  public Long apply(Long value) throws IOException {
    return run(value);
  }

  private long roundTrip(Connection connection, long value) throws IOException {
    long reply = connection.call(value);
    if (reply != value) {
      connection.close();
      throw new IOException("loopback server on port " + port + " answered " + reply
          + " to request " + value);
    }
    if (closed) {
      connection.close();
    } else {
      idle.offerFirst(connection);
    }
    return reply;
  }

  /** Closes the kept connections; calls running now finish and close theirs. */
  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      connection.close();
    }
  }

  /** One TCP connection, used by one call at a time. */
  private static final class Connection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[Wire.MESSAGE_BYTES];

    Connection(int port) throws IOException {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      try {
        s.setTcpNoDelay(true);
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
      } catch (IOException e) {
        s.close();
        throw e;
      }
      this.socket = s;
    }

    long call(long value) throws IOException {
      Wire.writeLong(out, buffer, value);
      return Wire.readLong(in, buffer);
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing: nothing left to do with the error
      }
    }
  }
}
