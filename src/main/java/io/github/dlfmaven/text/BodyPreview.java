package io.github.dlfmaven.text;

import java.nio.charset.StandardCharsets;

/** A short, printable excerpt of something unexpected a server sent, so a message can show it. */
public final class BodyPreview {

    private static final int MAX_CHARS = 200;

    private BodyPreview() {}

    /** The start of {@code text} on one line, quoted, with what {@link LogText} finds unsafe escaped. */
    public static String of(String text) {
        String flat = text.replaceAll("(?U)\\s+", " ").strip();
        return "'" + LogText.escape(flat.length() > MAX_CHARS ? flat.substring(0, MAX_CHARS) + "..." : flat) + "'";
    }

    /** What the first bytes of a body look like: an HTML page, JSON, text or binary data. */
    public static String describe(byte[] head) {
        return describe(new String(head, StandardCharsets.UTF_8));
    }

    /** What the start of a body looks like; give it the text already redacted, before it is cut. */
    public static String describe(String head) {
        String text = head.stripLeading();
        long unprintable = text.chars()
                .filter(c -> c == 0xfffd || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
                .count();
        if (text.isEmpty()) {
            return "an empty body";
        }
        if (unprintable > text.length() / 10) {
            return "binary data";
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String kind = lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<body")
                ? "an HTML page (often a proxy's or a login portal's)"
                : lower.startsWith("<") ? "XML" : lower.startsWith("{") || lower.startsWith("[") ? "JSON" : "text";
        return kind + " starting " + of(text);
    }
}
