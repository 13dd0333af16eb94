package io.poollab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark jar of a git commit, for {@code check --against REF}: the commit is checked out
 * in a temporary worktree under the lab's reports folder, built with Maven (tests skipped), and
 * its {@code target/benchmarks.jar} kept as {@code reports/.against/<sha>.jar}, so a second
 * comparison with the same commit does not build again. The worktree is removed afterwards,
 * whether the build worked or not.
 *
 * <pre>{@code
 * Path jar = RefJar.build("HEAD~1", Path.of("."), Path.of("reports/.against"), System.err);
 * }</pre>
 */
final class RefJar {

  /** The longest a build may take. */
  static final long BUILD_MINUTES = 20;

  private RefJar() {}

  /**
   * The commit a ref names.
   *
   * @param ref a branch, tag, {@code HEAD~1}, a hash
   * @param repo the repository's folder
   * @return the full hash
   * @throws IllegalArgumentException naming the ref when it is not a commit of the repository
   */
  static String resolve(String ref, Path repo) {
    Output out = run(repo, List.of("git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"), 1);
    String sha = out.text().trim();
    if (out.code() != 0 || !sha.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("--against '" + ref + "' is not a commit of the repository in "
          + repo.toAbsolutePath().normalize() + " (git rev-parse found none)");
    }
    return sha;
  }

  /**
   * Builds (or finds in the cache) the jar of a ref.
   *
   * @param ref the ref
   * @param repo the repository's folder
   * @param cache where built jars are kept
   * @param progress where the build is announced
   * @return the jar
   * @throws IllegalStateException when the build fails, with the end of Maven's output
   */
  static Path build(String ref, Path repo, Path cache, PrintStream progress) {
    String sha = resolve(ref, repo);
    Path jar = cache.resolve(sha + ".jar");
    if (Files.isRegularFile(jar)) {
      progress.println("Reference " + ref + " = " + sha.substring(0, 12) + ": using the jar built before, " + jar);
      return jar;
    }
    Path worktree = cache.resolve("worktree-" + sha.substring(0, 12));
    try {
      Files.createDirectories(cache);
      progress.println("Reference " + ref + " = " + sha.substring(0, 12) + ": building its jar in " + worktree
          + " (mvn package, tests skipped; a minute or two) ...");
      Output add = run(repo, List.of("git", "worktree", "add", "--force", "--detach", worktree.toString(), sha), 2);
      if (add.code() != 0) {
        throw new IllegalStateException("git worktree add failed for " + ref + ": " + add.text().trim());
      }
      Output mvn = run(worktree, List.of("mvn", "-B", "-q", "-ntp", "-Dmaven.test.skip=true", "package"), BUILD_MINUTES);
      Path built = worktree.resolve("target/benchmarks.jar");
      if (mvn.code() != 0 || !Files.isRegularFile(built)) {
        String tail = mvn.text().lines().skip(Math.max(0, mvn.text().lines().count() - 20))
            .reduce("", (a, b) -> a + "\n  " + b);
        throw new IllegalStateException("the build of " + ref + " (" + sha.substring(0, 12)
            + ") failed with exit code " + mvn.code() + ":" + tail);
      }
      Path tmp = cache.resolve(sha + ".jar.tmp");
      Files.copy(built, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
      return jar;
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the jar of " + ref + ": " + e.getMessage(), e);
    } finally {
      if (Files.exists(worktree)) {
        run(repo, List.of("git", "worktree", "remove", "--force", worktree.toString()), 2);
      }
    }
  }

  private record Output(int code, String text) {}

  private static Output run(Path dir, List<String> command, long minutes) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      Path log = Files.createTempFile("poollab-refjar-", ".log");
      try {
        Thread drain = Thread.ofVirtual().start(() -> {
          try {
            Files.write(log, p.getInputStream().readAllBytes());
          } catch (IOException ignored) {
            // the exit code still tells
          }
        });
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          return new Output(124, String.join(" ", command) + " ran past " + minutes + " minutes and was stopped");
        }
        drain.join(TimeUnit.SECONDS.toMillis(30));
        return new Output(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Output(127, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Output(130, "interrupted");
    }
  }
}
