package io.github.dlfmaven.archive;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewrites JSON so that equal content gives equal bytes and git diffs show only real changes: UTF-8,
 * object keys sorted (Java String order), two-space indent, {@code \n} line ends, a final newline.
 * Numbers keep their value and precision ({@code 1.50} stays {@code 1.50}, big integers stay exact); only
 * exponent notation is rewritten canonically ({@code 1e3} becomes {@code 1E+3}) and {@code -0} becomes {@code 0}.
 * Non-ASCII text stays unescaped. A UTF-8 byte order mark is dropped.
 * A document with duplicate keys is refused rather than silently losing one of them.
 */
public final class JsonNormalizer {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Without this, characters outside the BMP (emoji, CJK Extension B) come out as \uD83D\uDE00 escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final ObjectWriter writer = mapper.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /**
     * @throws IOException when {@code json} is not one well-formed JSON document
     */
    public byte[] normalize(byte[] json) throws IOException {
        JsonNode tree = mapper.readTree(json);
        if (tree == null || tree.isMissingNode()) {
            throw new IOException("empty document");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 64);
        writer.writeValue(out, sorted(tree));
        out.write('\n');
        return out.toByteArray();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // ObjectNode ignores ORDER_MAP_ENTRIES_BY_KEYS (jackson-databind #2507), so sort by hand.
            Map<String, JsonNode> byKey = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                byKey.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode result = object.objectNode();
            byKey.forEach(result::set);
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = array.arrayNode(array.size());
            array.forEach(element -> result.add(sorted(element)));
            return result;
        }
        if (node.isBigDecimal() && node.decimalValue().scale() >= 0) {
            // BigDecimal.toString() would turn 0.0000001 into 1E-7; a plain decimal stays plain.
            return JsonNodeFactory.instance.rawValueNode(new RawValue(node.decimalValue().toPlainString()));
        }
        return node;
    }
}
