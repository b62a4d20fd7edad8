package io.github.dlfmaven.text;

/**
 * Makes text from outside (a job name from the job list, an entry name from a package, a server's error
 * message) safe to put into a log line or a message: control characters are shown as escapes, so a name
 * cannot move the cursor, recolour the terminal, end the line and forge the next one, or reorder what
 * follows it (Unicode bidirectional controls).
 */
public final class LogText {

    private LogText() {}

    /**
     * The text with each unsafe character replaced by a visible escape: a backslash and {@code n}, {@code r} or
     * {@code t}, or a backslash, {@code u} and four hex digits (ESC becomes backslash-u-001B). Null stays null.
     */
    public static String escape(String text) {
        if (text == null || text.codePoints().noneMatch(LogText::unsafe)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                escaped.appendCodePoint(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04X", c));
            }
        });
        return escaped.toString();
    }

    /** C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional embeddings and isolates. */
    private static boolean unsafe(int c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028
                || c == 0x2029
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e
                || c == 0x200f;
    }
}
