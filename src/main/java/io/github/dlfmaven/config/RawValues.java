package io.github.dlfmaven.config;

import java.util.List;

/** The raw values of settings as a front end hands them over: blanks are absent, text is trimmed. */
final class RawValues {

    private RawValues() {}

    /** The value trimmed, or null when it is null or blank. */
    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The values that are not blank, trimmed, each once, in their order. */
    static List<String> cleaned(List<String> values) {
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::trim)
                .distinct()
                .toList();
    }
}
