/**
 * Results of a run, read into one model, drawn as charts and written as HTML.
 *
 * <h2>The run folder ({@code reports/<yyyyMMdd-HHmmss>/})</h2>
 * <pre>
 *   jmh.json           JMH's JSON result list (-rf json)
 *   metadata.json      where and how the run ran: cpuModel, cores, memoryBytes, os, jvm, jvmFlags,
 *                      commit, dataset {path, sha256, words}, profile, startedAt, machineClass
 *   python.json        Python's Pool reference results, when python3 was present
 *   histograms/*.hlog  HdrHistogram logs of the latency benchmarks, one per configuration
 *   index.html         the report, with charts/*.png beside it
 * </pre>
 */
package io.poollab.report;
