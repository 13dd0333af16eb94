package io.poollab.pool;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test JVM's end of the {@link LoopbackObject}s ({@link LoopbackLatch}, {@link LoopbackList}):
 * the originals that copies in other JVMs reach, each under an id, behind one server on a loopback
 * port, and the call a copy makes to reach one. The server starts when the first object is sent
 * away (on the thread backends none is, and it never starts) and serves each connection on a
 * virtual thread.
 *
 * <p>A call is one connection: op, id, a long argument and a string; the answer is one long. A
 * copy's calls use a {@link SocketChannel}, so that an interrupt (a pool that terminates and
 * interrupts its task on a member) ends a wait at once, as it would on a {@link CountDownLatch}.
 */
final class LoopbackEndpoints {
  static final byte COUNT_DOWN = 1;
  /** Argument: nanoseconds to wait, or -1 for as long as it takes; answer: 1 if the count is 0. */
  static final byte AWAIT = 2;
  static final byte COUNT = 3;
  /** String: the value to add. */
  static final byte ADD = 4;

  /** How often a wait without a timeout looks whether its caller is still there. */
  private static final long PROBE_MILLIS = 100;

  private static final Map<Long, Object> ENDPOINTS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private LoopbackEndpoints() {}

  /** A new id for an object that copies will reach; kept for the life of the JVM (a test's few). */
  static long register(Object endpoint) {
    long id = NEXT_ID.incrementAndGet();
    ENDPOINTS.put(id, endpoint);
    return id;
  }

  /** The server's port, starting it on first use. */
  static int port() {
    return Server.PORT;
  }

  /**
   * Makes one call on the object {@code id} behind {@code port}.
   *
   * @throws InterruptedException if the calling thread is interrupted while it waits for the answer
   */
  static long call(int port, long id, byte op, long argument, String text)
      throws InterruptedException {
    try (SocketChannel channel =
        SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
      out.writeByte(op);
      out.writeLong(id);
      out.writeLong(argument);
      out.writeUTF(text);
      out.flush();
      return new DataInputStream(Channels.newInputStream(channel)).readLong();
    } catch (ClosedByInterruptException e) {
      Thread.interrupted(); // the exception set it again; InterruptedException reports it instead
      throw new InterruptedException("interrupted during a call to the test's JVM");
    } catch (IOException e) {
      throw new UncheckedIOException("a call to the test's JVM on port " + port + " failed", e);
    }
  }

  /** The server, started by the first {@link #port()}: a daemon accepting on 127.0.0.1. */
  private static final class Server {
    static final int PORT = start();

    private static int start() {
      try {
        ServerSocket server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("loopback-endpoints").start(() -> accept(server));
        return server.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void accept(ServerSocket server) {
      for (;;) {
        try {
          Socket socket = server.accept();
          Thread.ofVirtual().name("loopback-endpoint-call").start(() -> serve(socket));
        } catch (IOException e) {
          // a connection that failed while it was accepted: its caller sees it
        }
      }
    }

    private static void serve(Socket socket) {
      try (socket) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte op = in.readByte();
        Object endpoint = ENDPOINTS.get(in.readLong());
        long argument = in.readLong();
        String text = in.readUTF();
        long answer = switch (op) {
          case COUNT_DOWN -> {
            ((CountDownLatch) endpoint).countDown();
            yield 0;
          }
          case AWAIT -> await((CountDownLatch) endpoint, argument, socket) ? 1 : 0;
          case COUNT -> ((CountDownLatch) endpoint).getCount();
          case ADD -> {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) endpoint;
            list.add(text);
            yield 0;
          }
          default -> throw new IllegalStateException("unknown op " + op);
        };
        new DataOutputStream(socket.getOutputStream()).writeLong(answer);
      } catch (IOException | InterruptedException e) {
        // the caller went away (a task interrupted on its member): nobody waits for the answer
      }
    }

    /** Waits as the caller asked; a wait without a timeout ends early if the caller left. */
    private static boolean await(CountDownLatch latch, long nanos, Socket caller)
        throws IOException, InterruptedException {
      if (nanos >= 0) {
        return latch.await(nanos, TimeUnit.NANOSECONDS);
      }
      caller.setSoTimeout(1);
      InputStream probe = caller.getInputStream();
      while (!latch.await(PROBE_MILLIS, TimeUnit.MILLISECONDS)) {
        try {
          if (probe.read() < 0) {
            throw new EOFException("the caller left");
          }
        } catch (SocketTimeoutException stillThere) {
          // the caller still waits
        }
      }
      caller.setSoTimeout(0);
      return true;
    }
  }
}
