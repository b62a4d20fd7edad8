package io.github.dlfmaven.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text from definitions (names, SQL, diffs) put into Markdown so that it shows as it is and breaks nothing around it. */
public final class Markdown {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {}

    /** An inline code span holding {@code text}, whatever backticks and line breaks it holds. */
    public static String code(String text) {
        String flat = text.replaceAll("[\\r\\n\\t|]", " ");
        String fence = "`".repeat(longestRun(flat) + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** A fenced block of {@code text} in {@code language}, with a fence longer than any backtick run inside. */
    public static String block(String language, String text) {
        String fence = "`".repeat(Math.max(3, longestRun(text) + 1));
        return fence + language + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    private static int longestRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
