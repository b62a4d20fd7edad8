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
import java.util.regex.Pattern;

/**
 * What looks like a secret in a definition, decided in this one place for every goal that shows definitions or checks
 * them: the diffs of {@code dlf:check} and {@code dlf:import}, the pages of {@code dlf:report}, and rule {@code
 * DLF-V11} of {@code dlf:validate}, which warns of exactly what the others mask. A value is a secret when
 *
 * <ol>
 *   <li>its key says so: it contains {@code password}, {@code passwd}, {@code passphrase}, {@code pwd}, {@code
 *       secret}, {@code token}, {@code credential}, {@code authorization}, {@code cookie}, {@code private_key}, {@code
 *       access_key} or {@code api_key} ({@code _}, {@code -}, {@code .} or nothing between the words), or is {@code
 *       ak} or {@code sk}; whatever the value's JSON type: a number, a boolean, a list or an object is masked whole;
 *   <li>it is the {@code value} of a {@code {name, value}} pair (job parameters, node properties) whose {@code name}
 *       is such a key;
 *   <li>it has the shape of a Huawei Cloud access key, under any key or as a word of a text;
 *   <li>a text shows it by one of the forms {@link TextSecrets} reads: assigned to such a key, quoted after a secret
 *       word as SQL does, the value of such a key written as JSON (escaped too, as in a shell command), the password
 *       of a URL;
 *   <li>it sits, by any of these rules, in JSON written inside a string (a REST node's headers, a connection's
 *       options): that JSON is read, masked, and written back compactly, only when something in it was masked.
 * </ol>
 *
 * A reference such as {@code ${db_password}} or {@code #{Job.getParam("pwd")}} is no secret: a value with nothing
 * written in it but references is left as it is.
 */
public final class SecretPolicy {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** The words that make a key secret wherever they stand in it; {@link TextSecrets} looks for them in texts. */
    static final String SECRET_WORDS = "password|passwd|passphrase|pwd|secret|token|credential|authorization|cookie"
            + "|private[_.-]?key|access[_.-]?key|api[_.-]?key";

    private static final Pattern SECRET_WORD = Pattern.compile("(?i)" + SECRET_WORDS);
    // Without braces inside, so that a text of many unclosed "${" is still scanned once.
    private static final Pattern REFERENCE = Pattern.compile("[$#]\\{[^{}]*+}");

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
    static boolean secretKey(String key) {
        return key.equalsIgnoreCase("ak")
                || key.equalsIgnoreCase("sk")
                || SECRET_WORD.matcher(key).find();
    }

    /** The value without its references ({@code ${x}}, {@code #{...}}), trimmed: what is written in it literally. */
    static String literal(String value) {
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
     * A text that is no JSON as a whole (a file that does not parse: a merge conflict left in it, a key given twice)
     * with what it shows of a secret masked, by the rules of {@link TextSecrets}: values of secret keys and of pairs
     * with a secret name across lines, assignments, quoted literals after a secret word, passwords in URLs and
     * access-key-shaped words. Every line stays where it is, but for a secret list or object written over several
     * lines, which becomes one {@code "****"}.
     */
    public static String maskText(String text) {
        return TextSecrets.mask(text, Trail.ROOT, null, 0, new ArrayList<>());
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
        return name != null
                        && name.isTextual()
                        && !name.asText().isEmpty()
                        && !TextSecrets.accessKeyShaped(name.asText())
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
        String masked = string(value, trail, key, level, found);
        return masked.equals(value) ? node : TextNode.valueOf(masked);
    }

    /**
     * A string value with its secrets masked: JSON it holds as a whole is masked on its tree and written back compactly
     * when something in it was masked; any other text by the rules of {@link TextSecrets}.
     *
     * @param level how deep in JSON written inside strings the value is
     */
    static String string(String value, Trail trail, String key, int level, List<SecretFinding> found) {
        if (literal(value).isEmpty()) {
            return value;
        }
        JsonNode inner = level < MAX_JSON_TEXT_LEVELS ? jsonInside(value) : null;
        if (inner != null) {
            int before = found.size();
            JsonNode masked = value(inner, trail.jsonText(), key, level + 1, found);
            if (found.size() == before) {
                return value;
            }
            try {
                return JSON.writeValueAsString(masked);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree just read cannot be written", e);
            }
        }
        return TextSecrets.mask(value, trail, key, level, found);
    }

    /** Whether a string {@code level} levels deep in JSON inside strings may be read for JSON it holds. */
    static boolean readsJsonAt(int level) {
        return level < MAX_JSON_TEXT_LEVELS;
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
}
