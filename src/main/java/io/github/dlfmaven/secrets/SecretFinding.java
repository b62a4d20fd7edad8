package io.github.dlfmaven.secrets;

import java.util.List;

/**
 * A value that {@link SecretPolicy} masks: where it sits, the key that makes it a secret and which rule applies. It
 * names the place, never the value.
 *
 * @param path the steps from the document's root to the value that is masked (for a text, to the string it is in)
 * @param key the key the value belongs to: a field, the {@code name} of a {@code {name, value}} pair, the key a text
 *     assigns ({@code db_password} in {@code db_password=x} or {@code --db_password x}), the SQL words before a literal
 *     ({@code IDENTIFIED BY}); null for a value in a list with no key above it and for the password of a URL
 * @param reason the rule that makes it a secret
 */
public record SecretFinding(List<Step> path, String key, Reason reason) {

    public SecretFinding {
        path = List.copyOf(path);
    }

    /** Why a value is a secret. */
    public enum Reason {
        /** Its key, or the name of its {@code {name, value}} pair, says secret; a value of any JSON type. */
        SECRET_KEY,
        /** It has the shape of a Huawei Cloud access key. */
        ACCESS_KEY,
        /** A text assigns it to a secret key: {@code db_password=x}, {@code --password x}, {@code token: x}. */
        ASSIGNMENT,
        /** A text writes it after a secret word, as SQL does: {@code password 'x'}, {@code IDENTIFIED BY x}. */
        AFTER_WORD,
        /** A URL holds it as its user's password: {@code postgresql://etl:x@host}, {@code thin:etl/x@host}. */
        URL_PASSWORD
    }

    /**
     * One step of a path.
     *
     * @param kind into a field, into an element of a list, or into JSON written inside a string
     * @param name the field's name; an element's {@code name} when it has one, its position otherwise; empty for JSON
     *     inside a string
     */
    public record Step(Kind kind, String name) {

        /** What a step goes into. */
        public enum Kind {
            FIELD,
            ELEMENT,
            JSON_TEXT
        }
    }

    /** The path as the drift's JSON paths read: {@code nodes[rest].properties[headers].value(JSON).X-Auth-Token}. */
    public String where() {
        return where(path);
    }

    /** {@code steps} written as {@link #where()} writes a whole path. */
    public static String where(List<Step> steps) {
        StringBuilder where = new StringBuilder();
        for (Step step : steps) {
            switch (step.kind()) {
                case FIELD -> where.append(where.isEmpty() ? "" : ".").append(step.name());
                case ELEMENT -> where.append('[').append(step.name()).append(']');
                case JSON_TEXT -> where.append("(JSON)");
            }
        }
        return where.toString();
    }
}
