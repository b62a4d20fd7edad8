package io.github.dlfmaven.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule with a snapshot that breaks it and one that keeps it. */
class SnapshotValidatorTest {

    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** A valid job: load (script s) then publish, on a Quartz schedule. */
    private static String job(String name, String nodes, String cron) {
        return "{\"name\":\"" + name + "\",\"processType\":\"BATCH\",\"schedule\":{\"type\":\"CRON\",\"cron\":"
                + "{\"expression\":\"" + cron + "\"}},\"nodes\":[" + nodes + "]}";
    }

    private static String node(String name, String preNodes, String properties) {
        return "{\"name\":\"" + name + "\",\"preNodeName\":[" + preNodes + "],\"properties\":[" + properties + "]}";
    }

    private static String property(String name, String value) {
        return "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
    }

    private void validSnapshot() throws IOException {
        write(
                "jobs/daily.job",
                job(
                        "daily",
                        node("load", "", property("scriptName", "s")) + ","
                                + node("publish", "\"load\"", property("resourcePath", "r")),
                        "0 0 2 * * ?"));
        write("scripts/s.script", "{\"name\":\"s\",\"type\":\"HiveSQL\",\"content\":\"select 1\"}");
        write("resources/r.resource", "{\"name\":\"r\",\"type\":\"jar\",\"location\":\"obs://b/r.jar\"}");
    }

    private List<String> problems(Rule... excluded) throws IOException {
        return new SnapshotValidator(Set.of(excluded))
                .validate(root).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void theQuickStartSampleIsValid() throws IOException {
        Validation validation = new SnapshotValidator(Set.of()).validate(QUICK_START);

        assertEquals(List.of(), validation.problems());
        assertEquals(10, validation.files());
    }

    @Test
    void aValidSnapshotHasNoProblems() throws IOException {
        validSnapshot();

        assertEquals(List.of(), problems());
    }

    @Test
    void v01InvalidJsonSaysWhereButQuotesNothing() throws IOException {
        write("jobs/broken.job", "{\"name\":\"broken\", \"password\": hunter2}");

        List<String> problems = problems();

        assertEquals(List.of("jobs/broken.job: is not valid JSON (line 1, column 31) [DLF-V01]"), problems);
        assertFalse(problems.get(0).contains("hunter2"));
    }

    @Test
    void v02TheNameMustBeTheFileName() throws IOException {
        validSnapshot();
        write("scripts/other.script", "{\"name\":\"s2\"}");

        assertEquals(
                List.of("scripts/other.script: is named 's2', but its file name says 'other' [DLF-V02]"), problems());
    }

    @Test
    void v02AnEscapedFileNameIsReadAsTheNameItWasWrittenForAndReferencesFindIt() throws IOException {
        write("jobs/CO%4E.job", job("CON", node("load", "", property("scriptName", "a:b")), "0 0 2 * * ?"));
        write("scripts/a%3Ab.script", "{\"name\":\"a:b\",\"type\":\"HiveSQL\",\"content\":\"select 1\"}");
        // Written before the rule: names as written.
        write("scripts/50%.script", "{\"name\":\"50%\",\"type\":\"HiveSQL\",\"content\":\"select 1\"}");
        write("scripts/nul.script", "{\"name\":\"nul\",\"type\":\"HiveSQL\",\"content\":\"select 1\"}");
        write("scripts/x%3Ay.script", "{\"name\":\"x%3Ay\"}");

        assertEquals(
                List.of("scripts/x%3Ay.script: is named 'x%3Ay', but its file name says 'x:y' [DLF-V02]"), problems());
    }

    @Test
    void v03AJobNeedsItsFields() throws IOException {
        write("jobs/bare.job", "{\"name\":\"bare\"}");

        assertEquals(
                List.of(
                        "jobs/bare.job: has no nodes [DLF-V03]",
                        "jobs/bare.job: has no schedule [DLF-V03]",
                        "jobs/bare.job: has no processType [DLF-V03]"),
                problems());
    }

    @Test
    void v04NodeNamesAreUnique() throws IOException {
        write("jobs/j.job", job("j", node("a", "", "") + "," + node("a", "", ""), "0 0 2 * * ?"));

        assertEquals(List.of("jobs/j.job: has more than one node named 'a' [DLF-V04]"), problems());
    }

    @Test
    void v05PredecessorsAndConditionsNameNodesOfTheJob() throws IOException {
        write(
                "jobs/j.job",
                job(
                        "j",
                        node("a", "\"ghost\"", "") + ",{\"name\":\"b\",\"conditions\":[{\"preNodeName\":\"phantom\","
                                + "\"expression\":\"#{true}\"}]}",
                        "0 0 2 * * ?"));

        assertEquals(
                List.of(
                        "jobs/j.job: node 'a' waits for node 'ghost', which is not in this job [DLF-V05]",
                        "jobs/j.job: node 'b' waits for node 'phantom', which is not in this job [DLF-V05]"),
                problems());
    }

    @Test
    void v06ScriptsNamedByNodesArePresent() throws IOException {
        validSnapshot();
        write(
                "jobs/dws_daily.job",
                job("dws_daily", node("load", "", property("scriptName", "missing_sql")), "0 0 2 * * ?"));

        assertEquals(
                List.of(
                        "jobs/dws_daily.job: node 'load' names script 'missing_sql', which is not in scripts/ [DLF-V06]"),
                problems());
    }

    @Test
    void v06AndV08AreNotCheckedOnASnapshotWithoutDependenciesAndSaySo() throws IOException {
        write("jobs/j.job", job("j", node("load", "", property("scriptName", "elsewhere")), "0 0 2 * * ?"));

        Validation validation = new SnapshotValidator(Set.of()).validate(root);

        assertEquals(List.of(), validation.problems());
        assertTrue(
                validation.notes().get(0).contains("exported without dependencies"),
                validation.notes().toString());
    }

    @Test
    void v07CyclesAreNamedNodeByNode() throws IOException {
        write(
                "jobs/j.job",
                job(
                        "j",
                        node("a", "\"c\"", "") + "," + node("b", "\"a\"", "") + "," + node("c", "\"b\"", ""),
                        "0 0 2 * * ?"));

        assertEquals(List.of("jobs/j.job: its nodes form a cycle: a -> c -> b -> a [DLF-V07]"), problems());
    }

    @Test
    void v08ResourcePathsThatAreNoObsLocationNameResources() throws IOException {
        validSnapshot();
        write(
                "jobs/k.job",
                job(
                        "k",
                        node("x", "", property("resourcePath", "no_such_jar")) + ","
                                + node("y", "", property("resourcePath", "obs://bucket/any.jar")),
                        "0 0 2 * * ?"));

        assertEquals(
                List.of("jobs/k.job: node 'x' names resource 'no_such_jar', which is not in resources/ [DLF-V08]"),
                problems());
    }

    @Test
    void v09DependJobsOutsideTheSnapshotAreAWarning() throws IOException {
        validSnapshot();
        write(
                "jobs/after.job",
                "{\"name\":\"after\",\"processType\":\"BATCH\",\"nodes\":[],\"schedule\":{\"cron\":"
                        + "{\"expression\":\"0 0 3 * * ?\",\"dependJobs\":{\"jobs\":[\"daily\",\"upstream_elsewhere\"]}}}}");

        Validation validation = new SnapshotValidator(Set.of()).validate(root);

        assertEquals(
                List.of("jobs/after.job: depends on job 'upstream_elsewhere', which is not in this snapshot (it may"
                        + " live in another workspace) [DLF-V09]"),
                validation.problems().stream().map(Problem::toString).toList());
        assertEquals(0, validation.errors());
        assertEquals(1, validation.warnings());
    }

    @Test
    void v10CronExpressionsAreQuartz() throws IOException {
        write("jobs/j.job", job("j", "", "0 0 25 * * ?"));
        write("jobs/k.job", job("k", "", "0 0/15 * ? * MON-FRI"));
        write("jobs/unix.job", job("unix", "", "0 2 * * *"));

        List<String> problems = problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("jobs/j.job: the schedule has the cron expression '0 0 25 * * ?', which"
                                + " is not valid Quartz syntax"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("jobs/unix.job: the schedule has the cron expression '0 2 * * *'"));
    }

    @Test
    void v11SecretsAreNamedByFileAndKeyNeverByValue() throws IOException {
        validSnapshot();
        write(
                "jobs/leaky.job",
                "{\"name\":\"leaky\",\"processType\":\"BATCH\",\"schedule\":{},\"params\":["
                        + property("db_password", "hunter2") + "," + property("pwd_ref", "${db_pwd}") + "],\"nodes\":["
                        + node(
                                "call",
                                "",
                                property("endpoint", "HPUAQWERTY1234567890") + "," + property("sk", "s3cr3tKey"))
                        + "]}");
        write(
                "scripts/dli.script",
                "{\"name\":\"dli\",\"configuration\":{\"spark.hadoop.fs.obs.secret.key\":\"abcd\","
                        + "\"spark.executor.memory\":\"4G\"}}");

        List<String> problems = problems();

        assertEquals(
                List.of(
                        "jobs/leaky.job: parameter 'db_password' holds a value that may be a secret: use a parameter"
                                + " or DataArts' connection management instead, and rotate it if it is real [DLF-V11]",
                        "jobs/leaky.job: node 'call' property 'endpoint' holds a value shaped like an access key that"
                                + " may be a secret: use a parameter or DataArts' connection management instead, and"
                                + " rotate it if it is real [DLF-V11]",
                        "jobs/leaky.job: node 'call' property 'sk' holds a value that may be a secret: use a parameter"
                                + " or DataArts' connection management instead, and rotate it if it is real [DLF-V11]",
                        "scripts/dli.script: configuration key 'spark.hadoop.fs.obs.secret.key' holds a value that"
                                + " may be a secret: use a parameter or DataArts' connection management instead, and"
                                + " rotate it if it is real [DLF-V11]"),
                problems);
        for (String problem : problems) {
            assertFalse(problem.contains("hunter2") || problem.contains("HPUAQWERTY") || problem.contains("s3cr3t"));
        }
    }

    @Test
    void v01JsonBeyondTheParsersLimitsIsAProblemNotACrash() throws IOException {
        write("jobs/deep.job", "[".repeat(1500) + "]".repeat(1500));
        write("jobs/long.job", "{\"name\":\"long\",\"n\":" + "9".repeat(2000) + "}");

        List<String> problems = problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("jobs/deep.job: cannot be read as JSON: "), problems.get(0));
        assertTrue(problems.get(0).endsWith("[DLF-V01]"));
        assertTrue(problems.get(1).startsWith("jobs/long.job: cannot be read as JSON: "), problems.get(1));
    }

    @Test
    void v02ANameFromTheFileCannotForgeALogLine() throws IOException {
        write("jobs/b.job", "{\"name\":\"b\\n[ERROR] forged\"}");

        List<String> problems = problems(Rule.JOB_FIELDS);

        assertEquals(
                List.of("jobs/b.job: is named 'b\\n[ERROR] forged', but its file name says 'b' [DLF-V02]"), problems);
    }

    @Test
    void v08LeavesLocationsDliPackagesAndResourceLocationsAlone() throws IOException {
        validSnapshot();
        write(
                "jobs/k.job",
                job(
                        "k",
                        node(
                                        "dli",
                                        "",
                                        property("resourceType", "DLIResources") + ","
                                                + property("resourcePath", "spark-examples.jar"))
                                + "," + node("hdfs", "", property("resourcePath", "hdfs://nn/jars/app.jar"))
                                + "," + node("byLocation", "", property("resourcePath", "obs://b/r.jar"))
                                + ","
                                + node(
                                        "secret",
                                        "",
                                        property("resourcePath", "https://deploy:glpat-SECRET@nexus/app.jar")),
                        "0 0 2 * * ?"));

        // No DLF-V08; the password in the last URL is a secret of its own.
        assertEquals(
                List.of("jobs/k.job: node 'secret' property 'resourcePath' holds a URL with a password that may be a"
                        + " secret: use a parameter or DataArts' connection management instead, and rotate it if it is"
                        + " real [DLF-V11]"),
                problems());
    }

    @Test
    void v11SecretsPassedAsArgumentsAreNamedByTheirKey() throws IOException {
        validSnapshot();
        write(
                "jobs/args.job",
                job(
                        "args",
                        node(
                                "run",
                                "",
                                property("scriptArgs", "day=${bizdate}\\ndb_password=Hunter2Secret") + ","
                                        + property("arguments", "--token=${tok} --mode=fast")),
                        "0 0 2 * * ?"));

        List<String> problems = problems();

        assertEquals(
                List.of("jobs/args.job: node 'run' property 'scriptArgs' sets 'db_password' to a value that may be a"
                        + " secret: use a parameter or DataArts' connection management instead, and rotate it if it is"
                        + " real [DLF-V11]"),
                problems);
        assertFalse(problems.get(0).contains("Hunter2"));
    }

    @Test
    void anExcludedRuleIsNotChecked() throws IOException {
        write("jobs/j.job", job("j", "", "not a cron"));

        assertEquals(List.of(), problems(Rule.VALID_CRON));
    }

    @Test
    void theReportHoldsSummaryProblemsAndNotes() throws IOException {
        write("jobs/j.job", job("j", node("a", "\"ghost\"", ""), "0 0 2 * * ?"));
        Validation validation = new SnapshotValidator(Set.of()).validate(root);
        Path reports = root.resolveSibling("reports");

        ValidationReport.write(validation, reports);

        JsonNode report =
                new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(1, report.at("/summary/files").asInt());
        assertEquals(1, report.at("/summary/errors").asInt());
        assertEquals("DLF-V05", report.at("/problems/0/rule").asText());
        assertEquals("error", report.at("/problems/0/severity").asText());
        assertEquals("jobs/j.job", report.at("/problems/0/path").asText());
        assertTrue(report.at("/notes/0").asText().contains("without dependencies"));
    }
}
