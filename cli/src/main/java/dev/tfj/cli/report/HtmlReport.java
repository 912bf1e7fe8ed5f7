package dev.tfj.cli.report;

import java.util.List;

/** Renders the report as one HTML page with inline CSS and images by relative file name: no network needed. */
public final class HtmlReport {

  /** The page's file name. */
  public static final String FILE = "index.html";

  static final String CSS =
      """
      body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
      h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
      table { border-collapse: collapse; margin: .8em 0; font-variant-numeric: tabular-nums; }
      th, td { border: 1px solid #ccc; padding: .3em .6em; } th { background: #f3f3f3; text-align: left; }
      .scroll { overflow-x: auto; } td.num { text-align: right; }
      img { max-width: 100%; height: auto; display: block; margin: .6em 0; }
      .note, figcaption { color: #555; font-size: 90%; } figure { margin: 1em 0; } code { font-size: 90%; }
      """;

  private HtmlReport() {}

  /** The page for {@code data}, its digit grids showing up to {@code digits} images each. */
  public static String render(ReportData data, int digits, String generatedAt) {
    StringBuilder h = new StringBuilder(16_384);
    List<String> labels = data.models().stream().map(m -> m.bundle().label()).toList();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(ReportText.TITLE + ": " + String.join(", ", labels))).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(esc(ReportText.TITLE)).append("</h1>\n")
        .append("<p>").append(esc(ReportText.intro(data, generatedAt))).append("</p>\n");

    h.append("<h2 id=\"accuracy\">Accuracy and loss</h2>\n");
    table(h, "comparison", Tables.comparison(data.models()));
    h.append("<p class=\"note\">").append(esc(ReportText.comparisonNote(data))).append("</p>\n");
    h.append("<h2 id=\"training\">How each was trained</h2>\n");
    table(h, "hyperparameters", Tables.hyperparameters(data.models()));

    h.append("<h2 id=\"curves\">Training and test curves</h2>\n");
    figure(h, Charts.LOSS_PNG, "Loss per epoch of every model", ReportText.curvesCaption());
    figure(h, Charts.ACCURACY_PNG, "Accuracy per epoch of every model", ReportText.curvesCaption());

    for (ModelReport m : data.models()) {
      String label = m.bundle().label();
      h.append("<h2 id=\"model-").append(esc(m.slug())).append("\">").append(esc(label))
          .append(" <small>(").append(esc(m.metrics().model())).append(")</small></h2>\n");
      h.append("<p class=\"note\">").append(esc(ReportText.provenance(m))).append("</p>\n");
      h.append("<h3>Layers</h3>\n");
      table(h, "layers-" + m.slug(), Tables.layers(m.metrics()));
      h.append("<h3>Confusion matrix</h3>\n");
      figure(h, m.confusionPng(), "Confusion matrix of " + label, ReportText.confusionCaption());
      h.append("<h3>Misclassified test digits</h3>\n");
      int shown = Math.min(digits, m.evaluation().count() - m.evaluation().correct());
      figure(h, m.errorsPng(), "Test digits " + label + " gets wrong", ReportText.errorsCaption(m, shown));
      h.append("<details><summary>Every epoch</summary>\n");
      table(h, "epochs-" + m.slug(), Tables.epochs(m.metrics()));
      h.append("</details>\n");
    }

    if (data.models().size() > 1) {
      int[] shared = data.sharedErrors();
      h.append("<h2 id=\"shared-errors\">Digits every model gets wrong</h2>\n");
      figure(h, ReportWriter.SHARED_ERRORS_PNG, "Test digits every model gets wrong",
          ReportText.sharedCaption(data, shared, Math.min(digits, shared.length)));
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  static void table(StringBuilder h, String id, Table t) {
    h.append("<div class=\"scroll\"><table id=\"").append(esc(id)).append("\">\n<thead><tr>");
    for (String head : t.header()) {
      h.append("<th>").append(esc(head)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        h.append(t.numeric(c) ? "<td class=\"num\">" : "<td>").append(esc(row.get(c))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table></div>\n");
  }

  static void figure(StringBuilder h, String file, String alt, String caption) {
    h.append("<figure><img src=\"").append(esc(file)).append("\" alt=\"").append(esc(alt)).append("\">")
        .append("<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
