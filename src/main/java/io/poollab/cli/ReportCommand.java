package io.poollab.cli;

import io.poollab.report.BaselineChanges;
import io.poollab.report.ReportException;
import io.poollab.report.ReportWriter;
import io.poollab.report.RunFolders;
import io.poollab.report.RunReader;
import io.poollab.report.RunResults;
import java.io.IOException;
import java.util.Optional;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report [RUN_DIR] [--reports-dir DIR]}: writes a run's {@code index.html} (charts inline,
 * PNG copies in {@code charts/}) and the reports folder's {@code index.html}, then prints the
 * run page's path. The page shows the run against the committed baseline of its machine class in
 * {@code <reports-dir>/baseline/<machineClass>/} (the check's first stage, unconfirmed), or says
 * there is none.
 *
 * <p>Without RUN_DIR the newest run under the reports folder is reported, as {@link RunFolders}
 * finds it (the check's default is the same run), and stderr says which. The index of all runs
 * is never written into a folder that holds a run.
 *
 * <p>Exit codes: 0 written (problems with single files are printed to stderr and shown on the
 * page); 2 when the run folder is missing, nothing in it could be read, or no run exists.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar report                       # newest run under reports/
 * java -jar target/benchmarks.jar report reports/20260101-120000
 * }</pre>
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the HTML report of a benchmark run: <run>/index.html with inline SVG charts,",
      "PNG copies in <run>/charts/, and <reports-dir>/index.html listing every run.",
      "The page compares the run with <reports-dir>/baseline/<machineClass>/ when it exists",
      "(unconfirmed; the check command confirms).",
      "Exit codes: 0 written, 2 run folder missing or unreadable."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN_DIR",
      description = "The run folder (default: the newest run under --reports-dir).")
  Path runDir;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:poollab.home:-.}/reports",
      description = "The folder holding the runs; its index.html is rewritten, never over one the lab did not write (default: ${DEFAULT-VALUE};"
          + " with RUN_DIR and no --reports-dir: RUN_DIR's parent).")
  Path reportsDir;

  private static boolean sameFolder(Path a, Path b) {
    return a != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--reports-dir");
    if (explicit && Files.exists(reportsDir) && !Files.isDirectory(reportsDir)) {
      // said before the run's page is written: its index could not be, and the run's files stay as they were
      err.println("report: --reports-dir " + reportsDir + " is a file; give the folder that holds the runs");
      return 2;
    }
    Path chosen = runDir;
    if (chosen == null) {
      // the same runs, and the same newest one, as the index lists and the check picks
      Optional<Path> newest = RunFolders.newest(reportsDir);
      if (newest.isEmpty()) {
        err.println("report: no run folder under " + reportsDir
            + " (a folder holding jmh.json or metadata.json, e.g. reports/<yyyyMMdd-HHmmss>/)"
            + (RunFolders.holdsRun(reportsDir)
                ? "; " + reportsDir + " is itself a run: pass it as RUN_DIR"
                : "; pass RUN_DIR or --reports-dir"));
        return 2;
      }
      chosen = newest.get();
      err.println("report: no RUN_DIR given: reporting the newest run under " + reportsDir + ", " + chosen
          + " (started " + RunFolders.startTime(chosen) + ")");
    }
    Path dir = chosen;
    RunResults run;
    try {
      run = RunReader.read(dir);
    } catch (ReportException e) {
      err.println("report: " + e.getMessage());
      return 2;
    }
    run.problems().forEach(p -> err.println("report: " + dir + ": " + p));
    if (!run.hasData()) {
      err.println("report: nothing in " + dir
          + " could be read (jmh.json, python.json, histograms/*.hlog); no report written");
      return 2;
    }
    err.println("report: reading " + dir + ": " + run.results().size() + " results, "
        + run.latencies().size() + " histograms; drawing charts...");
    // the same baseline the check reads by default: <reports>/baseline/<machineClass>/
    BaselineChanges changes = BaselineDiff.of(dir, run.metadata().machineClass(), reportsDir, !explicit);
    err.println("report: " + (changes.found()
        ? "compared with the baseline in " + changes.baselineDir() + ": " + changes.rows().size() + " figures"
        : changes.note()));
    Path page;
    try {
      page = ReportWriter.writeRun(run, changes);
    } catch (ReportException e) {
      err.println("report: " + e.getMessage());
      return 2;
    }
    // the index lists the runs beside this one: --reports-dir when given (or by default), else the
    // run's parent, and there only if that folder is the lab's (never a foreign index.html)
    // normalized first: the parent of "." or "run/." is the run folder itself, not the folder around it
    Path index = runDir == null || explicit ? reportsDir : dir.toAbsolutePath().normalize().getParent();
    boolean claim = runDir == null || explicit || sameFolder(index, reportsDir);
    List<String> notes = new ArrayList<>();
    Optional<Path> indexPage = index == null ? Optional.empty() : ReportWriter.writeIndex(index, claim, notes);
    if (indexPage.isPresent()) {
      err.println("report: index of all runs: " + indexPage.get());
    } else {
      notes.forEach(n -> err.println("report: " + n));
    }
    out.println(page);
    out.flush();
    return 0;
  }
}
