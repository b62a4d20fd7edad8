package io.github.dlfmaven.secrets;

/**
 * A quoted value as {@link TextSecrets} reads it after a secret key, counting the backslashes of its escaping, which a
 * pattern could only do by reading runs over again: {@code "x"}, {@code \"x\"} (one backslash
 * before each quote), {@code \\\"x\\\"} (three) and so on, or SQL's {@code 'x'} with {@code ''} inside. At depth
 * {@code d}, JSON's escaping doubles every backslash and adds one before a quote, so a run of {@code r} backslashes
 * before a quote closes the string when {@code r - d} is a multiple of {@code 2d + 2}, is an escaped quote
 * otherwise, and, shorter than {@code d}, ends the string around this one. A value cut short, by its line's end
 * too, is masked to where it was cut.
 *
 * @param quote what opens it: the backslashes and the quote
 * @param contentStart where its content starts
 * @param contentEnd where its content ends
 * @param end where it ends, after its closing quote if it has one
 * @param closed whether it has its closing quote
 */
record QuotedValue(String quote, int contentStart, int contentEnd, int end, boolean closed) {

    /** The quoted value opening at {@code at}, or null when none opens there. */
    static QuotedValue at(String text, int at) {
        int n = text.length();
        int depth = 0;
        while (at + depth < n && text.charAt(at + depth) == '\\') {
            depth++;
        }
        if (at + depth >= n) {
            return null;
        }
        char quote = text.charAt(at + depth);
        if (quote == '\'' && depth == 0) {
            return single(text, at);
        }
        if (quote != '"') {
            return null;
        }
        int start = at + depth + 1;
        int i = start;
        while (i < n && text.charAt(i) != '\n') {
            char c = text.charAt(i);
            if (c == '"') {
                // Bare inside an escaped string, it closes the string around it.
                return depth == 0
                        ? new QuotedValue(text.substring(at, start), start, i, i + 1, true)
                        : new QuotedValue(text.substring(at, start), start, i, i, false);
            }
            if (c != '\\') {
                i++;
                continue;
            }
            int run = 0;
            while (i + run < n && text.charAt(i + run) == '\\') {
                run++;
            }
            if (i + run < n && text.charAt(i + run) == '"') {
                if (run < depth) {
                    return new QuotedValue(text.substring(at, start), start, i, i, false);
                }
                if ((run - depth) % (2 * depth + 2) == 0) {
                    return new QuotedValue(text.substring(at, start), start, i, i + run + 1, true);
                }
                run++;
            }
            i += run;
        }
        return new QuotedValue(text.substring(at, start), start, i, i, false);
    }

    private static QuotedValue single(String text, int at) {
        int n = text.length();
        int i = at + 1;
        while (i < n && text.charAt(i) != '\n') {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                i += 2;
            } else if (c == '\'' && i + 1 < n && text.charAt(i + 1) == '\'') {
                i += 2;
            } else if (c == '\'') {
                return new QuotedValue("'", at + 1, i, i + 1, true);
            } else {
                i++;
            }
        }
        return new QuotedValue("'", at + 1, i, i, false);
    }

    String content(String text) {
        return text.substring(contentStart, contentEnd);
    }

    /** What replaces it: the mask in its quotes, without the closing one it did not have. */
    String masked() {
        return quote + SecretPolicy.MASK + (closed ? quote : "");
    }
}
