package io.github.dlfmaven.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.secrets.SecretPolicy;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A definition's text with its secrets masked, for a diff, a log or a pull-request comment. A JSON document is masked
 * on its tree by {@link SecretPolicy}, and each value it masks is replaced where it stands in the text, so the lines
 * stay the file's own (its layout, its spelling of numbers), with only secret values turned into {@code "****"}: the
 * diff still shows every other change, a change of layout too. A text that is no JSON is masked as text, where the
 * rules that need a document's structure still hold across lines as far as the text reads as JSON. The JSON paths of a
 * change are computed on the real values, so a changed secret still shows where it changed.
 */
final class SecretMask {

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            // Of a key given twice, the tree keeps one value, and the text would show the other unmasked.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // Text after the document would be copied as it is, unmasked: such a file is masked as text.
    private static final ObjectMapper JSON =
            new ObjectMapper(JSON_FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SecretMask() {}

    /** The lines of {@code text} masked as JSON, or empty when it is no JSON document. */
    static Optional<List<String>> json(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (tree == null || tree.isMissingNode()) {
            return Optional.empty();
        }
        Map<String, String> replacements = new HashMap<>();
        replaced("", tree, SecretPolicy.mask(tree), replacements);
        if (replacements.isEmpty()) {
            return Optional.of(text.lines().toList());
        }
        Set<String> above = new HashSet<>();
        for (String pointer : replacements.keySet()) {
            for (int slash = pointer.lastIndexOf('/'); slash > 0; slash = pointer.lastIndexOf('/', slash - 1)) {
                above.add(pointer.substring(0, slash));
            }
        }
        StringBuilder masked = new StringBuilder(text.length());
        try (JsonParser parser = JSON_FACTORY.createParser(text)) {
            int[] copied = {0};
            splice(parser, parser.nextToken(), "", text, replacements, above, masked, copied);
            masked.append(text, copied[0], text.length());
        } catch (IOException e) {
            // It was read as JSON just above; if it cannot be read again, nothing of it is shown as JSON.
            return Optional.empty();
        }
        return Optional.of(masked.toString().lines().toList());
    }

    /** The lines of a text that is no JSON, masked as text. */
    static List<String> text(String text) {
        return SecretPolicy.maskText(text).lines().toList();
    }

    /** Collects, by JSON pointer, the JSON text of each value {@code masked} has in place of {@code real}'s. */
    private static void replaced(String pointer, JsonNode real, JsonNode masked, Map<String, String> out) {
        if (real.isObject() && masked.isObject()) {
            real.fieldNames()
                    .forEachRemaining(name -> replaced(child(pointer, name), real.get(name), masked.get(name), out));
        } else if (real.isArray() && masked.isArray()) {
            for (int i = 0; i < real.size(); i++) {
                replaced(child(pointer, String.valueOf(i)), real.get(i), masked.get(i), out);
            }
        } else if (!real.equals(masked)) {
            try {
                out.put(pointer, JSON.writeValueAsString(masked));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a masked value cannot be written", e);
            }
        }
    }

    private static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Copies the text up to each value to replace, then the replacement, skipping the value itself; {@code copied}
     * says how far the text is copied. Only lists and objects that hold a replacement are walked into.
     */
    private static void splice(
            JsonParser parser,
            JsonToken token,
            String pointer,
            String text,
            Map<String, String> replacements,
            Set<String> above,
            StringBuilder out,
            int[] copied)
            throws IOException {
        String replacement = replacements.get(pointer);
        if (replacement != null) {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            int end;
            if (token.isStructStart()) {
                parser.skipChildren();
                end = (int) parser.currentTokenLocation().getCharOffset() + 1;
            } else {
                end = scalarEnd(text, start);
            }
            out.append(text, copied[0], start).append(replacement);
            copied[0] = end;
        } else if (!above.contains(pointer) && !pointer.isEmpty()) {
            parser.skipChildren();
        } else if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String name = parser.currentName();
                splice(parser, parser.nextToken(), child(pointer, name), text, replacements, above, out, copied);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                splice(parser, next, child(pointer, String.valueOf(i++)), text, replacements, above, out, copied);
            }
        }
    }

    /** Where the string, number or literal starting at {@code start} ends. */
    private static int scalarEnd(String text, int start) {
        int i = start;
        if (text.charAt(i) == '"') {
            for (i++; text.charAt(i) != '"'; i++) {
                if (text.charAt(i) == '\\') {
                    i++;
                }
            }
            return i + 1;
        }
        while (i < text.length() && ",]} \t\r\n".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
