package io.poollab.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code target/benchmarks.jar}: the lab's commands, or JMH itself.
 *
 * <p>When the first argument names one of the lab's commands it runs that command; otherwise
 * every argument goes to JMH's own {@code Main}, so the jar is still a normal JMH jar.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar hash --method imap_unordered --workers 4
 * java -jar target/benchmarks.jar -l        # JMH: list the benchmarks
 * }</pre>
 */
@Command(
    name = "benchmarks.jar",
    mixinStandardHelpOptions = true,
    description = "The worker-pool lab: commands below, or JMH's own arguments.",
    subcommands = {
      CommandLine.HelpCommand.class,
      HashCommand.class,
      GenerateCommand.class,
      ReportCommand.class,
      CheckCommand.class,
      BenchCommand.class,
      ClusterCommand.class
    })
public final class Main {

  private Main() {}

  /**
   * Runs a lab command or hands the arguments to JMH.
   *
   * @param args the command line
   * @throws Exception when JMH fails to start
   */
  public static void main(String[] args) throws Exception {
    CommandLine commandLine = commandLine();
    if (args.length > 0 && !isLabArgument(commandLine, args[0])) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    System.exit(commandLine.execute(args));
  }

  /** The lab's command line, shared by {@link #main} and the tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setUsageHelpAutoWidth(true)
        .setExecutionExceptionHandler(Main::onException);
  }

  /** A {@link DataError} is one line and exit code 2; anything else is a bug and propagates. */
  private static int onException(Exception e, CommandLine command, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof DataError) {
      command.getErr().println(command.getCommandName() + ": " + e.getMessage());
      command.getErr().flush();
      return DataError.EXIT_CODE;
    }
    throw e;
  }

  private static boolean isLabArgument(CommandLine commandLine, String first) {
    return commandLine.getSubcommands().containsKey(first)
        || Set.of("-h", "--help", "-V", "--version").contains(first);
  }
}
