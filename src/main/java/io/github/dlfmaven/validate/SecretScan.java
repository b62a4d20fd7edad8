package io.github.dlfmaven.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.secrets.SecretFinding;
import io.github.dlfmaven.secrets.SecretFinding.Step;
import io.github.dlfmaven.secrets.SecretPolicy;
import io.github.dlfmaven.text.LogText;
import java.util.List;

/**
 * Warns of each value of a definition that looks like a secret: exactly those that {@link SecretPolicy} masks in
 * diffs and reports, so that what a reviewer sees masked is what validation asked to move out of git. The warning
 * names the file and where the value sits, as a person reads a definition (a job parameter, a node's property, a
 * script's configuration key, another key by its JSON path), and the key that makes it a secret; never the value.
 */
final class SecretScan {

    private static final String ADVICE =
            "use a parameter or DataArts' connection management instead, and rotate it if it is real";

    private final SnapshotValidator.Findings findings;

    SecretScan(SnapshotValidator.Findings findings) {
        this.findings = findings;
    }

    void definition(String path, JsonNode definition) {
        if (!findings.checks(Rule.NO_SECRETS)) {
            return;
        }
        for (SecretFinding finding : SecretPolicy.findings(definition)) {
            findings.add(path, Rule.NO_SECRETS, message(finding));
        }
    }

    /**
     * Where the value is, then what holds it: {@code parameter 'db_password' holds a value ...}, or {@code node 'run'
     * property 'scriptArgs' sets 'db_password' to a value ...} when the key is not the place's own (a text that
     * assigns it, JSON inside a string).
     */
    private static String message(SecretFinding finding) {
        List<Step> path = finding.path();
        Place place = Place.of(path);
        String key = finding.key();
        boolean own = place.length() == path.size() && (key == null || key.equals(place.key()));
        String shaped = finding.reason() == SecretFinding.Reason.ACCESS_KEY ? " shaped like an access key" : "";
        String what = switch (finding.reason()) {
            case SECRET_KEY, ACCESS_KEY ->
                own || key == null
                        ? "holds a value" + shaped
                        : "sets '" + LogText.escape(key) + "' to a value" + shaped;
            case ASSIGNMENT -> "sets '" + LogText.escape(key) + "' to a value";
            case AFTER_WORD -> "writes a value after '" + LogText.escape(key) + "'";
            case URL_PASSWORD -> "holds a URL with a password";
        };
        return place.name() + " " + what + " that may be a secret: " + ADVICE;
    }

    /**
     * Where a value sits, named as a person reads a definition.
     *
     * @param name {@code parameter 'x'}, {@code node 'n' property 'x'}, {@code configuration key 'x'}, {@code key
     *     'basicConfig.owner'}
     * @param key the key of that place's own value
     * @param length how many steps of the path the place takes
     */
    private record Place(String name, String key, int length) {

        static Place of(List<Step> path) {
            if (is(path, 0, Step.Kind.FIELD, "params")
                    && is(path, 1, Step.Kind.ELEMENT, null)
                    && is(path, 2, Step.Kind.FIELD, "value")) {
                String parameter = path.get(1).name();
                return new Place("parameter " + quoted(parameter), parameter, 3);
            }
            if (is(path, 0, Step.Kind.FIELD, "nodes")
                    && is(path, 1, Step.Kind.ELEMENT, null)
                    && is(path, 2, Step.Kind.FIELD, "properties")
                    && is(path, 3, Step.Kind.ELEMENT, null)
                    && is(path, 4, Step.Kind.FIELD, "value")) {
                String property = path.get(3).name();
                return new Place("node " + quoted(path.get(1).name()) + " property " + quoted(property), property, 5);
            }
            if (is(path, 0, Step.Kind.FIELD, "configuration") && is(path, 1, Step.Kind.FIELD, null)) {
                String key = path.get(1).name();
                return new Place("configuration key " + quoted(key), key, 2);
            }
            int length = 0;
            String key = null;
            while (length < path.size() && path.get(length).kind() != Step.Kind.JSON_TEXT) {
                if (path.get(length).kind() == Step.Kind.FIELD) {
                    key = path.get(length).name();
                }
                length++;
            }
            return new Place("key " + quoted(SecretFinding.where(path.subList(0, length))), key, length);
        }

        private static boolean is(List<Step> path, int index, Step.Kind kind, String name) {
            return index < path.size()
                    && path.get(index).kind() == kind
                    && (name == null || path.get(index).name().equals(name));
        }

        private static String quoted(String name) {
            return "'" + LogText.escape(name) + "'";
        }
    }
}
