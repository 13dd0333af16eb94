package io.poollab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The speed-up charts of one job, each comparing like with like and holding at most
 * {@value #MAX_SERIES} data series (more are split into numbered charts: small multiples, not
 * eight lines over two x values):
 *
 * <ul>
 *   <li><b>speed-up vs workers</b>: one line per method and peer measured at two or more worker
 *       counts, at its default chunksize (else its only one, else the best at each count), the
 *       Python pools of the same task and cost, the ideal {@code y = workers} dashed; a method
 *       without a worker count (one virtual thread per task) is a horizontal reference line,
 *       never a point at its {@code workers} param;</li>
 *   <li><b>each method at its best</b>: one bar per method, peer and Python pool, at its best
 *       configuration, named in the bar's label;</li>
 *   <li><b>speed-up vs chunksize</b>: one line per method and worker count measured at two or
 *       more chunksizes, over the chunksizes measured as categories ({@code 1, 100, 1000,
 *       default}), so every tick is a value that ran and {@code default} is shown;</li>
 *   <li><b>parallel efficiency</b>: the speed-up lines divided by their worker counts; never for
 *       a method without a worker count.</li>
 * </ul>
 *
 * <pre>{@code
 * List<ChartData> charts = new ArrayList<>();
 * List<String> notDrawn = new ArrayList<>();
 * JobCharts.add("wordjob", job, finiteSpeedUps, pythonOfSameTask, charts, notDrawn);
 * }</pre>
 */
final class JobCharts {

  /** The most data series one chart holds; reference lines (ideal, per-task) not counted. */
  static final int MAX_SERIES = 5;

  private static final String SPEED_UP = "speed-up (serial / parallel)";

  private JobCharts() {}

  /** The speed-ups of one method (and backend, when the job ran on several). */
  private record Group(String label, List<SpeedUp> all) {

    boolean perTask() {
      return ChartLabels.perTask(all.get(0).impl());
    }

    SpeedUp best() {
      return all.stream().max(Comparator.comparingDouble(SpeedUp::value)).orElseThrow();
    }
  }

  /** A line of a speed-up vs workers chart: its name and its points, one per worker count. */
  private record Line(String name, List<SpeedUp> points) {}

  /**
   * Adds a job's charts, and a note for each that could not be drawn.
   *
   * @param slug the job's id part
   * @param job the job
   * @param finite its finite JMH speed-ups (at least one)
   * @param python the finite Python speed-ups of the same task and cost
   * @param charts where charts go
   * @param skipped where notes go
   */
  static void add(String slug, String job, List<SpeedUp> finite, List<SpeedUp> python,
      List<ChartData> charts, List<String> skipped) {
    boolean backends = finite.stream().map(SpeedUp::backend).distinct().count() > 1;
    String title = ChartLabels.jobTitle(job, finite.get(0).params());
    List<Group> groups = groups(finite, backends);
    List<Group> pyGroups = groups(python, false);
    List<Line> lines = new ArrayList<>();
    groups.stream().filter(g -> !g.perTask()).forEach(g -> line(g).ifPresent(lines::add));
    pyGroups.forEach(g -> line(g).ifPresent(lines::add));
    List<Group> perTask = groups.stream().filter(Group::perTask).toList();
    // one note per job listing every chart it lacks, rather than one line per chart
    List<String> missing = new ArrayList<>();
    if (lines.isEmpty()) {
      missing.add("speed-up and efficiency vs workers (no method was measured at two worker counts)");
    } else {
      List<List<Line>> parts = chunks(lines);
      for (int i = 0; i < parts.size(); i++) {
        String part = parts.size() == 1 ? "" : " (" + (i + 1) + " of " + parts.size() + ")";
        String suffix = i == 0 ? "" : "-" + (i + 1);
        charts.add(workersChart("speedup-workers-" + slug + suffix, "Speed-up vs workers" + part + ": " + title,
            parts.get(i), perTask, true));
      }
      for (int i = 0; i < parts.size(); i++) {
        String part = parts.size() == 1 ? "" : " (" + (i + 1) + " of " + parts.size() + ")";
        String suffix = i == 0 ? "" : "-" + (i + 1);
        charts.add(workersChart("efficiency-" + slug + suffix, "Parallel efficiency vs workers" + part + ": " + title,
            parts.get(i), List.of(), false));
      }
    }
    bestBars(slug, title, groups, pyGroups, backends).ifPresentOrElse(charts::add, () -> missing.add(
        "each method at its best (one method only: a chart of one bar says nothing)"));
    List<ChartData> chunk = chunksize(slug, title, finite, python, backends);
    if (chunk.isEmpty()) {
      missing.add("speed-up vs chunksize (no method was measured at two chunksizes with the same worker count)");
    }
    charts.addAll(chunk);
    if (!missing.isEmpty()) {
      skipped.add("Charts of " + job + " not drawn: " + String.join("; ", missing)
          + ". Its figures are in the speed-up table.");
    }
  }

  /** Groups by impl (and backend), pool methods first, then peers, then per-task ones, each in file order. */
  private static List<Group> groups(List<SpeedUp> list, boolean backends) {
    Map<String, List<SpeedUp>> byKey = new LinkedHashMap<>();
    list.stream()
        .sorted(Comparator.comparingInt((SpeedUp s) -> s.impl().startsWith("POOL_") ? 0
            : ChartLabels.perTask(s.impl()) ? 2 : 1))
        .forEach(s -> byKey.computeIfAbsent(s.impl() + (backends ? " " + s.backend() : ""),
            k -> new ArrayList<>()).add(s));
    List<Group> out = new ArrayList<>();
    byKey.forEach((k, all) -> out.add(new Group(ChartLabels.impl(all.get(0).impl())
        + (backends ? ", " + ChartLabels.backend(all.get(0).backend()) : ""), all)));
    return out;
  }

  /**
   * A group's line over worker counts, when it has two or more: at the default chunksize when
   * measured at every count (what a user gets without tuning), else at its only chunksize, else
   * at the best one of each count (named so).
   */
  private static Optional<Line> line(Group g) {
    TreeSet<Integer> workers = new TreeSet<>();
    g.all().forEach(s -> workers.add(s.workers()));
    if (workers.size() < 2) {
      return Optional.empty();
    }
    List<String> chunks = g.all().stream().map(SpeedUp::chunksize).distinct().toList();
    boolean defaultEverywhere = workers.stream().allMatch(w -> g.all().stream()
        .anyMatch(s -> s.workers() == w && s.chunksize().equals("default")));
    Map<Integer, SpeedUp> points = new TreeMap<>();
    String name;
    if (defaultEverywhere || chunks.size() == 1) {
      String c = defaultEverywhere ? "default" : chunks.get(0);
      g.all().stream().filter(s -> s.chunksize().equals(c)).forEach(s -> points.putIfAbsent(s.workers(), s));
      name = g.label() + (c.isEmpty() ? "" : ", chunksize " + c);
    } else {
      g.all().forEach(s -> points.merge(s.workers(), s, (a, b) -> b.value() > a.value() ? b : a));
      name = g.label() + ", best chunksize";
    }
    return Optional.of(new Line(name, List.copyOf(points.values())));
  }

  /** Splits into charts of at most {@link #MAX_SERIES}, in order. */
  private static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += MAX_SERIES) {
      out.add(all.subList(i, Math.min(all.size(), i + MAX_SERIES)));
    }
    return out;
  }

  /**
   * Speed-up (or efficiency) vs workers: the lines, each per-task method as a horizontal
   * reference across the chart (speed-up only), the ideal dashed.
   */
  private static ChartData workersChart(String id, String title, List<Line> lines, List<Group> perTask,
      boolean speedUp) {
    ToDoubleFunction<SpeedUp> y = speedUp ? SpeedUp::value : SpeedUp::efficiency;
    ToDoubleFunction<SpeedUp> err = speedUp ? SpeedUp::error : SpeedUp::efficiencyError;
    List<ChartData.Series> series = new ArrayList<>();
    TreeSet<Integer> workers = new TreeSet<>();
    for (Line l : lines) {
      l.points().forEach(s -> workers.add(s.workers()));
      series.add(new ChartData.Series(l.name(), ChartData.Style.LINE, l.points().stream()
          .map(s -> ChartData.Point.of(s.workers(), y.applyAsDouble(s), err.applyAsDouble(s))).toList()));
    }
    workers.add(1);
    for (Group g : perTask) {
      SpeedUp b = g.best();
      series.add(new ChartData.Series(String.format(Locale.ROOT, "%s (no worker count): %.2fx",
          ChartLabels.impl(b.impl()), b.value()), ChartData.Style.REFERENCE, List.of(
              ChartData.Point.of(workers.first(), b.value(), Double.NaN),
              ChartData.Point.of(workers.last(), b.value(), Double.NaN))));
    }
    if (speedUp) {
      series.add(new ChartData.Series("ideal (y = workers)", true,
          workers.stream().map(w -> ChartData.Point.of(w, w, Double.NaN)).toList()));
      return new ChartData(id, title, ChartKind.LINE, "workers", SPEED_UP, series);
    }
    series.add(new ChartData.Series("ideal (1.0)", true, List.of(
        ChartData.Point.of(workers.first(), 1, Double.NaN), ChartData.Point.of(workers.last(), 1, Double.NaN))));
    return new ChartData(id, title, ChartKind.LINE, "workers", "efficiency (speed-up / workers)", series);
  }

  /** One bar per method, peer and Python pool at its best configuration; none with fewer than two. */
  private static Optional<ChartData> bestBars(String slug, String job, List<Group> groups,
      List<Group> pyGroups, boolean backends) {
    List<SpeedUp> best = new ArrayList<>();
    groups.forEach(g -> best.add(g.best()));
    pyGroups.forEach(g -> best.add(g.best()));
    if (best.size() < 2) {
      return Optional.empty();
    }
    List<String> categories = new ArrayList<>();
    List<ChartData.Point> points = new ArrayList<>();
    for (SpeedUp s : best) {
      String c = ChartLabels.config(s, backends);
      categories.add(c);
      points.add(ChartData.Point.of(c, categories.size() - 1, s.value(), s.error()));
    }
    return Optional.of(new ChartData("best-" + slug, "Each method at its best configuration: " + job,
        ChartKind.BAR, "method (configuration)", SPEED_UP,
        List.of(new ChartData.Series("speed-up", false, points)), categories));
  }

  /**
   * Speed-up vs chunksize: one line per method and worker count with two or more chunksizes;
   * split by worker count when there are more than {@link #MAX_SERIES} lines.
   */
  private static List<ChartData> chunksize(String slug, String job, List<SpeedUp> finite,
      List<SpeedUp> python, boolean backends) {
    Map<String, List<SpeedUp>> byLine = new LinkedHashMap<>();
    List<SpeedUp> all = new ArrayList<>(finite.stream().filter(s -> !ChartLabels.perTask(s.impl())).toList());
    all.addAll(python);
    all.stream().filter(s -> !s.chunksize().isEmpty())
        .sorted(Comparator.comparing(SpeedUp::python).thenComparingInt(SpeedUp::workers))
        .forEach(s -> byLine.computeIfAbsent(ChartLabels.config(s.impl(), s.backend(), s.workers(), "",
            backends && !s.python()), k -> new ArrayList<>()).add(s));
    byLine.values().removeIf(l -> l.stream().map(SpeedUp::chunksize).distinct().count() < 2);
    if (byLine.isEmpty()) {
      return List.of();
    }
    List<ChartData> out = new ArrayList<>();
    if (byLine.size() <= MAX_SERIES) {
      out.add(chunksizeChart("speedup-chunksize-" + slug, "Speed-up vs chunksize: " + job, byLine));
      return out;
    }
    Map<Integer, Map<String, List<SpeedUp>>> byWorkers = new TreeMap<>();
    byLine.forEach((name, list) -> byWorkers.computeIfAbsent(list.get(0).workers(), w -> new LinkedHashMap<>())
        .put(name, list));
    byWorkers.forEach((w, lines) -> {
      List<String> names = List.copyOf(lines.keySet());
      List<List<String>> parts = chunks(names);
      for (int i = 0; i < parts.size(); i++) {
        Map<String, List<SpeedUp>> part = new LinkedHashMap<>();
        parts.get(i).forEach(n -> part.put(n, lines.get(n)));
        String of = parts.size() == 1 ? "" : " (" + (i + 1) + " of " + parts.size() + ")";
        out.add(chunksizeChart("speedup-chunksize-" + slug + "-w" + w + (i == 0 ? "" : "-" + (i + 1)),
            "Speed-up vs chunksize at " + w + (w == 1 ? " worker" : " workers") + of + ": " + job, part));
      }
    });
    return out;
  }

  /** A chunksize chart over the chunksizes its lines measured: numbers ascending, then {@code default}. */
  private static ChartData chunksizeChart(String id, String title, Map<String, List<SpeedUp>> lines) {
    TreeSet<Long> numbers = new TreeSet<>();
    boolean dflt = false;
    List<String> other = new ArrayList<>();
    for (List<SpeedUp> l : lines.values()) {
      for (SpeedUp s : l) {
        if (s.chunksize().matches("\\d+")) {
          numbers.add(Long.parseLong(s.chunksize()));
        } else if (s.chunksize().equals("default")) {
          dflt = true;
        } else if (!other.contains(s.chunksize())) {
          other.add(s.chunksize());
        }
      }
    }
    List<String> categories = new ArrayList<>();
    numbers.forEach(n -> categories.add(Long.toString(n)));
    categories.addAll(other);
    if (dflt) {
      categories.add("default");
    }
    List<ChartData.Series> series = new ArrayList<>();
    lines.forEach((name, list) -> series.add(new ChartData.Series(name, false, list.stream()
        .sorted(Comparator.comparingInt(s -> categories.indexOf(s.chunksize())))
        .map(s -> ChartData.Point.of(s.chunksize(), categories.indexOf(s.chunksize()), s.value(), s.error()))
        .toList())));
    return new ChartData(id, title, ChartKind.CATEGORY_LINE, "chunksize (as measured; default: the pool's own)",
        SPEED_UP, series, categories);
  }
}
