package dev.storefront.eventtools;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, the last one not padded. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  Table row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] copy = new String[columns];
    for (int i = 0; i < columns; i++) {
      copy[i] = cells[i] == null || cells[i].isEmpty() ? "-" : oneLine(cells[i]);
    }
    rows.add(copy);
    return this;
  }

  int size() {
    return rows.size() - 1;
  }

  List<String> lines() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        if (i > 0) {
          line.append("  ");
        }
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length()));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Line breaks and tabs as spaces, so one cell stays on one line. */
  static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  /** At most {@code max} characters, an ellipsis marking the cut. */
  static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
