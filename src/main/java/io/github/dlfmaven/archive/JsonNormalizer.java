package io.github.dlfmaven.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.github.dlfmaven.config.IgnoredFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewrites JSON so that equal content gives equal bytes and git diffs show only real changes: UTF-8,
 * object keys sorted (Java String order), two-space indent, {@code \n} line ends, a final newline.
 * Every number keeps its text exactly as it was sent ({@code 1.50}, {@code 1e3}, {@code -0}), so no value,
 * precision or spelling changes, and no number is ever expanded. Non-ASCII text stays unescaped. A UTF-8 byte
 * order mark is dropped. A document with duplicate keys is refused rather than silently losing one of them.
 *
 * <p>The input is untrusted, so the work is bounded: a document nested deeper than {@value #MAX_DEPTH} levels, with
 * more than {@value #MAX_VALUES} values (each takes far more memory parsed than its two bytes of {@code 1,}), or
 * whose normalized form would exceed {@link #maxOutputBytes(int)} (indentation grows with depth), is refused like
 * one that is not JSON, with the reason in the exception's message.
 */
public final class JsonNormalizer {

    /** Deeper than any job, script or resource definition; DLF's are about six levels deep. */
    public static final int MAX_DEPTH = 100;
    /** Values (objects, arrays, scalars) in one document; a large job definition has a few thousand. */
    public static final int MAX_VALUES = 100_000;

    /** Stands for JSON null in the tree. */
    private static final Object NULL = new Object();

    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            // Without this, characters outside the BMP (emoji, CJK Extension B) come out as \uD83D\uDE00 escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** The layout; each document gets an instance of its own, since a pretty printer tracks the nesting. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** A number as it was written in the document. */
    private record Number(String text) {}

    private final IgnoredFields ignored;

    /** Keeps every field. */
    public JsonNormalizer() {
        this(IgnoredFields.NONE);
    }

    /** @param ignored fields to leave out of every document */
    public JsonNormalizer(IgnoredFields ignored) {
        this.ignored = ignored;
    }

    /**
     * The most bytes the normalized form of a document of {@code inputBytes} may take: pretty-printing a real
     * definition about doubles it; a document built to grow (many values deep down) is refused instead.
     */
    public static long maxOutputBytes(int inputBytes) {
        return 4L * inputBytes + (1 << 20);
    }

    /**
     * @throws OverLimitException when {@code input} is over a bound (nesting, number length, output size)
     * @throws IOException when {@code input} is not one well-formed JSON document
     */
    public byte[] normalize(byte[] input) throws IOException {
        Object tree;
        try (JsonParser parser = json.createParser(input)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty document");
            }
            tree = read(parser, first, new int[1]);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON document");
            }
            for (List<String> path : ignored.paths()) {
                remove(tree, path, 0);
            }
        } catch (StreamConstraintsException e) {
            throw new OverLimitException(
                    e.getMessage().contains("nesting depth")
                            ? "nested deeper than " + MAX_DEPTH + " levels"
                            : e.getOriginalMessage(),
                    e);
        }
        long limit = maxOutputBytes(input.length);
        BoundedOutput out = new BoundedOutput(limit, input.length + 64);
        try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
            generator.setPrettyPrinter(PRETTY.createInstance());
            write(generator, tree);
        } catch (TooLargeException e) {
            throw new OverLimitException("its normalized form would be larger than " + limit + " bytes", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Removes what {@code path} names below {@code node}, from step {@code step} on. */
    @SuppressWarnings("unchecked")
    private static void remove(Object node, List<String> path, int step) {
        String key = path.get(step);
        boolean last = step == path.size() - 1;
        if (key.equals(IgnoredFields.EVERY_ELEMENT)) {
            if (node instanceof List<?> list) {
                if (last) {
                    list.clear();
                } else {
                    list.forEach(element -> remove(element, path, step + 1));
                }
            }
        } else if (node instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            if (key.equals(IgnoredFields.EVERY_KEY)) {
                if (last) {
                    object.clear();
                } else {
                    object.values().forEach(value -> remove(value, path, step + 1));
                }
            } else if (last) {
                object.remove(key);
            } else if (object.containsKey(key)) {
                remove(object.get(key), path, step + 1);
            }
        }
    }

    /** The value starting at {@code token}, objects as key-sorted maps; depth is bounded by the parser. */
    private static Object read(JsonParser parser, JsonToken token, int[] values) throws IOException {
        if (++values[0] > MAX_VALUES) {
            throw new OverLimitException("more than " + MAX_VALUES + " values", null);
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new TreeMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String key = parser.currentName();
                    object.put(key, read(parser, parser.nextToken(), values));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next, values));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                // The parser's own text of the token: never turned into a BigDecimal, which 1e-999999999 would
                // expand to a billion digits.
                return new Number(parser.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> object) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> field : ((Map<String, Object>) object).entrySet()) {
                generator.writeFieldName(field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> array) {
            generator.writeStartArray();
            for (Object element : array) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Number number) {
            generator.writeNumber(number.text());
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            generator.writeNull();
        }
    }

    /** Collects the output and stops it at a limit, before it can take the memory a hostile document asks for. */
    private static final class BoundedOutput extends ByteArrayOutputStream {
        private final long limit;

        BoundedOutput(long limit, int initial) {
            super(initial);
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (size() + (long) more > limit) {
                throw new TooLargeException();
            }
        }
    }

    /** The document may be JSON, but it is over one of the bounds; the message says which. */
    public static final class OverLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimitException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Unchecked, so that it passes through the generator, which only declares IOException. */
    private static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(null, null, false, false);
        }
    }
}
