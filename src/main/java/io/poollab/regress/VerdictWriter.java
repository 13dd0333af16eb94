package io.poollab.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a {@link Verdict} three ways: a plain-text table for the terminal, a Markdown summary
 * for CI job summaries and pull-request comments, and a JSON document for machines. All three
 * use {@link Locale#ROOT} so the output is the same everywhere.
 *
 * <pre>{@code
 * System.out.print(VerdictWriter.table(verdict));
 * Files.writeString(md, VerdictWriter.markdown(verdict));
 * Files.writeString(json, VerdictWriter.json(verdict));
 * }</pre>
 */
public final class VerdictWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Failures first, then improvements, then the rest; by key within each. */
  private static final Comparator<FigureComparison> ORDER =
      Comparator.comparingInt((FigureComparison c) -> rank(c.outcome()))
          .thenComparing(FigureComparison::key);

  /** How every Markdown summary begins, followed by the verdict's word. */
  private static final String MARKDOWN_HEADING = "### Performance check: ";

  /** How every JSON verdict begins: an object whose first field is the verdict. */
  private static final Pattern JSON_START = Pattern.compile("\\A\\{\\s*\"verdict\"\\s*:");

  private VerdictWriter() {}

  /**
   * Whether a file's text is a Markdown summary this class wrote, which the check may replace.
   *
   * @param text the file's text
   * @return true when it begins as {@link #markdown} output does
   */
  public static boolean wroteMarkdown(String text) {
    return text.startsWith(MARKDOWN_HEADING);
  }

  /**
   * Whether a file's text is a JSON verdict this class wrote, which the check may replace.
   *
   * @param text the file's text
   * @return true when it begins as {@link #json} output does
   */
  public static boolean wroteJson(String text) {
    return JSON_START.matcher(text).lookingAt();
  }

  /**
   * The terminal table, headline first.
   *
   * @param v the verdict
   * @return lines ending in a newline
   */
  public static String table(Verdict v) {
    StringBuilder sb = new StringBuilder();
    sb.append(v.headline()).append('\n');
    sb.append("run: ").append(v.run()).append("  machine class: ").append(v.machineClass());
    sb.append(v.usedFloors() ? "  baseline: none" : "  baseline: " + v.baseline()).append('\n');
    List<String[]> rows = new ArrayList<>();
    if (v.usedFloors()) {
      rows.add(new String[] {"floor", "figure", "value", "bound", "outcome"});
      for (FloorResult f : v.floors()) {
        rows.add(floorRow(f));
      }
    } else {
      rows.add(
          new String[] {"figure", "baseline", "run", "change", "threshold", "evidence", "outcome"});
      for (FigureComparison c : v.comparisons().stream().sorted(ORDER).toList()) {
        rows.add(comparisonRow(c));
      }
    }
    sb.append(align(rows));
    if (!v.confirmation().isEmpty()) {
      sb.append(v.confirmation()).append('\n');
    }
    if (!v.usedFloors()) {
      sb.append(legend()).append('\n');
    }
    if (!v.missingHint().isEmpty()) {
      sb.append("hint: ").append(v.missingHint()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The Markdown summary: a headline, the failing and improved figures in a table, and every
   * other figure in a collapsed section.
   *
   * @param v the verdict
   * @return Markdown text ending in a newline
   */
  public static String markdown(Verdict v) {
    StringBuilder sb = new StringBuilder();
    sb.append(MARKDOWN_HEADING).append(v.word()).append("\n\n");
    sb.append(escape(v.headline())).append("\n\n");
    sb.append("- run: `").append(v.run()).append("`\n");
    sb.append("- machine class: `").append(v.machineClass()).append("`\n");
    if (v.usedFloors()) {
      sb.append("- baseline: none for this machine class; absolute floors checked instead "
          + "(create one with `check --update-baseline RUN`)\n\n");
      sb.append("| floor | figure | value | bound | outcome |\n|---|---|---:|---|---|\n");
      for (FloorResult f : v.floors()) {
        sb.append(markdownRow(floorRow(f), 1));
      }
      return sb.toString();
    }
    sb.append("- baseline: `").append(v.baseline()).append("`\n");
    if (!v.confirmation().isEmpty()) {
      sb.append("- ").append(escape(v.confirmation())).append('\n');
    }
    if (!v.missingHint().isEmpty()) {
      sb.append("- hint: ").append(escape(v.missingHint())).append('\n');
    }
    sb.append('\n');
    String header =
        "| figure | baseline | run | change | threshold | evidence | outcome |\n"
            + "|---|---:|---:|---:|---:|---|---|\n";
    List<FigureComparison> sorted = v.comparisons().stream().sorted(ORDER).toList();
    List<FigureComparison> notable =
        sorted.stream()
            .filter(c -> c.outcome().fails() || c.outcome() == Outcome.IMPROVED
                || c.outcome() == Outcome.INCONCLUSIVE || c.outcome() == Outcome.CLEARED)
            .toList();
    List<FigureComparison> rest =
        sorted.stream().filter(c -> !notable.contains(c)).toList();
    if (!notable.isEmpty()) {
      sb.append(header);
      notable.forEach(c -> sb.append(markdownRow(comparisonRow(c), 0)));
      sb.append('\n');
    }
    if (!rest.isEmpty()) {
      sb.append("<details><summary>")
          .append(rest.size())
          .append(" other figures (unchanged, within noise, new)</summary>\n\n")
          .append(header);
      rest.forEach(c -> sb.append(markdownRow(comparisonRow(c), 0)));
      sb.append("\n</details>\n\n");
    }
    sb.append(escape(legend())).append('\n');
    return sb.toString();
  }

  /**
   * The JSON verdict: {@code verdict} ("pass"/"fail"), {@code exitCode}, the run, machine class and
   * baseline ({@code null} with floors), then {@code figures} or {@code floors}. Unknown numbers
   * are {@code null}.
   *
   * @param v the verdict
   * @return pretty-printed JSON
   */
  public static String json(Verdict v) {
    ObjectNode root = JSON.createObjectNode();
    root.put("verdict", v.word().toLowerCase(Locale.ROOT));
    root.put("exitCode", v.exitCode());
    root.put("headline", v.headline());
    root.put("confirmation", v.confirmation());
    root.put("run", v.run());
    root.put("machineClass", v.machineClass());
    root.put("mode", v.usedFloors() ? "floors" : "baseline");
    if (v.baseline() == null) {
      root.putNull("baseline");
    } else {
      root.put("baseline", v.baseline());
    }
    ObjectNode counts = root.putObject("counts");
    for (Outcome o : Outcome.values()) {
      long n =
          v.comparisons().stream().filter(c -> c.outcome() == o).count()
              + v.floors().stream().filter(f -> f.outcome() == o).count();
      if (n > 0) {
        counts.put(o.name().toLowerCase(Locale.ROOT), n);
      }
    }
    ArrayNode figures = root.putArray("figures");
    for (FigureComparison c : v.comparisons()) {
      ObjectNode n = figures.addObject();
      n.put("key", c.key());
      n.put("kind", c.kind().prefix());
      n.put("outcome", c.outcome().name().toLowerCase(Locale.ROOT));
      n.put("fails", c.fails());
      side(n, "baseline", c.baseline());
      side(n, "run", c.current());
      num(n, "change", change(c));
      num(n, "worsening", c.worsening());
      num(n, "worseningLow", c.worseningLow());
      num(n, "worseningHigh", c.worseningHigh());
      num(n, "threshold", c.threshold());
      num(n, "noise", c.noise());
      num(n, "pValue", c.pValue());
      num(n, "adjustedPValue", c.adjustedPValue());
      if (c.confirmation() == null) {
        n.putNull("confirmation");
      } else {
        ObjectNode cf = n.putObject("confirmation");
        cf.put("rounds", c.confirmation().rounds());
        num(cf, "value", c.confirmation().value());
        num(cf, "worsening", c.confirmation().worsening());
        num(cf, "pValue", c.confirmation().pValue());
        num(cf, "bound", c.confirmation().bound());
      }
    }
    ArrayNode floors = root.putArray("floors");
    for (FloorResult f : v.floors()) {
      ObjectNode n = floors.addObject();
      n.put("name", f.floor().name());
      n.put("glob", f.floor().glob());
      n.put("which", f.floor().best() ? "best" : "every");
      n.put("condition", f.floor().condition());
      n.put("outcome", f.outcome().name().toLowerCase(Locale.ROOT));
      n.put("fails", f.fails());
      n.put("matched", f.matched());
      if (f.decidingKey() == null) {
        n.putNull("figure");
      } else {
        n.put("figure", f.decidingKey());
      }
      num(n, "value", f.value());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the verdict as JSON", e);
    }
  }

  /** A number with 3 significant digits, fixed locale; {@code -} for NaN. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "-";
    }
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3g", d);
  }

  /** The value's change, a fraction of the baseline (NaN when a side is missing). */
  static double change(FigureComparison c) {
    if (c.baseline() == null || c.current() == null) {
      return Double.NaN;
    }
    double b = c.baseline().value();
    return b == 0.0 ? Double.NaN : (c.current().value() - b) / Math.abs(b);
  }

  private static String legend() {
    return "values: median over rounds [95% bootstrap interval]; change: run vs baseline with its"
        + " 95% interval; threshold: the configured one, or the figure's noise between baseline"
        + " runs when larger; a candidate needs change past the threshold and evidence (one-sided"
        + " Mann-Whitney p over rounds < alpha, or the change's interval beyond zero), and fails"
        + " only when fresh interleaved rounds confirm it (still past the threshold, p < alpha / candidates)";
  }

  private static String[] comparisonRow(FigureComparison c) {
    double change = change(c);
    String changeText =
        Double.isNaN(change) ? "-" : String.format(Locale.ROOT, "%+.1f%%", change * 100);
    String thresholdText = String.format(Locale.ROOT, "%.0f%%", c.threshold() * 100)
        + (c.noise() > 0 && c.noise() >= c.threshold() ? " (noise)" : "");
    return new String[] {
      c.key(),
      valueText(c.baseline()),
      valueText(c.current()),
      changeText,
      thresholdText,
      c.evidence(),
      c.outcome().label() + (c.allowed() ? " (allowed)" : "")
    };
  }

  private static String[] floorRow(FloorResult f) {
    return new String[] {
      f.floor().name(),
      f.decidingKey() == null ? "(no figure matches " + f.floor().glob() + ")" : f.decidingKey(),
      number(f.value()),
      (f.floor().best() ? "best " : "every ") + f.floor().condition(),
      f.outcome().label()
    };
  }

  private static String valueText(Figure f) {
    if (f == null) {
      return "-";
    }
    if (!f.hasInterval()) {
      return number(f.value());
    }
    return number(f.value()) + " [" + number(f.low()) + ", " + number(f.high()) + "]";
  }

  private static void side(ObjectNode parent, String name, Figure f) {
    if (f == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode n = parent.putObject(name);
    num(n, "value", f.value());
    num(n, "low", f.low());
    num(n, "high", f.high());
    n.put("rounds", f.rounds());
    ArrayNode rounds = n.putArray("perRound");
    for (double x : f.perRound()) {
      rounds.add(x);
    }
    n.put("flags", f.quality().describe());
  }

  private static void num(ObjectNode n, String field, double d) {
    if (Double.isFinite(d)) {
      n.put(field, d);
    } else {
      n.putNull(field);
    }
  }

  private static String align(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        line.append(pad(rows.get(r)[i], width[i]));
        if (i < cols - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols; i++) {
          rule.append("-".repeat(width[i]));
          if (i < cols - 1) {
            rule.append("  ");
          }
        }
        sb.append(rule).append('\n');
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  /** A table row; the cell at {@code codeColumn} (a figure key) is set as code. */
  private static String markdownRow(String[] cells, int codeColumn) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      boolean code = i == codeColumn && !cells[i].startsWith("(");
      sb.append(' ').append(code ? "`" + cells[i] + "`" : escape(cells[i])).append(" |");
    }
    return sb.append('\n').toString();
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("<", "&lt;");
  }

  private static int rank(Outcome o) {
    return switch (o) {
      case REGRESSED -> 0;
      case MISSING -> 1;
      case INCONCLUSIVE -> 2;
      case CLEARED -> 3;
      case IMPROVED -> 4;
      case NOISE -> 5;
      case NEW -> 6;
      default -> 7;
    };
  }
}
