package dev.tfj.cli.report;

import java.util.List;

/**
 * A report page written once and rendered twice: {@link #html} and {@link #markdown} give the same headings,
 * paragraphs, tables and figures, so the HTML page and its Markdown twin cannot drift apart.
 */
interface Page {

  /** A heading of {@code level} 1–3. */
  Page heading(int level, String id, String text);

  /** A paragraph. */
  Page paragraph(String text);

  /** A paragraph in small print. */
  Page note(String text);

  /** A bulleted list. */
  Page bullets(List<String> items);

  /** Lines of code, such as commands, each on its own line. */
  Page code(List<String> lines);

  /** A table. */
  Page table(String id, Table table);

  /** An image by relative file name, with its caption. */
  Page figure(String file, String alt, String caption);

  /** The rendered text. */
  String render();

  /** An HTML page titled {@code title}, styled like {@code tfj report}'s. */
  static Page html(String title) {
    return new HtmlPage(title);
  }

  /** A Markdown page. */
  static Page markdown() {
    return new MarkdownPage();
  }

  /** The HTML rendering. */
  final class HtmlPage implements Page {
    private final StringBuilder h = new StringBuilder(32_768);

    HtmlPage(String title) {
      h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>").append(HtmlReport.esc(title)).append("</title>\n")
          .append("<style>\n").append(HtmlReport.CSS)
          .append("pre { background: #f6f6f6; padding: .6em; overflow-x: auto; font-size: 85%; }\n")
          .append("</style>\n</head>\n<body>\n");
    }

    @Override
    public Page heading(int level, String id, String text) {
      h.append("<h").append(level).append(id == null ? "" : " id=\"" + HtmlReport.esc(id) + "\"").append('>')
          .append(HtmlReport.esc(text)).append("</h").append(level).append(">\n");
      return this;
    }

    @Override
    public Page paragraph(String text) {
      h.append("<p>").append(HtmlReport.esc(text)).append("</p>\n");
      return this;
    }

    @Override
    public Page note(String text) {
      h.append("<p class=\"note\">").append(HtmlReport.esc(text)).append("</p>\n");
      return this;
    }

    @Override
    public Page bullets(List<String> items) {
      h.append("<ul>\n");
      items.forEach(i -> h.append("<li>").append(HtmlReport.esc(i)).append("</li>\n"));
      h.append("</ul>\n");
      return this;
    }

    @Override
    public Page code(List<String> lines) {
      h.append("<pre><code>");
      lines.forEach(l -> h.append(HtmlReport.esc(l)).append('\n'));
      h.append("</code></pre>\n");
      return this;
    }

    @Override
    public Page table(String id, Table table) {
      HtmlReport.table(h, id, table);
      return this;
    }

    @Override
    public Page figure(String file, String alt, String caption) {
      HtmlReport.figure(h, file, alt, caption);
      return this;
    }

    @Override
    public String render() {
      return h + "</body>\n</html>\n";
    }
  }

  /** The Markdown rendering. */
  final class MarkdownPage implements Page {
    private final StringBuilder md = new StringBuilder(16_384);

    @Override
    public Page heading(int level, String id, String text) {
      md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
      return this;
    }

    @Override
    public Page paragraph(String text) {
      md.append(text).append("\n\n");
      return this;
    }

    @Override
    public Page note(String text) {
      md.append(text).append("\n\n");
      return this;
    }

    @Override
    public Page bullets(List<String> items) {
      items.forEach(i -> md.append("- ").append(i).append('\n'));
      md.append('\n');
      return this;
    }

    @Override
    public Page code(List<String> lines) {
      md.append("```\n");
      lines.forEach(l -> md.append(l).append('\n'));
      md.append("```\n\n");
      return this;
    }

    @Override
    public Page table(String id, Table table) {
      MarkdownReport.table(md, table);
      return this;
    }

    @Override
    public Page figure(String file, String alt, String caption) {
      MarkdownReport.image(md, file, alt);
      md.append(caption).append("\n\n");
      return this;
    }

    @Override
    public String render() {
      return md.toString();
    }
  }
}
