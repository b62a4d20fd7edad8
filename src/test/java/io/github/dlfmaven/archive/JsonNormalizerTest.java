package io.github.dlfmaven.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonNormalizerTest {

    private final JsonNormalizer normalizer = new JsonNormalizer();

    private String normalize(String json) throws IOException {
        return new String(normalizer.normalize(json.getBytes(UTF_8)), UTF_8);
    }

    @Test
    void keysAreSortedRecursivelyIncludingObjectsInsideArrays() throws IOException {
        String json = "{\"b\":1,\"a\":[{\"z\":1,\"y\":{\"d\":true,\"c\":null}},[{\"k2\":2,\"k1\":1}]],\"C\":\"x\"}";

        assertEquals("""
                {
                  "C": "x",
                  "a": [
                    {
                      "y": {
                        "c": null,
                        "d": true
                      },
                      "z": 1
                    },
                    [
                      {
                        "k1": 1,
                        "k2": 2
                      }
                    ]
                  ],
                  "b": 1
                }
                """, normalize(json));
    }

    @Test
    void keysSortInJavaStringOrder() throws IOException {
        // Upper case before lower case, digits before letters, non-ASCII after ASCII; "a" before "a0" before "aa".
        assertEquals("""
                {
                  "1": 0,
                  "B": 0,
                  "a": 0,
                  "a0": 0,
                  "aa": 0,
                  "é": 0,
                  "作业": 0
                }
                """, normalize("{\"作业\":0,\"é\":0,\"aa\":0,\"a0\":0,\"a\":0,\"B\":0,\"1\":0}"));
    }

    @Test
    void arrayOrderIsKept() throws IOException {
        assertEquals("[\n  3,\n  1,\n  2,\n  \"b\",\n  \"a\"\n]\n", normalize("[3,1,2,\"b\",\"a\"]"));
    }

    @Test
    void emptyContainersStayCompact() throws IOException {
        assertEquals("{}\n", normalize("{ }"));
        assertEquals("[]\n", normalize("[\r\n]"));
        assertEquals(
                "{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {},\n    []\n  ]\n}\n",
                normalize("{\"c\":[{},[]],\"b\":[ ],\"a\":{ }}"));
    }

    @Test
    void crlfTabsAndOddSpacingBecomeTwoSpacesAndLf() throws IOException {
        byte[] out = normalizer.normalize("{\r\n\t\"b\" :\t[ 1 ,2 ],\r\n\t\"a\":\"x\"\r\n}\r\n".getBytes(UTF_8));

        assertEquals("{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    2\n  ]\n}\n", new String(out, UTF_8));
        for (byte b : out) {
            assertTrue(b != '\r' && b != '\t', "no CR or tab in the output");
        }
    }

    @Test
    void scalarDocumentsGetAFinalNewline() throws IOException {
        assertEquals("\"s\"\n", normalize("\"s\""));
        assertEquals("null\n", normalize(" null "));
        assertEquals("42\n", normalize("42"));
    }

    @Test
    void stringEscapesAreKeptMeaningful() throws IOException {
        // CR LF inside a string are content, not line ends: they stay escaped. "\/" is just "/".
        assertEquals(
                "{\n  \"sql\": \"select 1;\\r\\nselect \\\"2\\\";\\t\\u0001/\"\n}\n",
                normalize("{\"sql\":\"select 1;\\r\\nselect \\\"2\\\";\\t\\u0001\\/\"}"));
    }

    @Test
    void numbersKeepTheirDigits() throws IOException {
        assertEquals(
                """
                {
                  "big": 12345678901234567890123,
                  "bigNegativeFraction": -12345678901234567890123.000000000000000000001,
                  "fraction": 1.50,
                  "overDouble": 1.7976931348623157E+309,
                  "pastDoublePrecision": 9007199254740993,
                  "trailingZeros": 0.1000,
                  "zeroPointZero": 0.0
                }
                """,
                normalize("{\"fraction\":1.50,\"big\":12345678901234567890123,"
                        + "\"bigNegativeFraction\":-12345678901234567890123.000000000000000000001,\"trailingZeros\":0.1000,"
                        + "\"pastDoublePrecision\":9007199254740993,\"zeroPointZero\":0.0,"
                        + "\"overDouble\":1.7976931348623157E+309}"));
    }

    @Test
    void everyNumberKeepsItsTextExactlyAsSent() throws IOException {
        // Exponents, their case and sign, negative zero: DLF's spelling is kept, so a snapshot changes only with DLF.
        assertEquals(
                "{\n  \"a\": 1e3,\n  \"b\": 1E-2,\n  \"c\": 2.5e+10,\n  \"d\": 1.0e3,\n  \"e\": -0,\n  \"f\": -0.0\n}\n",
                normalize("{\"a\":1e3,\"b\":1E-2,\"c\":2.5e+10,\"d\":1.0e3,\"e\":-0,\"f\":-0.0}"));
    }

    @Test
    void aHugeExponentIsKeptAsTextNotExpanded() throws IOException {
        // As a BigDecimal's plain string this would be a billion digits.
        assertEquals(
                "{\n  \"tiny\": 1e-999999999,\n  \"vast\": 1E+999999999\n}\n",
                normalize("{\"vast\":1E+999999999,\"tiny\":1e-999999999}"));
    }

    @Test
    void documentsNestedTooDeeplyAreRefusedWithTheReason() throws IOException {
        String deepest = "[".repeat(JsonNormalizer.MAX_DEPTH) + "]".repeat(JsonNormalizer.MAX_DEPTH);
        assertEquals(
                deepest.length() / 2,
                normalize(deepest).chars().filter(c -> c == '[').count());

        String deeper = "[".repeat(JsonNormalizer.MAX_DEPTH + 1) + "]".repeat(JsonNormalizer.MAX_DEPTH + 1);
        IOException e = assertThrows(IOException.class, () -> normalizer.normalize(deeper.getBytes(UTF_8)));
        assertEquals("nested deeper than 100 levels", e.getMessage());
    }

    @Test
    void aDocumentBuiltToGrowIsRefusedBeforeItTakesTheMemory() {
        // 90 levels down, each value gets 180 spaces of indentation: a 50 KB document would become 4.5 MB.
        String values = "1,".repeat(25_000) + "1";
        String grower = "[".repeat(90) + values + "]".repeat(90);

        IOException e = assertThrows(IOException.class, () -> normalizer.normalize(grower.getBytes(UTF_8)));

        assertEquals(
                "its normalized form would be larger than " + JsonNormalizer.maxOutputBytes(grower.length()) + " bytes",
                e.getMessage());
    }

    @Test
    void nonAsciiIsWrittenAsUtf8NotEscaped() throws IOException {
        byte[] out = normalizer.normalize("{\"名称\":\"作业\\u00e9 é 😀 𠀀\"}".getBytes(UTF_8));

        assertArrayEquals("{\n  \"名称\": \"作业é é 😀 𠀀\"\n}\n".getBytes(UTF_8), out);
        assertFalse(new String(out, UTF_8).contains("\\u"), "nothing is escaped as \\u");
    }

    @Test
    void utf8ByteOrderMarkIsAcceptedAndDropped() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] json = "{\"b\":1,\"a\":\"é\"}".getBytes(UTF_8);
        byte[] input = Arrays.copyOf(bom, bom.length + json.length);
        System.arraycopy(json, 0, input, bom.length, json.length);

        assertArrayEquals("{\n  \"a\": \"é\",\n  \"b\": 1\n}\n".getBytes(UTF_8), normalizer.normalize(input));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"b\":1,\"a\":[{\"z\":1,\"y\":{}},[]],\"c\":{}}",
                "{\"n\":1.50,\"e\":1e3,\"E\":1E-2,\"big\":12345678901234567890123}",
                "{\"k\":\"作业\\u00e9\\n\\ud83d\\ude00\\u0007\"}",
                "[[],{},[[{}]],null,true,false,\"\"]",
                "\"just a string\""
            })
    void normalizingTwiceChangesNothing(String json) throws IOException {
        byte[] once = normalizer.normalize(json.getBytes(UTF_8));

        assertArrayEquals(once, normalizer.normalize(once));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"a\":2}",
                "{\"x\":{\"b\":1,\"b\":1}}",
                "[{\"id\":1},{\"id\":2,\"name\":\"n\",\"id\":3}]"
            })
    void duplicateKeysAreRefused(String json) {
        IOException e = assertThrows(IOException.class, () -> normalizer.normalize(json.getBytes(UTF_8)));

        assertTrue(e.getMessage().startsWith("Duplicate field '"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} {}", "{\"a\":1} x", "{\"a\":1},", "[1] [2]", "{\"a\":1}}", "1 2"})
    void trailingGarbageIsRefused(String json) {
        assertThrows(IOException.class, () -> normalizer.normalize(json.getBytes(UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\r\n\t"})
    void emptyDocumentIsRefused(String json) {
        IOException e = assertThrows(IOException.class, () -> normalizer.normalize(json.getBytes(UTF_8)));

        assertEquals("empty document", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"a\":1", "{a:1}", "{'a':1}", "[1,]", "{\"a\":01}", "not json", "<html></html>", "{\"a\":NaN}"
            })
    void malformedJsonIsRefused(String json) {
        assertThrows(IOException.class, () -> normalizer.normalize(json.getBytes(UTF_8)));
    }

    @Test
    void smallDecimalsStayPlain() throws Exception {
        assertEquals("{\n  \"ratio\": 0.0000001,\n  \"x\": 1e3\n}\n", normalize("{\"x\":1e3,\"ratio\":0.0000001}"));
    }
}
