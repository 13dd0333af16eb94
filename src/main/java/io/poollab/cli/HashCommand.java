package io.poollab.cli;

import io.poollab.pool.AsyncResult;
import io.poollab.pool.Callbacks;
import io.poollab.pool.Pool;
import io.poollab.pool.PoolOptions;
import io.poollab.pool.Progress;
import io.poollab.pool.ResultIterator;
import io.poollab.pool.Task;
import io.poollab.pool.WorkerLocal;
import io.poollab.workload.DefaultDataset;
import io.poollab.workload.ReferenceList;
import io.poollab.workload.SerialBaseline;
import io.poollab.workload.WordHasher;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code hash} command: the guide's program. Loads a word list, hashes every word with
 * SHA-512 (serially or in the pool), collects the hex digests in a set, and prints
 * {@code Loaded N words from PATH}, {@code Done, with M hashes} and the times.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar hash                                   # pool map, default list
 * java -jar target/benchmarks.jar hash --method imap_unordered --chunksize 1000 --workers 2
 * java -jar target/benchmarks.jar hash --dataset datasets/1m_words.txt.zip --compare-serial
 * }</pre>
 */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Hash every word of a list with SHA-512 and count the distinct hashes: the multiprocessing"
          + " Pool guide's program, serially or in the pool.",
      "Times are single runs of one JVM (JIT warm-up included); the JMH benchmarks give the"
          + " measured figures."
    })
public final class HashCommand implements Callable<Integer> {

  /** The pool call that hashes the words. */
  enum Method {
    MAP("map"), IMAP("imap"), IMAP_UNORDERED("imap_unordered"), MAP_ASYNC("map_async");

    final String flag;

    Method(String flag) {
      this.flag = flag;
    }
  }

  /** Where the digest comes from. */
  enum Digest {
    NEW("new"), PER_WORKER("per-worker");

    final String flag;

    Digest(String flag) {
      this.flag = flag;
    }
  }

  @Spec private CommandSpec spec;

  @Option(names = "--dataset", paramLabel = "PATH",
      description = "The word list: a text file, one word per line, or a .zip holding one."
          + " Default: datasets/1m_words.txt or datasets/1m_words.txt.zip if there, else the"
          + " stand-in datasets/standin_1m_words.txt (generated on first use).")
  private Path dataset;

  @Option(names = "--serial", description = "Hash in a plain loop on one thread, no pool.")
  private boolean serial;

  @Option(names = "--method", paramLabel = "METHOD", converter = MethodConverter.class,
      description = "The pool call: map, imap, imap_unordered or map_async (default: map).")
  private Method method = Method.MAP;

  @Option(names = "--workers", paramLabel = "N",
      description = "Pool workers, at least 1 (default: the available processors, ${DEFAULT-VALUE}).")
  private int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--chunksize", paramLabel = "N",
      description = "Words per pool task, at least 1 (default: the call's own: ceil(words / (4 *"
          + " workers)) for map and map_async, 1 for imap and imap_unordered).")
  private Integer chunksize;

  @Option(names = "--digest", paramLabel = "KIND", converter = DigestConverter.class,
      description = "new: a new MessageDigest per word, as the guide does; per-worker: one per"
          + " worker, made by the pool's initializer (default: new).")
  private Digest digest = Digest.NEW;

  @Option(names = "--compare-serial",
      description = "Also run the serial loop; print both times and the speed-up multiple.")
  private boolean compareSerial;

  @Option(names = "--repeat", paramLabel = "N",
      description = "Run each job N times (serial and pool alternating with --compare-serial)"
          + " and report the fastest (default: ${DEFAULT-VALUE}).")
  private int repeat = 1;

  @Option(names = "--no-progress", description = "Do not draw a progress bar on stderr.")
  private boolean noProgress;

  /** Creates the command (picocli fills in the options). */
  public HashCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    Path path = dataset != null ? dataset : defaultDataset(err);
    long loadStart = System.nanoTime();
    List<String> words = DatasetWords.load(path);
    double loadSeconds = seconds(System.nanoTime() - loadStart);
    out.println("Loaded " + words.size() + " words from " + path);
    out.flush();

    // with --compare-serial the two alternate, so JIT warm-up and other load hit both alike
    List<Run> serialRuns = new ArrayList<>();
    List<Run> poolRuns = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      if (serial || compareSerial) {
        serialRuns.add(runSerial(words));
      }
      if (!serial) {
        poolRuns.add(runPool(words));
      }
    }
    Run serialRun = fastest(serialRuns);
    Run main = fastest(poolRuns);
    Run shown = main != null ? main : serialRun;
    out.println("Done, with " + shown.hashes + " hashes");
    out.println(String.format(Locale.ROOT, "Load: %.3f s", loadSeconds));
    if (main != null) {
      out.println(String.format(Locale.ROOT, "Pool %s (%d workers, chunksize %s, digest %s): %s",
          method.flag, workers, chunksizeLabel(words.size()), digest.flag, timeLabel(main)));
    }
    if (serialRun != null) {
      out.println(String.format(Locale.ROOT, "Serial (digest %s): %s", digest.flag,
          timeLabel(serialRun)));
    }
    if (main != null && serialRun != null) {
      out.println(String.format(Locale.ROOT, "Speed-up: %.2fx (serial time / pool time)",
          serialRun.seconds / main.seconds));
      if (main.hashes != serialRun.hashes) {
        out.flush();
        err.println("hash: the pool found " + main.hashes + " hashes but the serial loop found "
            + serialRun.hashes);
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  private void validate() {
    CommandLine cl = spec.commandLine();
    if (workers < 1) {
      throw new ParameterException(cl, "--workers must be at least 1, was " + workers);
    }
    if (chunksize != null && chunksize < 1) {
      throw new ParameterException(cl, "--chunksize must be at least 1, was " + chunksize);
    }
    if (repeat < 1) {
      throw new ParameterException(cl, "--repeat must be at least 1, was " + repeat);
    }
    if (serial && compareSerial) {
      throw new ParameterException(cl,
          "--serial and --compare-serial exclude each other: --compare-serial already runs both");
    }
    if (serial) {
      for (String poolOnly : List.of("--method", "--workers", "--chunksize")) {
        if (cl.getParseResult().hasMatchedOption(poolOnly)) {
          throw new ParameterException(cl, "--serial runs no pool, so " + poolOnly
              + " does not apply; drop one of them");
        }
      }
    }
  }

  private Path defaultDataset(PrintWriter err) {
    Path dir = LabHome.datasets();
    try {
      if (!DefaultDataset.needsGeneration(dir)) {
        return DefaultDataset.resolve(dir);
      }
      err.println("Generating the stand-in word list " + dir.resolve(DefaultDataset.STAND_IN)
          + " (first use; put the real list at " + dir.resolve(DefaultDataset.REAL_ZIP)
          + " to use it instead)");
      err.flush();
      try (TerminalProgress bar =
          TerminalProgress.open("Generating", ReferenceList.WORDS, !noProgress)) {
        return DefaultDataset.resolve(dir, bar::stepTo);
      }
    } catch (UncheckedIOException e) {
      throw new DataError("no --dataset given and the default cannot be made: " + e.getMessage(), e);
    }
  }

  /** One timed job: its wall time and the number of distinct hashes. */
  private record Run(double seconds, int hashes, List<Double> all) {}

  /** The fastest run, with every run's time; null when none ran. */
  private static Run fastest(List<Run> runs) {
    Run best = null;
    List<Double> all = new ArrayList<>();
    for (Run run : runs) {
      all.add(run.seconds);
      if (best == null || run.seconds < best.seconds) {
        best = run;
      }
    }
    return best == null ? null : new Run(best.seconds, best.hashes, List.copyOf(all));
  }

  private Run runSerial(List<String> words) {
    long start = System.nanoTime();
    Task<String, String> task;
    if (digest == Digest.PER_WORKER) {
      MessageDigest one = WordHasher.newDigest(); // the one "worker" is this thread
      task = word -> WordHasher.sha512Hex(one, word);
    } else {
      task = WordHasher::sha512Hex;
    }
    Set<String> hashes;
    try (TerminalProgress bar = TerminalProgress.open("Serial", words.size(), !noProgress)) {
      hashes = new HashSet<>(SerialBaseline.map(task, words, bar::stepTo));
    }
    return new Run(seconds(System.nanoTime() - start), hashes.size(), List.of());
  }

  private Run runPool(List<String> words) throws InterruptedException {
    long start = System.nanoTime();
    PoolOptions.Builder options = Pool.builder().workers(workers).threadNamePrefix("hash-");
    Task<String, String> task;
    if (digest == Digest.PER_WORKER) {
      WorkerLocal<MessageDigest> local = WorkerLocal.of(WordHasher::newDigest);
      options.initializer(local::initialize);
      task = word -> WordHasher.sha512Hex(local.get(), word);
    } else {
      task = WordHasher::sha512Hex;
    }
    Set<String> hashes;
    try (Pool pool = options.create();
        TerminalProgress bar = TerminalProgress.open(
            "Pool " + method.flag, words.size(), !noProgress)) {
      hashes = switch (method) {
        case MAP -> map(pool, task, words, bar);
        case MAP_ASYNC -> mapAsync(pool, task, words, bar);
        case IMAP -> drain(chunksize == null ? pool.imap(task, words)
            : pool.imap(task, words, chunksize), words.size(), bar);
        case IMAP_UNORDERED -> drain(chunksize == null ? pool.imapUnordered(task, words)
            : pool.imapUnordered(task, words, chunksize), words.size(), bar);
      };
    }
    return new Run(seconds(System.nanoTime() - start), hashes.size(), List.of());
  }

  private Set<String> map(Pool pool, Task<String, String> task, List<String> words,
      TerminalProgress bar) throws InterruptedException {
    if (!bar.visible()) {
      return new HashSet<>(chunksize == null ? pool.map(task, words)
          : pool.map(task, words, chunksize));
    }
    // map() is mapAsync().get(); the async form exposes the progress view the bar follows
    AsyncResult<List<String>> result = chunksize == null ? pool.mapAsync(task, words)
        : pool.mapAsync(task, words, chunksize);
    result.progress().addListener((done, known, totalKnown) -> bar.stepTo(done));
    return new HashSet<>(result.get());
  }

  /** The guide's {@code map_async} idiom: the callback gets the whole list and builds the set. */
  private Set<String> mapAsync(Pool pool, Task<String, String> task, List<String> words,
      TerminalProgress bar) throws InterruptedException {
    AtomicReference<Set<String>> set = new AtomicReference<>();
    Callbacks<List<String>> callbacks = Callbacks.of(list -> set.set(new HashSet<>(list)),
        error -> { }); // the failure also reaches get(), which reports it
    AsyncResult<List<String>> result = chunksize == null
        ? pool.mapAsync(task, words, callbacks)
        : pool.mapAsync(task, words, chunksize, callbacks);
    Progress progress = result.progress();
    while (!result.await(100, TimeUnit.MILLISECONDS)) {
      bar.stepTo(progress.done());
    }
    result.get(); // throws the task's failure, if any; the callback has run before it returns
    return set.get();
  }

  /** The tqdm-over-imap idiom: consume the results, the bar following the progress view. */
  private static Set<String> drain(ResultIterator<String> results, int expected,
      TerminalProgress bar) {
    Set<String> hashes = new HashSet<>(Math.max(16, expected * 4 / 3));
    try (results) {
      Progress progress = results.progress();
      int consumed = 0;
      while (results.hasNext()) {
        hashes.add(results.next());
        if ((++consumed & 4095) == 0) {
          bar.stepTo(progress.done());
        }
      }
      bar.stepTo(progress.done());
    }
    return hashes;
  }

  private String chunksizeLabel(int words) {
    if (chunksize != null) {
      return String.valueOf(chunksize);
    }
    return switch (method) {
      case MAP, MAP_ASYNC -> "default=" + Pool.defaultChunksize(words, workers);
      case IMAP, IMAP_UNORDERED -> "default=1";
    };
  }

  private String timeLabel(Run run) {
    if (run.all.size() <= 1) {
      return String.format(Locale.ROOT, "%.3f s", run.seconds);
    }
    StringBuilder runs = new StringBuilder();
    for (double s : run.all) {
      runs.append(runs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", s));
    }
    return String.format(Locale.ROOT, "%.3f s (fastest of %d runs: %s s)", run.seconds,
        run.all.size(), runs);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Reads {@code --method} in Python's spelling. */
  static final class MethodConverter implements ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      for (Method m : Method.values()) {
        if (m.flag.equals(value)) {
          return m;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a method; expected one of "
          + Arrays.stream(Method.values()).map(m -> m.flag).toList());
    }
  }

  /** Reads {@code --digest}. */
  static final class DigestConverter implements ITypeConverter<Digest> {
    @Override
    public Digest convert(String value) {
      for (Digest d : Digest.values()) {
        if (d.flag.equals(value)) {
          return d;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a digest kind; expected one of "
          + Arrays.stream(Digest.values()).map(d -> d.flag).toList());
    }
  }
}
