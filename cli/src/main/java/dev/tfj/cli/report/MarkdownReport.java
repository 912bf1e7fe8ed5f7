package dev.tfj.cli.report;

import java.util.List;

/** Renders the report as Markdown, the HTML page's twin: same tables, same images by relative file name. */
public final class MarkdownReport {

  /** The Markdown file's name. */
  public static final String FILE = "report.md";

  private MarkdownReport() {}

  /** The Markdown for {@code data}, its digit grids showing up to {@code digits} images each. */
  public static String render(ReportData data, int digits, String generatedAt) {
    StringBuilder md = new StringBuilder(8_192);
    md.append("# ").append(ReportText.TITLE).append("\n\n")
        .append(ReportText.intro(data, generatedAt)).append("\n\n");

    md.append("## Accuracy and loss\n\n");
    table(md, Tables.comparison(data.models()));
    md.append(ReportText.comparisonNote(data)).append("\n\n");
    md.append("## How each was trained\n\n");
    table(md, Tables.hyperparameters(data.models()));

    md.append("## Training and test curves\n\n");
    image(md, Charts.LOSS_PNG, "Loss per epoch of every model");
    image(md, Charts.ACCURACY_PNG, "Accuracy per epoch of every model");
    md.append(ReportText.curvesCaption()).append("\n\n");

    for (ModelReport m : data.models()) {
      String label = m.bundle().label();
      md.append("## ").append(label).append(" (").append(m.metrics().model()).append(")\n\n");
      md.append(ReportText.provenance(m)).append("\n\n");
      md.append("### Layers\n\n");
      table(md, Tables.layers(m.metrics()));
      md.append("### Confusion matrix\n\n");
      image(md, m.confusionPng(), "Confusion matrix of " + label);
      md.append(ReportText.confusionCaption()).append("\n\n");
      md.append("### Misclassified test digits\n\n");
      image(md, m.errorsPng(), "Test digits " + label + " gets wrong");
      int shown = Math.min(digits, m.evaluation().count() - m.evaluation().correct());
      md.append(ReportText.errorsCaption(m, shown)).append("\n\n");
      md.append("### Every epoch\n\n");
      table(md, Tables.epochs(m.metrics()));
    }

    if (data.models().size() > 1) {
      int[] shared = data.sharedErrors();
      md.append("## Digits every model gets wrong\n\n");
      image(md, ReportWriter.SHARED_ERRORS_PNG, "Test digits every model gets wrong");
      md.append(ReportText.sharedCaption(data, shared, Math.min(digits, shared.length))).append("\n");
    }
    return md.toString();
  }

  static void table(StringBuilder md, Table t) {
    row(md, t.header());
    md.append('|');
    for (int c = 0; c < t.header().size(); c++) {
      md.append(t.numeric(c) ? " ---: |" : " --- |");
    }
    md.append('\n');
    t.rows().forEach(r -> row(md, r));
    md.append('\n');
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    md.append('\n');
  }

  static void image(StringBuilder md, String file, String alt) {
    md.append("![").append(alt).append("](").append(file).append(")\n\n");
  }
}
