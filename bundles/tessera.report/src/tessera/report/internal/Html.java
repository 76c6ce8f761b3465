package tessera.report.internal;

/** Minimal HTML building with escaping of all text. */
public final class Html {
    private final StringBuilder sb = new StringBuilder();

    /**
     * Escapes text for element content and attribute values.
     *
     * @param s text, null for ""
     * @return text with {@code & < > " '} replaced by entities
     */
    public static String esc(Object s) {
        if (s == null) {
            return "";
        }
        String t = s.toString();
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Appends raw markup (the caller escapes any text inside). @return this */
    public Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Appends {@code <tag>escaped text</tag>}. @return this */
    public Html el(String tag, Object text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** Appends a table row of escaped cells; {@code header} makes them th. @return this */
    public Html row(boolean header, Object... cells) {
        sb.append("<tr>");
        for (Object c : cells) {
            sb.append(header ? "<th>" : "<td>").append(esc(c)).append(header ? "</th>" : "</td>");
        }
        sb.append("</tr>\n");
        return this;
    }

    /**
     * Appends a figure with a relative image link.
     *
     * @param file    image file name (relative link)
     * @param alt     alt text
     * @param caption caption
     * @param width   natural width in pixels
     * @return this
     */
    public Html figure(String file, String alt, String caption, int width) {
        sb.append("<figure><img src=\"").append(esc(file)).append("\" alt=\"").append(esc(alt)).append("\" width=\"").append(width)
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
