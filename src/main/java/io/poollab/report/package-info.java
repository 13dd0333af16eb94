/**
 * Results of a run, read into one model, drawn as charts and written as HTML.
 *
 * <h2>The run folder ({@code reports/<yyyyMMdd-HHmmss>/})</h2>
 * <pre>
 *   rounds.json        the protocol: every fork with its round, group and attempt, its measured
 *                      iterations and GC time, what the canary saw (see io.poollab.bench.RoundLog)
 *   jmh.json           JMH's JSON result list: each configuration's kept forks, in order
 *   metadata.json      where and how the run ran: cpuModel, cores, memoryBytes, os, jvm, jvmFlags,
 *                      commit, dataset {path, sha256, words, wordsUsed}, profile, rounds, seed,
 *                      startedAt, machineClass
 *   python.json        Python's Pool reference results, when python3 was present
 *   histograms/*.hlog  HdrHistogram logs of the latency benchmarks, one per fork (NAME-forkN.hlog;
 *                      values in nanoseconds), also added into one histogram per configuration
 *   index.html         the report, with charts/*.png beside it
 * </pre>
 *
 * <h2>The model (read by the report and by {@code io.poollab.regress})</h2>
 * <ul>
 *   <li>{@link io.poollab.report.RunReader#read(java.nio.file.Path)} reads a run folder into
 *       {@link io.poollab.report.RunResults}: {@link io.poollab.report.RunMetadata}, the
 *       {@link io.poollab.report.BenchmarkResult}s, the optional
 *       {@link io.poollab.report.PythonResults}, the latency histograms, the
 *       {@link io.poollab.report.Rounds} (every {@link io.poollab.report.ForkData}), the
 *       {@link io.poollab.report.SpeedUp}s and the problems met while reading. A run without
 *       rounds.json is read as if its k-th fork of every configuration ran in round k.</li>
 *   <li>A bad file never stops the reading: it becomes a problem naming the file and what is
 *       wrong, and the rest is read. Only a missing folder throws
 *       {@link io.poollab.report.ReportException}.</li>
 *   <li>The measurement model lives in {@link io.poollab.report.SpeedUps}, read by the report and
 *       the regression check alike: each parallel fork paired with the SERIAL fork of its group,
 *       per round serial median / parallel median (or, for a fork that timed the serial job
 *       beside each of its iterations, the median of those per-iteration ratios), the median
 *       over rounds with a two-level
 *       {@link io.poollab.report.Bootstrap} interval, and the {@link io.poollab.report.Quality}
 *       flags that keep a figure out of recommendations (see {@link io.poollab.report.SpeedUp}).</li>
 * </ul>
 *
 * <h2>From model to page</h2>
 * {@link io.poollab.report.Charts} turns a run into {@link io.poollab.report.ChartData} records
 * (the data tests check), {@link io.poollab.report.ChartRenderer} draws them with JFreeChart as
 * inline SVG (JFreeSVG) and PNG, {@link io.poollab.report.Tables} and
 * {@link io.poollab.report.Recommendation} give the tables and the advice,
 * {@link io.poollab.report.Headline} the one quotable sentence per job at the top (words said by
 * {@link io.poollab.report.Words}), and {@link io.poollab.report.RunPage} /
 * {@link io.poollab.report.IndexPage} write the HTML; {@link io.poollab.report.ReportWriter} puts
 * the files in place. The change against the committed baseline comes in as plain
 * {@link io.poollab.report.BaselineChanges}, computed by the {@code report} command with the
 * check's first stage: the report itself never calls {@code io.poollab.regress}.
 *
 * <pre>{@code
 * RunResults run = RunReader.read(Path.of("reports/20260101-120000"));
 * Path page = ReportWriter.writeRun(run);            // reports/20260101-120000/index.html
 * ReportWriter.writeIndex(Path.of("reports"));       // reports/index.html
 * }</pre>
 */
package io.poollab.report;
