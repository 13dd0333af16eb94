package io.poollab.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A member process: {@code java -cp target/benchmarks.jar io.poollab.cluster.MemberMain --port 5701
 * --members 127.0.0.1:5701,127.0.0.1:5702 [--cluster-name poollab] [--host 127.0.0.1]
 * [--exit-on-stdin-eof]}. It prints {@value #READY} and its address once it has joined, and runs
 * until it is killed or, with {@code --exit-on-stdin-eof}, until its standard input ends (so that
 * members a pool started die with the pool's JVM, whatever kills it).
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar io.poollab.cluster.MemberMain --port 5701 --members 127.0.0.1:5701
 * }</pre>
 */
public final class MemberMain {
  /** What the member prints, before its address, once it is ready for chunks. */
  public static final String READY = "poollab member ready at ";

  private MemberMain() {}

  /**
   * Starts the member and waits.
   *
   * @param args see the class comment
   * @throws Exception if the member cannot start
   */
  public static void main(String[] args) throws Exception {
    String clusterName = ClusterOptions.DEFAULT_CLUSTER_NAME;
    String host = "127.0.0.1";
    int port = 5701;
    List<String> members = new ArrayList<>();
    boolean exitOnEof = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cluster-name" -> clusterName = value(args, ++i);
        case "--host" -> host = value(args, ++i);
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--members" -> members.addAll(Arrays.asList(value(args, ++i).split(",")));
        case "--exit-on-stdin-eof" -> exitOnEof = true;
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; allowed: "
            + "--cluster-name NAME, --host HOST, --port PORT, --members H:P,H:P, --exit-on-stdin-eof");
      }
    }
    ClusterMember member = ClusterMember.start(clusterName, host, port, members);
    System.out.println(READY + member.address());
    System.out.flush();
    CountDownLatch end = new CountDownLatch(1);
    if (exitOnEof) {
      Thread watcher = new Thread(() -> {
        try (InputStream in = System.in) {
          while (in.read() >= 0) {
            // nothing is sent; only the end matters
          }
        } catch (IOException e) {
          // the pipe broke: the parent is gone
        }
        end.countDown();
      }, "poollab-member-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    end.await();
    member.close();
    System.exit(0);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
