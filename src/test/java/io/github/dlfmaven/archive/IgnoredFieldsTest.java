package io.github.dlfmaven.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlfmaven.config.IgnoredFields;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields left out during normalization, by path. */
class IgnoredFieldsTest {

    private static String normalize(String json, String... paths) throws IOException {
        return new String(
                new JsonNormalizer(IgnoredFields.parse(List.of(paths))).normalize(json.getBytes(UTF_8)), UTF_8);
    }

    @Test
    void topLevelAndNestedFieldsGo() throws IOException {
        assertEquals(
                "{\n  \"basicConfig\": {\n    \"priority\": 0\n  },\n  \"name\": \"a\"\n}\n",
                normalize(
                        "{\"name\":\"a\",\"lastUpdateUser\":\"bob\",\"basicConfig\":{\"owner\":\"bob\",\"priority\":0}}",
                        "lastUpdateUser",
                        "basicConfig.owner"));
    }

    @Test
    void everyElementOfAList() throws IOException {
        assertEquals(
                "{\n  \"nodes\": [\n    {\n      \"name\": \"x\"\n    },\n    {\n      \"name\": \"y\"\n    }\n  ]\n}\n",
                normalize(
                        "{\"nodes\":[{\"name\":\"x\",\"location\":{\"x\":1}},{\"name\":\"y\",\"location\":{\"x\":2}}]}",
                        "nodes[*].location"));
    }

    @Test
    void everyKeyOfAnObject() throws IOException {
        assertEquals(
                "{\n  \"a\": {\n    \"k\": {},\n    \"l\": {}\n  }\n}\n",
                normalize("{\"a\":{\"k\":{\"t\":1,\"u\":2},\"l\":{\"t\":3}}}", "a.*.t", "a.*.u"));
    }

    @Test
    void aPathThatNamesNothingChangesNothing() throws IOException {
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}\n", normalize("{\"a\":[1]}", "a.b", "x[*].y", "a[*].z"));
    }

    @Test
    void malformedPathsAreRefusedWithTheReason() {
        for (String bad : List.of("", "a..b", "a[0]", "a[*", ".a", "*")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> IgnoredFields.parse(List.of(bad)), bad);
            assertEquals(true, e.getMessage().startsWith("'" + bad + "'"), e.getMessage());
        }
    }
}
