package io.poollab.workload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-process server on a free loopback port that answers each request after a fixed
 * delay: the far end of the lab's real IO-bound workload ({@link LoopbackTask}).
 *
 * <p>A plain {@link ServerSocket} on 127.0.0.1, port chosen by the system, with a backlog of
 * 4096 and one virtual thread per connection, so thousands of concurrent requests each wait
 * their delay at once instead of queueing for a thread. A request is an 8-byte value; the reply,
 * sent {@code delayMillis} later, is the same value. Connections stay open for more requests.
 * {@link #close()} stops accepting, closes every connection and frees the port.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start(10);
 *      LoopbackTask task = new LoopbackTask(server.port())) {
 *   long echoed = task.run(42L);   // about 10 ms later: 42
 * }
 * }</pre>
 */
public final class LoopbackServer implements AutoCloseable {

  private static final int BACKLOG = 4096;

  private final ServerSocket serverSocket;
  private final long delayMillis;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final AtomicLong accepted = new AtomicLong();
  private volatile boolean closed;

  private LoopbackServer(long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    this.serverSocket = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("loopback-accept-" + serverSocket.getLocalPort())
        .start(this::acceptLoop);
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param delayMillis how long each request waits before its reply, at least 0
   * @return the running server
   * @throws UncheckedIOException when no loopback port can be opened
   */
  public static LoopbackServer start(long delayMillis) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delayMillis must be >= 0, was " + delayMillis);
    }
    try {
      return new LoopbackServer(delayMillis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback server socket", e);
    }
  }

  /**
   * The port the server listens on, on {@link InetAddress#getLoopbackAddress()}.
   *
   * @return the port
   */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * The delay before each reply.
   *
   * @return milliseconds
   */
  public long delayMillis() {
    return delayMillis;
  }

  /**
   * How many connections the server has accepted since it started (clients reuse connections,
   * so this stays at most the peak number of concurrent calls).
   *
   * @return the count
   */
  public long acceptedConnections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // closed: the only way accept fails on a bound loopback socket
      }
      accepted.incrementAndGet();
      connections.add(socket);
      if (closed) { // close() may have run between accept and add
        closeQuietly(socket);
        return;
      }
      handlers.execute(() -> serve(socket));
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[Wire.MESSAGE_BYTES];
      while (true) {
        long request = Wire.readLong(in, buffer);
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        Wire.writeLong(out, buffer, request);
      }
    } catch (EOFException | InterruptedException e) {
      // the client hung up, or the server is closing
    } catch (IOException e) {
      // a reset or a socket closed by close(): the connection is over either way
    } finally {
      connections.remove(socket);
    }
  }

  /** Stops accepting, closes every connection and frees the port; waits up to 5 s for handlers. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
    handlers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing on shutdown: nothing left to do with the error
    }
  }
}
