package io.poollab.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs Python's own {@code multiprocessing.Pool} on the same job
 * ({@code src/main/python/pool_reference.py}), writing its results as JSON to the file it is given
 * (the lab runs it between its rounds and merges the runs with {@link PythonRounds}).
 * Its output is passed on to the progress stream. Skipped, with one line saying why, when there
 * is no {@code python3} on the PATH or no script.
 *
 * <pre>{@code
 * PythonReference.run(plan.python(), dataset, 0, runDir.resolve("python-round.json"),
 *     Path.of("src/main/python/pool_reference.py"), System.err);
 * }</pre>
 */
public final class PythonReference {

  /** Where the script lives, relative to the repository root. */
  public static final Path SCRIPT = Path.of("src", "main", "python", "pool_reference.py");

  private PythonReference() {}

  /** The first executable {@code python3} on the PATH. */
  public static Optional<Path> findPython() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "python3");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The command line that runs the script for this plan. */
  static List<String> command(
      Path python, Path script, PythonPlan plan, Path dataset, int wordLimit, Path out) {
    List<String> cmd = new ArrayList<>();
    cmd.add(python.toString());
    cmd.add(script.toString());
    cmd.addAll(List.of("--dataset", dataset.toString()));
    cmd.addAll(List.of("--words", Integer.toString(wordLimit)));
    cmd.addAll(List.of("--workers", join(plan.workers())));
    cmd.addAll(List.of("--chunksizes", String.join(",", plan.chunksizes())));
    if (!plan.chunksizeWorkers().equals(plan.workers())) {
      cmd.addAll(List.of("--chunksize-workers", join(plan.chunksizeWorkers())));
    }
    cmd.addAll(List.of("--imap-chunksize", Integer.toString(plan.imapChunksize())));
    cmd.addAll(List.of("--io-workers", join(plan.ioWorkers())));
    cmd.addAll(List.of("--sleep-items", Integer.toString(plan.sleepItems())));
    cmd.addAll(List.of("--sleep-ms", Integer.toString(plan.sleepMillis())));
    cmd.addAll(List.of("--repeats", Integer.toString(plan.repeats())));
    if (!plan.streams().isEmpty()) {
      cmd.addAll(List.of("--stream", plan.streams().stream().map(StreamPace::spec).collect(Collectors.joining(","))));
      cmd.addAll(List.of("--stream-workers", Integer.toString(plan.streamWorkers())));
    }
    cmd.addAll(List.of("--out", out.toString()));
    return cmd;
  }

  /** The counts as the script reads them: {@code 1,2,4}, or {@code none} for a part left out. */
  private static String join(List<Integer> xs) {
    return xs.isEmpty() ? "none" : xs.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * Runs the reference, its output passed through to {@code progress}.
   *
   * @param plan what to run
   * @param dataset the word list
   * @param wordLimit the word limit, 0 for all
   * @param out the JSON file to write
   * @param script the script
   * @param progress where its output and our status lines go
   * @return true when {@code out} was written
   * @throws InterruptedException if interrupted while waiting for Python
   */
  public static boolean run(
      PythonPlan plan, Path dataset, int wordLimit, Path out, Path script, PrintStream progress)
      throws InterruptedException {
    Optional<Path> python = findPython();
    if (python.isEmpty()) {
      progress.println("Python reference skipped: no python3 on the PATH.");
      return false;
    }
    if (!Files.isRegularFile(script)) {
      progress.println(
          "Python reference skipped: " + script + " not found (run from the repository root).");
      return false;
    }
    List<String> cmd = command(python.get(), script, plan, dataset, wordLimit, out);
    progress.println("Python reference: " + String.join(" ", cmd));
    long limitSeconds =
        60 + 5 * plan.estimate(wordLimit > 0 ? wordLimit : PythonPlan.FULL_LIST_WORDS).toSeconds();
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread pump = Thread.ofPlatform().daemon().name("python-output").start(() -> {
        try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
          r.lines().forEach(progress::println);
        } catch (IOException | UncheckedIOException e) {
          // the process ended or was stopped: nothing more to show
        }
      });
      try {
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          progress.println("Python reference stopped: it ran past " + limitSeconds + " s.");
          return false;
        }
      } catch (InterruptedException e) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw e;
      }
      pump.join(5000);
      if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
        progress.println("Python reference failed: exit code " + p.exitValue() + ", no " + out);
        return false;
      }
      return true;
    } catch (IOException e) {
      progress.println("Python reference failed to start: " + e.getMessage());
      return false;
    }
  }
}
