package io.github.dlfmaven.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forms a secret takes in the texts of a definition (shell commands, SQL, script arguments, headers), beyond a
 * JSON key: each is masked, what is around it is left, a reference is no secret, and a long value that almost has
 * such a form is still read in linear time.
 */
class SecretFormsTest {

    private static void hidden(String secret, String text) {
        String masked = SecretPolicy.maskText(text);
        assertFalse(masked.contains(secret), masked);
    }

    @Test
    void escapedJsonInAShellCommand() {
        hidden("hunter2", "curl -X POST -d \"{\\\"password\\\": \\\"hunter2\\\"}\" https://api.example.com/login");
    }

    @Test
    void spaceSeparatedCommandLineOption() {
        hidden("hunter2", "mysql --user=etl --password hunter2 -h db");
    }

    @Test
    void userInfoInAConnectionUrl() {
        hidden("hunter2", "psql postgresql://etl:hunter2@db.example.com:5432/dw");
    }

    @Test
    void authorizationHeader() {
        hidden("dXNlcjpodW50ZXIy", "Authorization: Basic dXNlcjpodW50ZXIy");
    }

    @Test
    void bearerTokenInJsonField() {
        hidden("eyJhbGciOi", "{\"Authorization\": \"Bearer eyJhbGciOiJIUzI1NiJ9.e30.x\"}");
    }

    @Test
    void quotedValueWithSpacesAfterAssignment() {
        hidden("horse battery", "db_password=\"correct horse battery staple\" ./run.sh");
    }

    @Test
    void sparkConfInSqlQuotes() {
        hidden("hunter2", "CREATE TABLE t WITH ('fs.obs.secret.key' = 'hunter2')");
    }

    @Test
    void apiKeyAssignment() {
        hidden("hunter2", "curl https://x/?api_key=hunter2");
    }

    @Test
    void unquotedIdentifiedBy() {
        hidden("hunter2", "CREATE USER etl IDENTIFIED BY hunter2;");
    }

    @Test
    void eachFormIsMaskedAndWhatIsAroundItIsLeft() {
        List<List<String>> cases = List.of(
                List.of("mysql --user=etl --password hunter2 -h db", "mysql --user=etl --password **** -h db"),
                List.of("mysql --password 'a b' -h db", "mysql --password '****' -h db"),
                List.of("psql postgresql://etl:hunter2@db:5432/dw", "psql postgresql://etl:****@db:5432/dw"),
                List.of(
                        "jdbc:mysql://etl:hunter2@db:3306/dw?useSSL=true",
                        "jdbc:mysql://etl:****@db:3306/dw?useSSL=true"),
                List.of("https://deploy:p@ss@nexus/app.jar", "https://deploy:****@nexus/app.jar"),
                List.of("jdbc:oracle:thin:etl/hunter2@//db:1521/orcl", "jdbc:oracle:thin:etl/****@//db:1521/orcl"),
                List.of("Authorization: Basic dXNlcjpodW50ZXIy", "Authorization: Basic ****"),
                List.of(
                        "X-Auth-Token: MIIabc\nX-API-Key: k1\napi-key: k2",
                        "X-Auth-Token: ****\nX-API-Key: ****\napi-key: ****"),
                List.of("apikey=k1&api-key=k2&day=1", "apikey=****&api-key=****&day=1"),
                List.of("db_password=\"correct horse battery staple\" ./run.sh", "db_password=\"****\" ./run.sh"),
                List.of(
                        "'fs.obs.secret.key' = 'hunter2', 'fs.obs.access.key'='x'",
                        "'fs.obs.secret.key' = '****', 'fs.obs.access.key'='****'"),
                List.of("OPTIONS ('password' = 'it''s', user 'etl')", "OPTIONS ('password' = '****', user 'etl')"),
                List.of("CREATE USER etl IDENTIFIED BY hunter2;", "CREATE USER etl IDENTIFIED BY ****;"),
                List.of(
                        "CREATE USER etl IDENTIFIED WITH mysql_native_password BY 'hunter2'",
                        "CREATE USER etl IDENTIFIED WITH mysql_native_password BY '****'"),
                List.of("spark.hadoop.fs.obs.secret.key = hunter2", "spark.hadoop.fs.obs.secret.key = ****"),
                List.of("OPTIONS(password=hunter2)", "OPTIONS(password=****)"),
                List.of("{\"pwd\": 1234, \"n\": 1}", "{\"pwd\": \"****\", \"n\": 1}"));
        for (List<String> c : cases) {
            assertEquals(c.get(1), SecretPolicy.maskText(c.get(0)), c.get(0));
        }
    }

    @Test
    void jsonEscapedTwiceIsStillRead() {
        // A shell command with JSON in it, as a line of a job file shows it: the JSON is escaped twice.
        String line = "\"value\" : \"curl -d \\\"{\\\\\\\"password\\\\\\\": \\\\\\\"hunter2\\\\\\\"}\\\" https://x\"";

        hidden("hunter2", line);
        hidden("hunter2", "-d \\\\\\\"pwd\\\\\\\" : \\\\\\\"hunter2\\\\\\\"");
    }

    @Test
    void aValueCutShortIsMaskedToWhereItWasCut() {
        assertEquals(
                "-d \\\"password\\\": \\\"****\nnext", SecretPolicy.maskText("-d \\\"password\\\": \\\"hunter2\nnext"));
    }

    @Test
    void referencesAndNearMissesAreLeftAsTheyAre() {
        for (String text : List.of(
                "mysql --password ${pwd} -h db",
                "mysql --password --host db",
                "psql postgresql://etl:${pwd}@db/dw",
                "postgresql://db:5432/dw https://etl@host/x jdbc:oracle:thin:@db:1521:orcl",
                "Authorization: Bearer ${token}",
                "CREATE USER etl IDENTIFIED BY ${pwd}",
                "'fs.obs.secret.key' = '${sk}'",
                "curl https://x/?api_key=#{Job.getParam(\"key\")}",
                "db_password=\"${pwd}\" ./run.sh",
                "IDENTIFIED BY ****; password=****")) {
            assertEquals(text, SecretPolicy.maskText(text));
        }
    }

    @Test
    void validationNamesTheNewFormsByTheirKey() throws Exception {
        String definition = "{\"params\":[{\"name\":\"args\",\"value\":\"--password x\"},"
                + "{\"name\":\"url\",\"value\":\"postgresql://etl:x@db/dw\"},"
                + "{\"name\":\"sql\",\"value\":\"CREATE USER etl IDENTIFIED BY x\"},"
                + "{\"name\":\"headers\",\"value\":\"Authorization: Basic x\"},"
                + "{\"name\":\"conf\",\"value\":\"'fs.obs.secret.key' = 'x'\"}]}";

        assertEquals(
                List.of(
                        "params[args].value password ASSIGNMENT",
                        "params[url].value null URL_PASSWORD",
                        "params[sql].value IDENTIFIED BY AFTER_WORD",
                        "params[headers].value Authorization ASSIGNMENT",
                        "params[conf].value fs.obs.secret.key SECRET_KEY"),
                SecretPolicy.findings(new ObjectMapper().readTree(definition)).stream()
                        .map(f -> f.where() + " " + f.key() + " " + f.reason())
                        .toList());
    }

    private static final int HOSTILE_LENGTH = 2_000_000;

    private static String repeated(String part) {
        return part.repeat(HOSTILE_LENGTH / part.length() + 1).substring(0, HOSTILE_LENGTH);
    }

    /** A text that almost has a form, 2 MB long: what a pattern that backtracks would take quadratic time for. */
    static List<Arguments> nearMisses() {
        return List.of(
                Arguments.of("a quoted key never closed", "'" + repeated("a")),
                Arguments.of("a run of escaped quotes", repeated("\\\"")),
                Arguments.of(
                        "keys escaped deeper each time",
                        repeated("\\\"pwd\\\":\\\\\\\"pwd\\\\\\\":\\\\\\\\\\\\\\\"pwd")),
                Arguments.of("a secret key's escaped value never closed", "\\\"password\\\": \\\"" + repeated("x")),
                Arguments.of("SQL keys without values", repeated("'secret' = '")),
                Arguments.of("doubled quotes never closed", "'password' = '" + repeated("''") + "\n"),
                Arguments.of("keys with a colon and no value", repeated("token: ")),
                Arguments.of("an assigned quote never closed", "password=\"" + repeated("x")),
                Arguments.of("options without values", repeated("--password ")),
                Arguments.of("IDENTIFIED WITH and no BY", "identified with " + repeated("x")),
                Arguments.of("IDENTIFIED BY keywords", repeated("identified by password ")),
                Arguments.of("a URL's user and no host", "://a:" + repeated("b")),
                Arguments.of("Oracle's form repeated", repeated(":thin:")),
                Arguments.of("objects never closed", repeated("{")),
                Arguments.of("values of pairs never named", repeated("{\"value\":")),
                Arguments.of("strings with escapes", repeated("\"{\\\"a\\\":1}\",")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void aLongNearMissIsReadInLinearTime(String form, String text) {
        // Generous: linear reading takes well under a second; backtracking would take hours.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            SecretPolicy.maskText(text);
            SecretPolicy.mask(TextNode.valueOf(text));
        });
    }
}
