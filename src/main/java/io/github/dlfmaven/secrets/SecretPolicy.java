package io.github.dlfmaven.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dlfmaven.archive.JsonNormalizer;
import io.github.dlfmaven.secrets.SecretFinding.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What looks like a secret in a definition, decided in this one place for every goal that shows definitions or checks
 * them: the diffs of {@code dlf:check} and {@code dlf:import}, the pages of {@code dlf:report}, and rule {@code
 * DLF-V11} of {@code dlf:validate}, which warns of exactly what the others mask. A value is a secret when
 *
 * <ol>
 *   <li>its key says so: it contains {@code password}, {@code passwd}, {@code pwd}, {@code secret}, {@code token},
 *       {@code credential}, {@code private_key} or {@code access_key}, or is {@code ak} or {@code sk}; whatever the
 *       value's JSON type: a number, a boolean, a list or an object is masked whole;
 *   <li>it is the {@code value} of a {@code {name, value}} pair (job parameters, node properties) whose {@code name}
 *       is such a key;
 *   <li>it has the shape of a Huawei Cloud access key, under any key or as a word of a text;
 *   <li>a text assigns it to such a key: {@code db_password=x} in {@code scriptArgs}, {@code --password=x};
 *   <li>a text quotes it after a secret word, as SQL does ({@code password 'x'}, {@code IDENTIFIED BY 'x'}), or as
 *       the value of such a key written as JSON ({@code "password": "x"});
 *   <li>it sits, by any of these rules, in JSON written inside a string (a REST node's headers, a connection's
 *       options): that JSON is read, masked, and written back compactly, only when something in it was masked.
 * </ol>
 *
 * A reference such as {@code ${db_password}} or {@code #{Job.getParam("pwd")}} is no secret: a value with nothing
 * written in it but references is left as it is. The patterns are possessive or bounded, so a long SQL text is
 * scanned in linear time and cannot overflow the stack.
 */
public final class SecretPolicy {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    private static final Pattern SECRET_WORD =
            Pattern.compile("(?i)password|passwd|pwd|secret|token|credential|private[_-]?key|access[_-]?key");
    /** A word of 20 upper-case letters and digits: how Huawei Cloud access keys look (both kinds are checked apart). */
    private static final Pattern ACCESS_KEY = Pattern.compile("(?<![A-Za-z0-9])[A-Z0-9]{20}(?![A-Za-z0-9])");
    // Without braces inside, so that a text of many unclosed "${" is still scanned once.
    private static final Pattern REFERENCE = Pattern.compile("[$#]\\{[^{}]*+}");
    /** {@code key=value} inside a text, such as the lines of {@code scriptArgs} or {@code --password=x}. */
    // Anchored at the start of a word and possessive, so a long value is scanned once, not once per character.
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)=([^\\s,;&]++)");
    /** A secret word, then a quoted literal: {@code password 'x'}, {@code IDENTIFIED BY 'x'}, {@code 'pwd'='x'}. */
    private static final Pattern QUOTED = Pattern.compile("(?i)(password|passwd|pwd|secret|token|identified\\s++by)"
            + "([\"']?+\\s*+[=:]?+\\s*+)(?:'([^'\\n]*+)'|\"([^\"\\n]*+)\")");
    /** A field written as JSON inside a text that is no JSON as a whole: {@code "password": "x"}. */
    // Never from an escaped quote: a match starts only where the scan of the one before stopped, so a long run of
    // \" is scanned once, not once per quote.
    private static final Pattern JSON_FIELD = Pattern.compile("(?<!\\\\)\"((?:[^\"\\\\\\n]++|\\\\.)*+)\"(\\s*+:\\s*+)"
            + "(\"(?:[^\"\\\\\\n]++|\\\\.)*+\"|-?+[0-9][0-9.eE+-]*+|true|false)");

    /** JSON in a string in JSON in a string ... is read this many levels deep; deeper, it is masked as text. */
    private static final int MAX_JSON_TEXT_LEVELS = 4;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            // A key given twice would be read once and the other value shown unmasked: such a text is masked as text.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonNormalizer.MAX_DEPTH)
                    .build())
            .build());

    private SecretPolicy() {}

    /** Whether a value under {@code key}, or the value of a {@code {name, value}} pair of that name, is a secret. */
    private static boolean secretKey(String key) {
        return key.equalsIgnoreCase("ak")
                || key.equalsIgnoreCase("sk")
                || SECRET_WORD.matcher(key).find();
    }

    /** The value without its references ({@code ${x}}, {@code #{...}}), trimmed: what is written in it literally. */
    private static String literal(String value) {
        return REFERENCE.matcher(value).replaceAll("").trim();
    }

    /** A copy of {@code tree} with every secret replaced by {@link #MASK}; {@code tree} is left as it is. */
    public static JsonNode mask(JsonNode tree) {
        return value(tree.deepCopy(), Trail.ROOT, null, 0, new ArrayList<>());
    }

    /** The values {@link #mask} replaces in {@code tree}, in document order. */
    public static List<SecretFinding> findings(JsonNode tree) {
        List<SecretFinding> found = new ArrayList<>();
        value(tree.deepCopy(), Trail.ROOT, null, 0, found);
        return found;
    }

    /**
     * A text that is no JSON (a line of a file that does not parse) with what its words show of a secret masked:
     * assignments, quoted literals after a secret word, JSON fields of secret keys and access-key-shaped words.
     */
    public static String maskText(String text) {
        return text(text, Trail.ROOT, null, new ArrayList<>());
    }

    /**
     * Masks {@code node} in place (the callers hand in a copy) and returns it, or what replaces it.
     *
     * @param key the key {@code node} is the value of: a field's name, or a pair's {@code name} for its {@code value};
     *     an element of a list has its list's
     */
    private static JsonNode value(JsonNode node, Trail trail, String key, int level, List<SecretFinding> found) {
        if (node instanceof ObjectNode object) {
            JsonNode name = object.get("name");
            String pair = object.has("value") && name != null && name.isTextual() ? name.asText() : null;
            for (String field : fieldNames(object)) {
                JsonNode child = object.get(field);
                Trail at = trail.field(field);
                String childKey = field.equals("value") && pair != null ? pair : field;
                JsonNode masked = secretKey(childKey)
                        ? (holdsLiteral(child) ? masked(at, childKey, Reason.SECRET_KEY, found) : child)
                        : value(child, at, childKey, level, found);
                if (masked != child) {
                    object.set(field, masked);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonNode masked = value(element, trail.element(elementName(element, i)), key, level, found);
                if (masked != element) {
                    array.set(i, masked);
                }
            }
        } else if (node.isTextual()) {
            return string(node, trail, key, level, found);
        }
        return node;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** How a path names an element: by its {@code name}, as the drift's JSON paths do, unless that is a secret. */
    private static String elementName(JsonNode element, int index) {
        JsonNode name = element.get("name");
        return name != null && name.isTextual() && !name.asText().isEmpty() && !accessKeyShaped(name.asText())
                ? name.asText()
                : String.valueOf(index);
    }

    /** Whether anything is written in {@code node} but references: only then is there a secret to mask. */
    private static boolean holdsLiteral(JsonNode node) {
        if (node.isTextual()) {
            return !literal(node.asText()).isEmpty();
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (holdsLiteral(child)) {
                    return true;
                }
            }
            return false;
        }
        return !node.isNull() && !node.isMissingNode();
    }

    private static JsonNode masked(Trail trail, String key, Reason reason, List<SecretFinding> found) {
        found.add(new SecretFinding(trail.steps(), key, reason));
        return TextNode.valueOf(MASK);
    }

    private static JsonNode string(JsonNode node, Trail trail, String key, int level, List<SecretFinding> found) {
        String value = node.asText();
        if (literal(value).isEmpty()) {
            return node;
        }
        JsonNode inner = level < MAX_JSON_TEXT_LEVELS ? jsonInside(value) : null;
        if (inner != null) {
            int before = found.size();
            JsonNode masked = value(inner, trail.jsonText(), key, level + 1, found);
            if (found.size() == before) {
                return node;
            }
            try {
                return TextNode.valueOf(JSON.writeValueAsString(masked));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree just read cannot be written", e);
            }
        }
        String masked = text(value, trail, key, found);
        return masked.equals(value) ? node : TextNode.valueOf(masked);
    }

    /** The JSON object or list {@code value} holds as a whole, or null when it holds none. */
    private static JsonNode jsonInside(String value) {
        String trimmed = value.strip();
        if (trimmed.length() < 2
                || !(trimmed.startsWith("{") && trimmed.endsWith("}")
                        || trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(String text, Trail trail, String key, List<SecretFinding> found) {
        String masked = replace(JSON_FIELD, text, m -> {
            String value = m.group(3);
            boolean literal = !value.startsWith("\"")
                    || !literal(value.substring(1, value.length() - 1)).isEmpty();
            if (!secretKey(m.group(1)) || !literal || value.equals("\"" + MASK + "\"")) {
                return null;
            }
            found.add(new SecretFinding(trail.steps(), m.group(1), Reason.SECRET_KEY));
            return "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\"";
        });
        masked = replace(ASSIGNMENT, masked, m -> {
            String assigned = m.group(1).replaceFirst("^-+", "");
            if (!secretKey(assigned)
                    || literal(m.group(2)).isEmpty()
                    || m.group(2).equals(MASK)) {
                return null;
            }
            found.add(new SecretFinding(trail.steps(), assigned, Reason.ASSIGNMENT));
            return m.group(1) + "=" + MASK;
        });
        masked = replace(QUOTED, masked, m -> {
            boolean single = m.group(3) != null;
            String quoted = single ? m.group(3) : m.group(4);
            if (literal(quoted).isEmpty() || quoted.equals(MASK)) {
                return null;
            }
            String word = m.group(1).replaceAll("\\s++", " ");
            found.add(new SecretFinding(trail.steps(), word, Reason.QUOTED));
            String quote = single ? "'" : "\"";
            return m.group(1) + m.group(2) + quote + MASK + quote;
        });
        return replace(ACCESS_KEY, masked, m -> {
            if (!accessKeyShaped(m.group())) {
                return null;
            }
            found.add(new SecretFinding(trail.steps(), key, Reason.ACCESS_KEY));
            return MASK;
        });
    }

    /** Whether {@code word} is 20 upper-case letters and digits, with both kinds in it. */
    private static boolean accessKeyShaped(String word) {
        return ACCESS_KEY.matcher(word).matches()
                && word.chars().anyMatch(Character::isLetter)
                && word.chars().anyMatch(Character::isDigit);
    }

    /** {@code text} with each match replaced by what {@code replacement} gives, or kept where it gives null. */
    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String replaced = replacement.apply(m);
            m.appendReplacement(out, Matcher.quoteReplacement(replaced == null ? m.group() : replaced));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
