package io.poollab.cli;

import io.poollab.workload.ReferenceList;
import io.poollab.workload.StandInGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code generate} command: writes a synthetic word list shaped like the real one (its
 * word-length histogram and share of distinct words, scaled to the size asked), streaming to
 * disk, for the scaling experiments.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar generate --words 10000000 --out datasets/10m_words.txt
 * }</pre>
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a stand-in word list: the real list's word-length histogram and share of distinct"
          + " words, scaled to --words; CRLF line endings; the same bytes for the same size and"
          + " seed on every machine."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--words", paramLabel = "N",
      description = "Lines to write, 1 to " + StandInGenerator.MAX_WORDS
          + " (default: ${DEFAULT-VALUE}, the real list's size).")
  private long words = ReferenceList.WORDS;

  @Option(names = "--out", paramLabel = "PATH", required = true,
      description = "The file to write, which must not exist yet (written whole or not at all;"
          + " folders are created).")
  private Path out;

  @Option(names = "--seed", paramLabel = "S",
      description = "The seed (default: ${DEFAULT-VALUE}, the default stand-in's).")
  private long seed = StandInGenerator.DEFAULT_SEED;

  @Option(names = "--no-progress", description = "Do not draw a progress bar on stderr.")
  private boolean noProgress;

  /** Creates the command (picocli fills in the options). */
  public GenerateCommand() {}

  @Override
  public Integer call() {
    // an empty list is one that hash and bench refuse ("holds no words"): writing it would leave
    // a file of no use behind
    if (words < 1 || words > StandInGenerator.MAX_WORDS) {
      throw new ParameterException(spec.commandLine(), "--words must be between 1 and "
          + StandInGenerator.MAX_WORDS + ", was " + words);
    }
    if (Files.isDirectory(out)) {
      throw new DataError("--out " + out + " is a directory; give the path of the file to write");
    }
    if (Files.exists(out)) {
      // a list is not marked as the lab's, and the one at hand may be the real list
      // (datasets/1m_words.txt) or anyone's file: never replace one
      throw new DataError("--out " + out + " already exists; give the path of a new file"
          + " (the lab does not overwrite a file it did not create: remove it first to regenerate)");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    // a problem with the folder is one with the user's files, not with the command line: one
    // line, without the usage
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Path blocking = fileOnTheWay(parent);
      if (blocking != null) {
        throw new DataError("--out " + out + ": its folder cannot be made, " + blocking
            + " is a file; give the path of a new file in a folder");
      }
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new DataError("--out " + out + ": its folder " + parent + " cannot be made (" + e
            + "); give the path of a new file in a folder this user may write in");
      }
    }
    long start = System.nanoTime();
    try (TerminalProgress bar = TerminalProgress.open("Generating", words, !noProgress)) {
      StandInGenerator.write(out, words, seed, bar::stepTo);
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("generate: " + e.getMessage());
      return 1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    stdout.println(String.format(Locale.ROOT, "Wrote %d words (%d bytes, seed %d) to %s in %.2f s",
        words, StandInGenerator.expectedBytes(words), seed, out, seconds));
    stdout.flush();
    return 0;
  }

  /** The nearest of {@code folder} and the folders above it that exists as a file, or null. */
  private static Path fileOnTheWay(Path folder) {
    for (Path p = folder; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) ? null : p;
      }
    }
    return null;
  }
}
