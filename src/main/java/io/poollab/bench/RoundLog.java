package io.poollab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record of one side of a run, kept current on disk: {@code rounds.json} (every fork and
 * group with its place in the protocol and what the canary saw) and {@code jmh.json} (the kept
 * forks in JMH's format). Both are rewritten after every fork through a temporary file moved into
 * place, so an interrupted run leaves valid files with what finished.
 *
 * <h2>rounds.json ({@value #FORMAT})</h2>
 * <pre>
 * { "format", "side", "seed", "rounds", "protocol" (one sentence), "probe" {threads, iterations,
 *   referenceMillis}, "limits" {foreignCores, stealCores, probeSlowdown, forkDeviation},
 *   "groups": [{round, group, attempt, job, forks [ids], probeBeforeMillis, probeAfterMillis,
 *               foreignCores, stealCores, load1, deviation, disturbed, reason, kept}],
 *   "forks":  [{id, round, group, attempt, kept, benchmark, params {}, mode, unit,
 *               warmupIterations, warmupMillis, measurementIterations, measurementMillis,
 *               startedAt, seconds, foreignCores, stealCores, iterations [], secondary {name: []},
 *               failure}] }
 * </pre>
 * Numbers that are unknown are written as the string {@code "NaN"}, as JMH does.
 *
 * <pre>{@code
 * RoundLog log = new RoundLog(runDir, "run");
 * log.add(forkRecord);
 * log.write(protocol);
 * }</pre>
 */
public final class RoundLog {

  /** The format name written into rounds.json. */
  public static final String FORMAT = "poollab-rounds/1";

  /** The file name of the protocol record. */
  public static final String ROUNDS_JSON = "rounds.json";

  /** The file name of JMH's results. */
  public static final String JMH_JSON = "jmh.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String side;
  private final List<ForkRecord> forks = new ArrayList<>();
  private final List<GroupRecord> groups = new ArrayList<>();

  /**
   * A log writing into a folder.
   *
   * @param dir the side's run folder
   * @param side the side's name
   */
  public RoundLog(Path dir, String side) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.side = Objects.requireNonNull(side, "side");
  }

  /** The folder written to. */
  public Path dir() {
    return dir;
  }

  /** The side's name. */
  public String side() {
    return side;
  }

  /** Every fork so far, in execution order. */
  public synchronized List<ForkRecord> forks() {
    return List.copyOf(forks);
  }

  /** Every group so far, in execution order. */
  public synchronized List<GroupRecord> groups() {
    return List.copyOf(groups);
  }

  /**
   * Adds a fork.
   *
   * @param fork the fork
   */
  public synchronized void add(ForkRecord fork) {
    forks.add(fork);
  }

  /**
   * Adds a group.
   *
   * @param group the group
   */
  public synchronized void add(GroupRecord group) {
    groups.add(group);
  }

  /**
   * Marks a group and its forks kept or not (a re-run replaces the attempt it repeats).
   *
   * @param round the group's round
   * @param index the group's index
   * @param attempt the attempt
   * @param kept whether it counts
   */
  public synchronized void keep(int round, int index, int attempt, boolean kept) {
    for (int i = 0; i < groups.size(); i++) {
      GroupRecord g = groups.get(i);
      if (g.round() == round && g.index() == index && g.attempt() == attempt) {
        groups.set(i, g.withKept(kept));
        for (int j = 0; j < forks.size(); j++) {
          if (g.forkIds().contains(forks.get(j).id())) {
            forks.set(j, forks.get(j).withKept(kept));
          }
        }
      }
    }
  }

  /**
   * Replaces a group's record (found by round, index and attempt), e.g. with its deviation known.
   *
   * @param updated the new record
   */
  public synchronized void replace(GroupRecord updated) {
    for (int i = 0; i < groups.size(); i++) {
      GroupRecord g = groups.get(i);
      if (g.round() == updated.round() && g.index() == updated.index() && g.attempt() == updated.attempt()) {
        groups.set(i, updated);
        return;
      }
    }
    throw new IllegalArgumentException("no group " + updated.round() + "." + updated.index()
        + " attempt " + updated.attempt() + " in the log of side " + side);
  }

  /**
   * Rewrites {@code rounds.json} and {@code jmh.json}.
   *
   * @param protocol the run's protocol settings
   * @throws UncheckedIOException when the folder cannot be written
   */
  public synchronized void write(Protocol protocol) {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(ROUNDS_JSON),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rounds(protocol)) + "\n");
      replace(dir.resolve(JMH_JSON), JmhJson.write(forks.stream().filter(ForkRecord::kept).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results into " + dir + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode rounds(Protocol p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("side", side);
    root.put("seed", p.seed());
    root.put("rounds", p.rounds());
    root.put("protocol", p.description());
    ObjectNode probe = root.putObject("probe");
    probe.put("threads", p.probeThreads());
    probe.put("iterations", p.probeIterations());
    number(probe, "referenceMillis", p.probeReferenceMillis());
    ObjectNode limits = root.putObject("limits");
    limits.put("foreignCores", p.limits().foreignCores());
    limits.put("stealCores", p.limits().stealCores());
    limits.put("probeSlowdown", p.limits().probeSlowdown());
    limits.put("forkDeviation", p.limits().forkDeviation());
    ArrayNode gs = root.putArray("groups");
    for (GroupRecord g : groups) {
      ObjectNode n = gs.addObject();
      n.put("round", g.round());
      n.put("group", g.index());
      n.put("attempt", g.attempt());
      n.put("job", g.job());
      ArrayNode ids = n.putArray("forks");
      g.forkIds().forEach(ids::add);
      number(n, "probeBeforeMillis", g.probeBeforeMillis());
      number(n, "probeAfterMillis", g.probeAfterMillis());
      number(n, "foreignCores", g.foreignCores());
      number(n, "stealCores", g.stealCores());
      number(n, "load1", g.load1());
      number(n, "deviation", g.deviation());
      n.put("disturbed", g.disturbed());
      n.put("reason", g.reason());
      n.put("kept", g.kept());
    }
    ArrayNode fs = root.putArray("forks");
    for (ForkRecord f : forks) {
      ObjectNode n = fs.addObject();
      n.put("id", f.id());
      n.put("round", f.round());
      n.put("group", f.group());
      n.put("attempt", f.attempt());
      n.put("kept", f.kept());
      n.put("benchmark", f.entry().benchmark());
      ObjectNode params = n.putObject("params");
      f.entry().params().forEach(params::put);
      IterationSettings s = f.entry().settings();
      n.put("warmupIterations", s.warmupIterations());
      n.put("warmupMillis", s.warmupTime().toMillis());
      n.put("measurementIterations", s.measurementIterations());
      n.put("measurementMillis", s.measurementTime().toMillis());
      n.put("startedAt", f.startedAt().toString());
      n.put("seconds", Math.round(f.seconds() * 1000) / 1000.0);
      number(n, "foreignCores", f.foreignCores());
      number(n, "stealCores", f.stealCores());
      if (f.succeeded()) {
        n.put("mode", f.result().mode());
        n.put("unit", f.result().unit());
        ArrayNode its = n.putArray("iterations");
        f.result().iterations().forEach(v -> number(its, v));
        ObjectNode sec = n.putObject("secondary");
        f.result().secondary().forEach((name, values) -> {
          ArrayNode a = sec.putArray(name);
          values.forEach(v -> number(a, v));
        });
        n.putNull("failure");
      } else {
        n.put("failure", f.failure());
      }
    }
    return root;
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.put(field, Double.toString(v));
    }
  }

  private static void number(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.add(Double.toString(v));
    }
  }

  /**
   * The run's protocol settings, written into every {@code rounds.json}.
   *
   * @param seed the seed the order was drawn from
   * @param rounds the planned rounds
   * @param description the protocol in one sentence
   * @param probeThreads the CPU probe's threads
   * @param probeIterations the CPU probe's iterations per thread
   * @param probeReferenceMillis the probe's reference time (NaN before it is known)
   * @param limits the disturbance limits
   */
  public record Protocol(long seed, int rounds, String description, int probeThreads, long probeIterations,
      double probeReferenceMillis, DisturbanceLimits limits) {
    /** Checks the fields. */
    public Protocol {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(limits, "limits");
    }
  }
}
