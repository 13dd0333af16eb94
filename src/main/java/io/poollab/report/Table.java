package io.poollab.report;

import java.util.List;
import java.util.Objects;

/**
 * A table of text cells, as shown on the report page; its {@link #toText()} is what golden-file
 * tests check.
 *
 * <pre>{@code
 * Table t = Tables.speedUps(run);
 * System.out.print(t.toText());
 * }</pre>
 *
 * @param id an HTML-id-safe name ({@code speedups})
 * @param title the table's heading
 * @param header the column names
 * @param rows the rows, each as long as the header
 */
public record Table(String id, String title, List<String> header, List<List<String>> rows) {

  /** Checks the fields and copies the rows. */
  public Table {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("table '" + id + "': row " + row + " has " + row.size()
            + " cells, the header has " + header.size());
      }
    }
  }

  /**
   * Tab-separated text: the title, the header, then each row.
   *
   * @return the table as text
   */
  public String toText() {
    StringBuilder sb = new StringBuilder("table ").append(id).append(": ").append(title).append('\n');
    sb.append(String.join("\t", header)).append('\n');
    rows.forEach(r -> sb.append(String.join("\t", r)).append('\n'));
    return sb.toString();
  }

  /**
   * A GitHub-flavoured Markdown table: the header, then each row; a {@code |} in a cell is
   * escaped.
   *
   * @return the table as Markdown
   */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(markdownRow(header));
    sb.append(markdownRow(header.stream().map(h -> "---").toList()));
    rows.forEach(r -> sb.append(markdownRow(r)));
    return sb.toString();
  }

  private static String markdownRow(List<String> cells) {
    return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
  }
}
