package io.github.dlfmaven.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.archive.JsonNormalizer;
import io.github.dlfmaven.check.DriftCheck;
import io.github.dlfmaven.config.ObsLocation;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.promote.ImportPlan;
import io.github.dlfmaven.promote.ImportTarget;
import io.github.dlfmaven.report.SnapshotReport;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.validate.Problem;
import io.github.dlfmaven.validate.Rule;
import io.github.dlfmaven.validate.SnapshotValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form a secret takes in a definition, each through the four outputs that show definitions: the warning of
 * {@code dlf:validate}, the drift of {@code dlf:check} ({@code drift.md}, {@code drift.json}, the log), the pages of
 * {@code dlf:report} and the plan of {@code dlf:import} ({@code plan.md}, {@code plan.json}, the log). The committed
 * snapshot and the cloud's differ only in the secret, so that the diffs show the line that holds it.
 */
class SecretsInEveryOutputTest {

    @TempDir
    Path tmp;

    /**
     * @param form what the row shows
     * @param path the file that holds the secret
     * @param template that file's JSON, with {@code %s} where the secret goes
     * @param before the secret in the committed snapshot
     * @param after the secret in the cloud's
     * @param leaks text that must appear in no output: the secrets as written there
     * @param named what the warning must name (the key, never the value)
     */
    record Row(
            String form, String path, String template, String before, String after, List<String> leaks, String named) {

        @Override
        public String toString() {
            return form;
        }
    }

    private static Row row(String form, String path, String template, String before, String after, String named) {
        return new Row(form, path, template, before, after, List.of(before, after), named);
    }

    private static final String JOB = "jobs/j.job";
    private static final String SCRIPT = "scripts/s.script";

    /** The job of every row: node {@code run} runs script {@code s}; {@code %s} marks where a row adds fields. */
    private static String job(String fields, String properties) {
        return "{\"name\":\"j\",\"processType\":\"BATCH\",\"schedule\":{\"type\":\"EXECUTE_ONCE\"}," + fields
                + "\"nodes\":[{\"name\":\"run\",\"type\":\"HiveSQL\",\"preNodeName\":[],\"properties\":["
                + "{\"name\":\"scriptName\",\"value\":\"s\"}" + properties + "]}]}";
    }

    private static String field(String field) {
        return job(field + ",", "");
    }

    private static String property(String name, String value) {
        return job("", ",{\"name\":\"" + name + "\",\"value\":" + value + "}");
    }

    private static String script(String content) {
        return "{\"name\":\"s\",\"type\":\"HiveSQL\",\"content\":\"" + content + "\"}";
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                        row(
                                "a string under a secret key",
                                JOB,
                                field("\"password\":\"%s\""),
                                "S3cr3tValue-17a",
                                "S3cr3tValue-17b",
                                "'password'"),
                        row(
                                "a number under a secret key",
                                JOB,
                                field("\"password\":%s"),
                                "917317001",
                                "917317002",
                                "'password'"),
                        new Row(
                                "a boolean under a secret key",
                                JOB,
                                field("\"basicConfig\":{\"secret\":%s}"),
                                "false",
                                "true",
                                List.of("\"secret\": true", "\"secret\": false", "\"secret\":true", "\"secret\":false"),
                                "'basicConfig.secret'"),
                        row(
                                "an array under a secret key",
                                JOB,
                                field("\"password\":[\"%s\",\"second\"]"),
                                "S3cr3tValue-17c",
                                "S3cr3tValue-17d",
                                "'password'"),
                        row(
                                "an object under a secret key",
                                JOB,
                                field("\"credentials\":{\"user\":\"etl\",\"pass\":\"%s\"}"),
                                "S3cr3tValue-17e",
                                "S3cr3tValue-17f",
                                "'credentials'"),
                        row(
                                "a {name, value} pair with a string",
                                JOB,
                                field("\"params\":[{\"name\":\"db_pwd\",\"value\":\"%s\"}]"),
                                "S3cr3tValue-17g",
                                "S3cr3tValue-17h",
                                "parameter 'db_pwd'"),
                        row(
                                "a {name, value} pair with a number",
                                JOB,
                                field("\"params\":[{\"name\":\"db_pwd\",\"value\":%s}]"),
                                "517017001",
                                "517017002",
                                "parameter 'db_pwd'"),
                        row(
                                "a value shaped like an access key under any key",
                                JOB,
                                // The report shows a job's owner.
                                field("\"basicConfig\":{\"owner\":\"%s\"}"),
                                "HPUAQWERTY17ABCDE123",
                                "HPUAQWERTY17ABCDE456",
                                "'basicConfig.owner'"),
                        row(
                                "db_password=x in scriptArgs",
                                JOB,
                                property("scriptArgs", "\"day=${bizdate}\\ndb_password=%s\""),
                                "S3cr3tValue-17i",
                                "S3cr3tValue-17j",
                                "'db_password'"),
                        row(
                                "SQL password 'x'",
                                SCRIPT,
                                script("CREATE TABLE t (id INT) USING jdbc OPTIONS (url 'jdbc:mysql://db/x',"
                                        + " user 'etl', password '%s')"),
                                "S3cr3tValue-17k",
                                "S3cr3tValue-17l",
                                "'password'"),
                        row(
                                "SQL IDENTIFIED BY 'x'",
                                SCRIPT,
                                script("CREATE USER etl IDENTIFIED BY '%s'"),
                                "S3cr3tValue-17m",
                                "S3cr3tValue-17n",
                                "'IDENTIFIED BY'"),
                        row(
                                "JSON in a string, with a password",
                                JOB,
                                property("connection", "\"{\\\"url\\\":\\\"jdbc:x\\\",\\\"password\\\":\\\"%s\\\"}\""),
                                "S3cr3tValue-17o",
                                "S3cr3tValue-17p",
                                "'password'"),
                        row(
                                "a REST node's header JSON with X-Auth-Token",
                                JOB,
                                property("headers", "\"{\\\"X-Auth-Token\\\":\\\"%s\\\"}\""),
                                "MIIS3cr3tToken-17q",
                                "MIIS3cr3tToken-17r",
                                "'X-Auth-Token'"),
                        row(
                                "JSON in a string, nested in an object under a normal key",
                                JOB,
                                field("\"basicConfig\":{\"extras\":{\"conn\":\"{\\\"password\\\":\\\"%s\\\"}\"}}"),
                                "S3cr3tValue-17s",
                                "S3cr3tValue-17t",
                                "'password'"),
                        row(
                                "a password in a connection URL",
                                JOB,
                                property("url", "\"postgresql://etl:%s@db:5432/dw\""),
                                "S3cr3tValue-17u",
                                "S3cr3tValue-17v",
                                "holds a URL with a password"),
                        row(
                                "--password x in scriptArgs",
                                JOB,
                                property("scriptArgs", "\"--user etl --password %s -h db\""),
                                "S3cr3tValue-17w",
                                "S3cr3tValue-17x",
                                "'password'"),
                        row(
                                "an Authorization header in a text",
                                JOB,
                                property("headers", "\"Authorization: Basic %s\""),
                                "dXNlcjpTM2NyM3Qx",
                                "dXNlcjpTM2NyM3Qy",
                                "'Authorization'"),
                        row(
                                "a bearer token in a REST node's header JSON",
                                JOB,
                                property("headers", "\"{\\\"Authorization\\\":\\\"Bearer %s\\\"}\""),
                                "eyJS3cr3tToken-17y",
                                "eyJS3cr3tToken-17z",
                                "'Authorization'"),
                        row(
                                "escaped JSON in a shell command",
                                JOB,
                                property(
                                        "command",
                                        "\"curl -d \\\"{\\\\\\\"password\\\\\\\": \\\\\\\"%s\\\\\\\"}\\\" https://x\""),
                                "S3cr3tValue-18a",
                                "S3cr3tValue-18b",
                                "'password'"),
                        new Row(
                                "a quoted value with spaces, masked whole",
                                JOB,
                                property("scriptArgs", "\"db_password=\\\"%s\\\" ./run.sh\""),
                                "S3cr3t Value 18c",
                                "S3cr3t Value 18d",
                                List.of("S3cr3t", "Value 18c", "Value 18d"),
                                "'db_password'"),
                        row(
                                "an API key in a URL",
                                JOB,
                                property("url", "\"https://api.example.com/v1?api_key=%s&day=1\""),
                                "S3cr3tValue-18e",
                                "S3cr3tValue-18f",
                                "'api_key'"),
                        row(
                                "SQL IDENTIFIED BY x, unquoted",
                                SCRIPT,
                                script("CREATE USER etl IDENTIFIED BY %s;"),
                                "S3cr3tValue-18g",
                                "S3cr3tValue-18h",
                                "'IDENTIFIED BY'"),
                        row(
                                "a Spark option in SQL quotes",
                                SCRIPT,
                                script("CREATE TABLE t USING x OPTIONS ('fs.obs.secret.key' = '%s')"),
                                "S3cr3tValue-18i",
                                "S3cr3tValue-18j",
                                "'fs.obs.secret.key'"))
                .map(Arguments::of);
    }

    /** A snapshot as an export writes it, with {@code secret} in the row's file. */
    private Path snapshot(String name, Row row, String secret) throws IOException {
        Path root = tmp.resolve(name);
        write(root, JOB, row.path().equals(JOB) ? row.template().formatted(secret) : job("", ""));
        write(root, SCRIPT, row.path().equals(SCRIPT) ? row.template().formatted(secret) : script("select 1"));
        return root;
    }

    private static void write(Path root, String path, String json) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new JsonNormalizer().normalize(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void validateWarnsNamingTheKeyButNotTheValue(Row row) throws IOException {
        Path cloud = snapshot("cloud", row, row.after());

        List<String> warnings = new SnapshotValidator(Set.of())
                .validate(cloud).problems().stream()
                        .filter(p -> p.rule() == Rule.NO_SECRETS && p.path().equals(row.path()))
                        .map(Problem::toString)
                        .toList();

        assertFalse(warnings.isEmpty(), "no DLF-V11 warning for " + row.path());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(row.named())), warnings.toString());
        assertLeaksNothing(row, String.join("\n", warnings), "the validation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void checkMasksItInDriftMdDriftJsonAndTheLog(Row row) throws IOException {
        Path committed = snapshot("committed", row, row.before());
        Path cloud = snapshot("cloud", row, row.after());
        Path reports = tmp.resolve("reports");
        RecordingLog log = new RecordingLog();

        new DriftCheck(log).run(committed, cloud, reports, "src/main/dlf");

        String md = Files.readString(reports.resolve("drift.md"));
        assertTrue(md.contains(row.path()), md);
        assertLeaksNothing(row, md, "drift.md");
        assertLeaksNothing(row, Files.readString(reports.resolve("drift.json")), "drift.json");
        assertLeaksNothing(row, String.join("\n", log.lines()), "the log");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theReportShowsItNowhere(Row row) throws IOException {
        Path cloud = snapshot("cloud", row, row.after());
        Path out = tmp.resolve("report");

        new SnapshotReport(Log.NONE).write(cloud, out, null);

        for (Path page : files(out)) {
            assertLeaksNothing(row, Files.readString(page), out.relativize(page).toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theImportPlanMasksItInPlanMdPlanJsonAndTheLog(Row row) throws IOException {
        Path current = snapshot("current", row, row.before());
        Path packaged = snapshot("packaged", row, row.after());
        Path folder = tmp.resolve("plan");
        RecordingLog log = new RecordingLog();

        ImportPlan plan = ImportPlan.of(current, packaged, true);
        plan.write(
                folder,
                new ImportTarget(
                        URI.create("https://dayu-dlf.cn-north-4.myhuaweicloud.com"),
                        "p1",
                        Optional.of("w1"),
                        URI.create("https://obs.cn-north-4.myhuaweicloud.com"),
                        ObsLocation.parse("obs://bucket/dlf/"),
                        "test"),
                "0".repeat(64));
        plan.log(log);

        String md = Files.readString(folder.resolve(ImportPlan.MARKDOWN_FILE));
        assertTrue(md.contains(row.path()), md);
        assertLeaksNothing(row, md, ImportPlan.MARKDOWN_FILE);
        assertLeaksNothing(row, Files.readString(folder.resolve(ImportPlan.JSON_FILE)), ImportPlan.JSON_FILE);
        assertLeaksNothing(row, String.join("\n", log.lines()), "the log");
    }

    private static void assertLeaksNothing(Row row, String output, String where) {
        for (String leak : row.leaks()) {
            assertFalse(output.contains(leak), leak + " in " + where + ":\n" + output);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertFalse(files.isEmpty());
        return files;
    }
}
