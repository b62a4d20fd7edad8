package io.github.dlfmaven.config;

import java.util.regex.Pattern;

/**
 * A job name or a glob pattern over job names: {@code *} stands for any characters, {@code ?} for one.
 * Everything else, dots and brackets included, matches itself. Matching is case-sensitive, like job names.
 */
public final class JobPattern {

    private final String text;
    private final Pattern regex;

    private JobPattern(String text) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        this.regex = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    public static JobPattern of(String text) {
        return new JobPattern(text);
    }

    /** Whether the text holds a wildcard; without one it is a plain job name. */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    public boolean matches(String jobName) {
        return regex.matcher(jobName).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
