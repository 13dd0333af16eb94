package io.poollab.cli;

import io.poollab.cluster.ClusterOptions;
import io.poollab.cluster.LocalMembers;
import io.poollab.cluster.MemberMain;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code cluster} command: member JVMs on this machine for the pool's {@code CLUSTER}
 * backend, started in the background and stopped by a later call. They bind to 127.0.0.1 and
 * join each other over TCP/IP only; their pids, addresses and logs are in the state folder.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar cluster start --members 2      # 127.0.0.1:5701, 127.0.0.1:5702
 * Pool.builder().backend(Backend.CLUSTER).cluster(ClusterOptions.connect("127.0.0.1:5701")).create();
 * java -jar target/benchmarks.jar cluster status
 * java -jar target/benchmarks.jar cluster stop
 * }</pre>
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Member JVMs on this machine for the pool's CLUSTER backend: start, status, stop."
    })
public final class ClusterCommand {
  private static final String STATE_FILE = "members.txt";

  @Spec private CommandSpec spec;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the members' pids, addresses and logs are kept (default: .poollab-cluster"
          + " in the lab's folder).")
  private Path stateDir;

  /** Creates the command (picocli fills in the options). */
  public ClusterCommand() {}

  private Path stateDir() {
    return stateDir != null ? stateDir : LabHome.resolve(Path.of(".poollab-cluster"));
  }

  /** The files 'cluster start' writes in the state folder: the members' list and one log each. */
  private static final Pattern OWN_FILE = Pattern.compile("members\\.txt|member-\\d+\\.log");

  /**
   * Refuses a state folder that is a file or holds files 'cluster start' did not write: start
   * writes members.txt and member-PORT.log there and stop removes members.txt, so a folder of
   * someone else's could lose files of those names.
   */
  private void refuseForeignStateDir() {
    Path dir = stateDir();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DataError("--state-dir " + dir + " is a file; give a folder for the members' pids and logs");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String> foreign;
    try (Stream<Path> files = Files.list(dir)) {
      foreign = files.map(f -> f.getFileName().toString()).filter(n -> !OWN_FILE.matcher(n).matches())
          .sorted().toList();
    } catch (IOException e) {
      throw new DataError("--state-dir " + dir + " cannot be read (" + e + "); give a folder of the lab's");
    }
    if (!foreign.isEmpty()) {
      throw new DataError("--state-dir " + dir + " holds files 'cluster start' did not write ("
          + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
          + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "")
          + "); give a new folder, or the one 'cluster start' used");
    }
  }

  /** One started member as the state file records it; {@code started} in epoch milliseconds. */
  private record Member(long pid, long started, String address, String clusterName) {
    static Member of(ProcessHandle process, String address, String clusterName) {
      return new Member(process.pid(), startOf(process), address, clusterName);
    }

    Optional<ProcessHandle> process() {
      // a recycled pid is not ours: the process must also have started when ours did (the
      // command line is no help: Linux cuts it short before the main class)
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> started == 0 || startOf(p) == 0 || startOf(p) == started);
    }

    private static long startOf(ProcessHandle process) {
      return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start N member JVMs on 127.0.0.1, on consecutive ports, in the background.")
  int start(
      @Option(names = "--members", paramLabel = "N", required = true,
          description = "How many members, 1 to 64.") int members,
      @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701",
          description = "The first member's port (default: ${DEFAULT-VALUE}).") int port,
      @Option(names = "--cluster-name", paramLabel = "NAME",
          defaultValue = ClusterOptions.DEFAULT_CLUSTER_NAME,
          description = "The cluster's name, which pools give with withClusterName (default:"
              + " ${DEFAULT-VALUE}).") String clusterName,
      @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "60",
          description = "How long to wait for every member to be ready (default: ${DEFAULT-VALUE}).")
          int timeoutSeconds,
      @Option(names = "--jvm-option", paramLabel = "OPT",
          description = "An option of every member's JVM, such as --jvm-option=-Xmx1g; one option"
              + " each, repeat it for more (default: the JVM's defaults).") List<String> jvmOptions)
      throws InterruptedException {
    List<String> memberJvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    if (members < 1 || members > 64) {
      throw new ParameterException(spec.commandLine(), "--members must be 1 to 64, got " + members);
    }
    if (port < 1 || port + members - 1 > 65535) {
      throw new ParameterException(spec.commandLine(),
          "--port must leave room for " + members + " ports below 65536, got " + port);
    }
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(),
          "--timeout-seconds must be at least 1, got " + timeoutSeconds);
    }
    try {
      ClusterOptions.connect("127.0.0.1:" + port).withClusterName(clusterName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cluster-name: " + e.getMessage());
    }
    for (String option : memberJvmOptions) {
      // '-Xmx1g -Xms1g' reaches the member's JVM as one unknown option: the member would not
      // start, and the error would only say that it was not ready in time
      if (!option.isBlank() && ClusterOptions.holdsSeveralOptions(option)) {
        throw new ParameterException(spec.commandLine(), "--jvm-option '" + option + "' holds several options; give"
            + " one JVM option per --jvm-option and repeat it for more, as in "
            + String.join(" ", List.of(option.strip().split("\\s+")).stream().map(o -> "--jvm-option=" + o).toList()));
      }
    }
    try {
      ClusterOptions.localMembers(members).withMemberJvmOptions(memberJvmOptions.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--jvm-option: " + e.getMessage());
    }
    refuseForeignStateDir();
    List<Member> running = read().stream().filter(m -> m.process().isPresent()).toList();
    if (!running.isEmpty()) {
      throw new DataError("members are already running (" + describe(running) + "); "
          + "stop them first with 'cluster stop'");
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      int p = port + i;
      if (!free(p)) {
        throw new DataError("port " + p + " on 127.0.0.1 is in use; give another --port");
      }
      addresses.add("127.0.0.1:" + p);
    }
    Path dir = stateDir();
    List<Member> started = new ArrayList<>();
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (String address : addresses) {
        Path log = dir.resolve("member-" + address.substring(address.indexOf(':') + 1) + ".log");
        ProcessBuilder builder = new ProcessBuilder(
            LocalMembers.javaCommand(clusterName, address, addresses, false, memberJvmOptions))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("HZ_PHONE_HOME_ENABLED", "false");
        Process process = builder.start();
        started.add(Member.of(process.toHandle(), address, clusterName));
        processes.add(process);
        logs.add(log);
        write(started); // recorded at once: a failure below still leaves them stoppable
      }
    } catch (IOException e) {
      throw new DataError("cannot start the members in " + dir + ": " + e.getMessage());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = 0; i < started.size(); i++) {
      if (!awaitReady(processes.get(i), started.get(i).address(), logs.get(i), deadline)) {
        stopAll(processes.stream().map(Process::toHandle).toList());
        throw new DataError("member " + started.get(i).address() + " was not ready within "
            + timeoutSeconds + " s; see " + logs.get(i));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Started " + members + " member(s) of cluster '" + clusterName + "': "
        + String.join(", ", addresses));
    out.println("Connect with ClusterOptions.connect(\"" + String.join("\", \"", addresses)
        + "\")" + (clusterName.equals(ClusterOptions.DEFAULT_CLUSTER_NAME)
            ? "" : ".withClusterName(\"" + clusterName + "\")")
        + "; stop with 'cluster stop'.");
    return 0;
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "List the members 'cluster start' started and whether each is running;"
          + " exit code 1 when one is not.")
  int status() {
    // a file, or a folder of someone else's, holds no members of ours: saying "No members started"
    // there would hide a mistyped --state-dir
    refuseForeignStateDir();
    List<Member> members = read();
    PrintWriter out = spec.commandLine().getOut();
    if (members.isEmpty()) {
      out.println("No members started (state folder " + stateDir() + ").");
      return 0;
    }
    int down = 0;
    for (Member member : members) {
      boolean alive = member.process().isPresent();
      down += alive ? 0 : 1;
      out.println(member.address() + "  pid " + member.pid() + "  cluster '" + member.clusterName()
          + "'  " + (alive ? "running" : "not running"));
    }
    return down == 0 ? 0 : 1;
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the members 'cluster start' started (each gets 10 s, then is killed).")
  int stop() throws InterruptedException {
    refuseForeignStateDir(); // it removes members.txt: only the one 'cluster start' wrote
    List<ProcessHandle> members = read().stream().flatMap(m -> m.process().stream()).toList();
    int stopped = stopAll(members);
    try {
      Files.deleteIfExists(stateDir().resolve(STATE_FILE));
    } catch (IOException e) {
      throw new DataError("cannot remove " + stateDir().resolve(STATE_FILE) + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println("Stopped " + stopped + " member(s).");
    return 0;
  }

  private static int stopAll(List<ProcessHandle> members) throws InterruptedException {
    List<ProcessHandle> running = new ArrayList<>();
    for (ProcessHandle member : members) {
      if (member.isAlive()) {
        member.destroy(); // SIGTERM: the member leaves the cluster at once
        running.add(member);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle process : running) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
      }
    }
    return running.size();
  }

  /** Waits for the member's ready line in its log, or for it to die, or the deadline. */
  private static boolean awaitReady(Process member, String address, Path log, long deadline)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8)
            .contains(MemberMain.READY + address)) {
          return true;
        }
      } catch (IOException e) {
        // not readable yet
      }
      if (!member.isAlive()) {
        return false;
      }
      // a process in another JVM's hands: its log is the only signal, so look again shortly
      Thread.sleep(100);
    }
    return false;
  }

  private static String describe(List<Member> members) {
    return String.join(", ", members.stream().map(m -> m.address() + " pid " + m.pid()).toList());
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private List<Member> read() {
    Path file = stateDir().resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Member> members = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 4) {
          // not a line of write(): the file is not the lab's, and stop must not remove it
          throw new NumberFormatException("line '" + line + "' is not 'pid started address cluster'");
        }
        members.add(new Member(
            Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]));
      }
      return members;
    } catch (IOException | NumberFormatException e) {
      throw new DataError("cannot read " + file + " as the members 'cluster start' recorded ("
          + e.getMessage() + "); if it wrote the file, remove it once no member is running");
    }
  }

  private void write(List<Member> members) {
    Path file = stateDir().resolve(STATE_FILE);
    List<String> lines = members.stream()
        .map(m -> m.pid() + " " + m.started() + " " + m.address() + " " + m.clusterName()).toList();
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
