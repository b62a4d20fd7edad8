package io.github.dlfmaven.secrets;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule of {@link TextSecrets} does where its pattern matched: replace {@code [start, end)} with {@code
 * replacement}, or, with none, replace nothing; either way the scan goes on from {@code end} or the match's end,
 * whichever is further. A rule that gives no cut leaves the match as it is, and the scan goes on after it.
 */
record Cut(int start, int end, String replacement) {

    /** Nothing replaced, and the scan goes on from {@code end}: past a value read, which holds nothing to mask. */
    static Cut skipTo(int end) {
        return new Cut(end, end, null);
    }

    /**
     * {@code text} with each cut {@code rule} makes where {@code pattern} matches. The scan goes on after the match or
     * the cut, whichever ends later, so what a cut covers is not read again.
     */
    static String each(String text, Pattern pattern, Function<Matcher, Cut> rule) {
        // Transparent, so that a pattern's look-behind still sees what lies before a region moved past a cut.
        Matcher m = pattern.matcher(text).useTransparentBounds(true);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            Cut cut = rule.apply(m);
            if (cut == null) {
                continue;
            }
            if (cut.replacement() != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, cut.start()).append(cut.replacement());
                copied = cut.end();
            }
            if (cut.end() > m.end()) {
                m.region(cut.end(), text.length());
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
