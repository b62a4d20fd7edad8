package io.github.dlfmaven.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy on its own: what it masks, what it leaves, and that validation's findings are exactly the masked values. */
class SecretPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> findings(String text) throws Exception {
        return SecretPolicy.findings(json(text)).stream()
                .map(f -> f.where() + " " + f.key() + " " + f.reason())
                .toList();
    }

    @Test
    void anyJsonTypeUnderASecretKeyIsMaskedWhole() throws Exception {
        JsonNode masked = SecretPolicy.mask(json("{\"password\":123456,\"token\":true,\"sk\":[\"a\",\"b\"],"
                + "\"credentials\":{\"user\":\"x\",\"pass\":\"y\"},\"ak\":null,\"pwd\":\"\",\"owner\":\"bob\"}"));

        assertEquals(
                json("{\"password\":\"****\",\"token\":\"****\",\"sk\":\"****\",\"credentials\":\"****\",\"ak\":null,"
                        + "\"pwd\":\"\",\"owner\":\"bob\"}"),
                masked);
    }

    @Test
    void theValueOfAPairIsMaskedWhenItsNameIsASecretKey() throws Exception {
        assertEquals(
                List.of("params[db_pwd].value db_pwd SECRET_KEY", "params[db_password].value db_password SECRET_KEY"),
                findings("{\"params\":[{\"name\":\"db_pwd\",\"value\":111111},{\"name\":\"day\",\"value\":\"1\"},"
                        + "{\"name\":\"db_password\",\"value\":\"x\"}]}"));
    }

    @Test
    void referencesAreNoSecret() throws Exception {
        String text =
                "{\"password\":\"${db_password}\",\"params\":[{\"name\":\"pwd\",\"value\":\"#{Job.getParam(\\\"pwd\\\")}\"}],"
                        + "\"sk\":[\"${a}\",\"  \"],\"scriptArgs\":\"db_password=${pwd}\",\"sql\":\"pwd '${pwd}'\"}";

        assertEquals(List.of(), findings(text));
        assertEquals(json(text), SecretPolicy.mask(json(text)));
    }

    @Test
    void jsonInsideAStringIsMaskedAndWrittenBackCompactlyOnlyWhenSomethingWasMasked() throws Exception {
        JsonNode masked = SecretPolicy.mask(
                json(
                        "{\"headers\":\"{ \\\"X-Auth-Token\\\" : \\\"MIIabc\\\", \\\"n\\\": 1 }\","
                                + "\"plain\":\"{ \\\"a\\\" : 1 }\",\"deeper\":{\"conn\":\"[{\\\"opts\\\":\\\"{\\\\\\\"password\\\\\\\":\\\\\\\"p\\\\\\\"}\\\"}]\"}}"));

        assertEquals(
                "{\"X-Auth-Token\":\"****\",\"n\":1}", masked.get("headers").asText());
        assertEquals("{ \"a\" : 1 }", masked.get("plain").asText(), "left as written: nothing in it is a secret");
        assertEquals(
                "[{\"opts\":\"{\\\"password\\\":\\\"****\\\"}\"}]",
                masked.at("/deeper/conn").asText());
    }

    @Test
    void textsAreMaskedWhereTheyAssignQuoteOrHoldASecret() {
        assertEquals(
                "day=${bizdate}\ndb_password=**** --token=**** mode=fast",
                SecretPolicy.maskText("day=${bizdate}\ndb_password=hunter2 --token=abc mode=fast"));
        assertEquals(
                "CREATE USER u IDENTIFIED BY '****'; OPTIONS ('password'='****', user 'etl', pwd = \"****\")",
                SecretPolicy.maskText(
                        "CREATE USER u IDENTIFIED BY 'p1'; OPTIONS ('password'='p2', user 'etl', pwd = \"p3\")"));
        assertEquals(
                "  \"api_secret\": \"****\", \"n\": 1, key ****",
                SecretPolicy.maskText("  \"api_secret\": \"x\", \"n\": 1, key HPUAQWERTY17ABCDE123"));
        assertEquals(
                "ABCDEFGHIJKLMNOPQRST 12345678901234567890 HPUAQWERTY17ABCDE1234",
                SecretPolicy.maskText("ABCDEFGHIJKLMNOPQRST 12345678901234567890 HPUAQWERTY17ABCDE1234"),
                "20 letters, 20 digits, 21 characters: no access key");
    }

    @Test
    void validationFindsExactlyWhatMaskingChanges() throws Exception {
        JsonNode tree =
                json("{\"name\":\"j\",\"params\":[{\"name\":\"db_pwd\",\"value\":1}],\"nodes\":[{\"name\":\"rest\","
                        + "\"properties\":[{\"name\":\"headers\",\"value\":\"{\\\"X-Auth-Token\\\":\\\"t\\\"}\"},"
                        + "{\"name\":\"scriptArgs\",\"value\":\"a=1 pwd=x secret=y\"},{\"name\":\"url\",\"value\":\"HPUAQWERTY17ABCDE123\"}]}],"
                        + "\"basicConfig\":{\"owner\":\"bob\",\"password\":[1]}}");
        String before = tree.toString();

        JsonNode masked = SecretPolicy.mask(tree);

        assertEquals(before, tree.toString(), "the input is never changed");
        assertEquals(
                List.of(
                        "params[db_pwd].value db_pwd SECRET_KEY",
                        "nodes[rest].properties[headers].value(JSON).X-Auth-Token X-Auth-Token SECRET_KEY",
                        "nodes[rest].properties[scriptArgs].value pwd ASSIGNMENT",
                        "nodes[rest].properties[scriptArgs].value secret ASSIGNMENT",
                        "nodes[rest].properties[url].value url ACCESS_KEY",
                        "basicConfig.password password SECRET_KEY"),
                findings(before));
        int changed = 0;
        for (String pointer : List.of(
                "/params/0/value",
                "/nodes/0/properties/0/value",
                "/nodes/0/properties/1/value",
                "/nodes/0/properties/2/value",
                "/basicConfig/password")) {
            changed += masked.at(pointer).equals(tree.at(pointer)) ? 0 : 1;
        }
        assertEquals(5, changed);
        assertEquals(tree.at("/basicConfig/owner"), masked.at("/basicConfig/owner"));
        assertEquals(masked, SecretPolicy.mask(masked), "masking twice masks nothing more");
    }

    @Test
    void longTextsAreScannedWithoutOverflowingTheStack() {
        String sql = "select '" + "a\\'b ".repeat(200_000) + "' password '" + "x".repeat(100_000) + "' ${"
                + "${".repeat(200_000) + "\"k\": \"" + "\\\"".repeat(200_000) + "db_password=" + "y".repeat(100_000);

        String masked = SecretPolicy.maskText(sql);
        String inTree = SecretPolicy.mask(TextNode.valueOf(sql)).asText();

        for (String text : List.of(masked, inTree)) {
            assertFalse(text.contains("xxxxx"), "the quoted password");
            assertFalse(text.contains("yyyyy"), "the assigned one");
            assertTrue(text.startsWith("select 'a\\'b "), text.substring(0, 20));
        }
    }
}
