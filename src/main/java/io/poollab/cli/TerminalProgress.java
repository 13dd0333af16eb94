package io.poollab.cli;

import java.io.Console;
import java.lang.reflect.Method;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (the {@code progressbar} library), shown only on a terminal so that
 * redirected output and logs stay clean; elsewhere every call does nothing.
 *
 * <pre>{@code
 * try (TerminalProgress bar = TerminalProgress.open("Hashing", words.size(), true)) {
 *   bar.stepTo(done);
 * }
 * }</pre>
 */
final class TerminalProgress implements AutoCloseable {

  private final ProgressBar bar;

  private TerminalProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * A bar for {@code max} steps, or a silent one when not wanted or not on a terminal.
   *
   * @param task the label before the bar
   * @param max the number of steps
   * @param wanted false when the user turned progress off
   */
  static TerminalProgress open(String task, long max, boolean wanted) {
    if (!wanted || !onTerminal()) {
      return new TerminalProgress(null);
    }
    // a consumer with a fixed width: asking JLine (under progressbar) for the terminal's width
    // loads a native library, which JDK 24+ warns about on stderr
    ProgressBar bar = new ProgressBarBuilder()
        .setConsumer(new ConsoleProgressBarConsumer(System.err, width()))
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(100)
        .showSpeed()
        .build();
    return new TerminalProgress(bar);
  }

  /** Whether this bar draws anything. */
  boolean visible() {
    return bar != null;
  }

  /** Moves the bar to {@code done} steps. */
  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** The shell's {@code COLUMNS} when exported, else a width every terminal has. */
  private static int width() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
      return columns >= 40 ? columns - 1 : 79;
    } catch (NumberFormatException e) {
      return 79;
    }
  }

  /**
   * Whether the process talks to a terminal: {@code System.console()} is null when it does not
   * (JDK 21); from JDK 22 a console may exist anyway and {@code Console.isTerminal()} tells.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }
}
