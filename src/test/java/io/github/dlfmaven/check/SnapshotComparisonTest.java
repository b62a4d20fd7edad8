package io.github.dlfmaven.check;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotComparisonTest {

    @TempDir
    Path tmp;

    private final SnapshotComparison comparison = new SnapshotComparison(3);

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String job(String name, String script, String cron) {
        return "{\n  \"name\" : \"" + name + "\",\n  \"nodes\" : [ {\n    \"name\" : \"load\",\n"
                + "    \"properties\" : [ {\n      \"name\" : \"scriptName\",\n      \"value\" : \"" + script
                + "\"\n    } ]\n  } ],\n  \"schedule\" : {\n    \"cron\" : {\n      \"expression\" : \"" + cron
                + "\"\n    }\n  }\n}\n";
    }

    @Test
    void tellsAddedChangedRemovedAndUnchangedApart() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/same.job", job("same", "s", "0 0 2 * * ?"));
        write(cloud, "jobs/same.job", job("same", "s", "0 0 2 * * ?"));
        write(committed, "jobs/changed.job", job("changed", "old_sql", "0 0 2 * * ?"));
        write(cloud, "jobs/changed.job", job("changed", "new_sql", "0 0 3 * * ?"));
        write(committed, "jobs/gone.job", job("gone", "s", "0 0 2 * * ?"));
        write(cloud, "scripts/new.script", "{}\n");

        Drift drift = comparison.compare(committed, cloud);

        assertEquals(
                List.of("jobs/changed.job changed", "jobs/gone.job removed", "scripts/new.script added"),
                drift.files().stream()
                        .map(f -> f.path() + " " + f.change().label())
                        .toList());
        assertEquals(1, drift.unchanged());
        assertEquals("1 file changed, 1 added, 1 removed, 1 unchanged", drift.counts());
        FileDrift changed = drift.files().get(0);
        assertEquals(
                List.of("nodes[load].properties[scriptName].value", "schedule.cron.expression"), changed.jsonPaths());
        assertEquals("--- a/jobs/changed.job", changed.diff().get(0));
        assertEquals("+++ b/jobs/changed.job", changed.diff().get(1));
        assertTrue(
                changed.diff().contains("-      \"value\" : \"old_sql\""),
                changed.diff().toString());
        assertTrue(
                changed.diff().contains("+      \"value\" : \"new_sql\""),
                changed.diff().toString());
    }

    @Test
    void listsMatchedByNameSoAnInsertedNodeChangesOnlyItself() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/a.job", "{\"nodes\":[{\"name\":\"x\",\"v\":1},{\"name\":\"y\",\"v\":2}]}");
        write(
                cloud,
                "jobs/a.job",
                "{\"nodes\":[{\"name\":\"new\",\"v\":0},{\"name\":\"x\",\"v\":1},{\"name\":\"y\",\"v\":2}]}");

        assertEquals(
                List.of("nodes[new]"),
                comparison.compare(committed, cloud).files().get(0).jsonPaths());
    }

    @Test
    void listsWithoutNamesAreMatchedByPosition() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/a.job", "{\"preNodeName\":[\"a\",\"b\"]}");
        write(cloud, "jobs/a.job", "{\"preNodeName\":[\"a\",\"c\",\"d\"]}");

        assertEquals(
                List.of("preNodeName[1]", "preNodeName[2]"),
                comparison.compare(committed, cloud).files().get(0).jsonPaths());
    }

    @Test
    void nonAsciiNamesAreComparedAndReportedAsThemselves() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/作业一.job", job("作业一", "脚本", "0 0 2 * * ?"));
        write(cloud, "jobs/作业一.job", job("作业一", "脚本二", "0 0 2 * * ?"));

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        assertEquals("jobs/作业一.job", file.path());
        assertTrue(
                file.diff().contains("+      \"value\" : \"脚本二\""), file.diff().toString());
    }

    @Test
    void aSnapshotThatDoesNotExistIsEmptySoEverythingIsAdded() throws Exception {
        Path cloud = tmp.resolve("cloud");
        write(cloud, "jobs/a.job", "{}\n");
        write(cloud, "scripts/s.script", "{}\n");

        Drift drift = comparison.compare(tmp.resolve("no-such-folder"), cloud);

        assertEquals("0 files changed, 2 added, 0 removed, 0 unchanged", drift.counts());
    }

    @Test
    void everyFileOfTheFolderIsComparedButThePluginsOwnAndLinks() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/a.job", "{}\n");
        write(cloud, "jobs/a.job", "{}\n");
        // The export replaces the whole folder, so these would be gone after the next one: drift, said as such.
        write(committed, "README.md", "our jobs\n");
        write(committed, "jobs/.gitkeep", "");
        // The plugin's own work folder and lock are no part of any snapshot.
        write(committed, ".dlf-work-1/tree/jobs/b.job", "{}\n");
        write(committed, ".dlf-lock", "");
        Files.createSymbolicLink(committed.resolve("jobs/link.job"), committed.resolve("jobs/a.job"));

        Drift drift = comparison.compare(committed, cloud);

        assertEquals(
                List.of("README.md removed", "jobs/.gitkeep removed"),
                drift.files().stream()
                        .map(f -> f.path() + " " + f.change().label())
                        .toList());
        assertEquals(1, drift.unchanged());
        assertEquals(List.of("jobs/link.job"), drift.leftOut());
    }

    @Test
    void aSnapshotFolderThatIsALinkIsReadThroughIt() throws Exception {
        Path real = tmp.resolve("shared/dlf");
        Path cloud = tmp.resolve("cloud");
        write(real, "jobs/a.job", "{}\n");
        write(cloud, "jobs/a.job", "{}\n");
        Path committed = Files.createSymbolicLink(tmp.resolve("committed"), real);

        Drift drift = comparison.compare(committed, cloud);

        assertTrue(drift.none(), drift.files().toString());
        assertEquals(1, drift.unchanged());
    }

    @Test
    void aCheckoutWithCrlfLineEndsIsNoDrift() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        String job = job("a", "s", "0 0 2 * * ?");
        write(committed, "jobs/a.job", job.replace("\n", "\r\n"));
        write(cloud, "jobs/a.job", job);
        write(committed, "jobs/b.job", job("b", "old", "0 0 2 * * ?").replace("\n", "\r\n"));
        write(cloud, "jobs/b.job", job("b", "new", "0 0 2 * * ?"));

        Drift drift = comparison.compare(committed, cloud);

        assertEquals("1 file changed, 0 added, 0 removed, 1 unchanged", drift.counts());
        assertEquals(1, drift.lineEndsOnly());
        FileDrift b = drift.files().get(0);
        assertEquals(List.of("nodes[load].properties[scriptName].value"), b.jsonPaths());
        assertEquals(
                List.of("-      \"value\" : \"old\"", "+      \"value\" : \"new\""),
                b.diff().stream()
                        .filter(l -> l.startsWith("-  ") || l.startsWith("+  "))
                        .toList(),
                "only the real change, no line-end noise");
    }

    @Test
    void secretValuesAreMaskedInDiffsButTheirPathsStillSayWhereTheyChanged() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(
                committed,
                "jobs/a.job",
                normalized("{\"name\":\"a\",\"nodes\":[{\"name\":\"n\",\"properties\":["
                        + "{\"name\":\"password\",\"value\":\"Old-Pa55\"},{\"name\":\"scriptArgs\",\"value\":\"db_pwd=OldArg x=1\"}]}],"
                        + "\"basicConfig\":{\"token\":\"oldtoken\"},\"owner\":\"bob\"}"));
        write(
                cloud,
                "jobs/a.job",
                normalized("{\"name\":\"a\",\"nodes\":[{\"name\":\"n\",\"properties\":["
                        + "{\"name\":\"password\",\"value\":\"S3cr3t-Pa55\"},{\"name\":\"scriptArgs\",\"value\":\"db_pwd=NewArg x=2\"}]}],"
                        + "\"basicConfig\":{\"token\":\"newtoken\"},\"owner\":\"HPUAQWERTY1234567890\"}"));

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        String diff = String.join("\n", file.diff());
        for (String secret : List.of("Pa55", "OldArg", "NewArg", "oldtoken", "newtoken", "HPUAQWERTY")) {
            assertFalse(diff.contains(secret), secret + " in\n" + diff);
        }
        assertTrue(diff.contains("\"value\": \"db_pwd=**** x=2\""), diff);
        assertTrue(
                file.jsonPaths().contains("nodes[n].properties[password].value"),
                file.jsonPaths().toString());
        assertTrue(
                file.jsonPaths().contains("basicConfig.token"), file.jsonPaths().toString());
    }

    @Test
    void secretsAreMaskedOnTheJsonTreeAndEveryOtherLineStaysTheFilesOwn() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        String layout = "{\n  \"n\" : 1.50,\n  \"password\" : [ \"%s\", \"x\" ],\n  \"owner\" : \"%s\",\n"
                + "  \"params\" : [ {\n    \"name\" : \"db_pwd\",\n    \"value\" : %s\n  } ]\n}\n";
        write(committed, "jobs/a.job", layout.formatted("Old-Secret-17", "bob", "917317001"));
        write(cloud, "jobs/a.job", layout.formatted("New-Secret-17", "eve", "917317002"));

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        assertEquals(
                List.of(
                        "--- a/jobs/a.job",
                        "+++ b/jobs/a.job",
                        "@@ -1,7 +1,7 @@",
                        " {",
                        "   \"n\" : 1.50,",
                        "   \"password\" : \"****\",",
                        "-  \"owner\" : \"bob\",",
                        "+  \"owner\" : \"eve\",",
                        "   \"params\" : [ {",
                        "     \"name\" : \"db_pwd\",",
                        "     \"value\" : \"****\""),
                file.diff());
        assertEquals(List.of("owner", "params[db_pwd].value", "password[0]"), file.jsonPaths());
    }

    @Test
    void aSideThatIsNoJsonIsMaskedAsTextAndTheOtherAsJson() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/a.job", "{\n  \"password\": \"Old-Secret-17\",\n  \"args\": \"pwd=Old-Arg-17\"\n");
        write(cloud, "jobs/a.job", "{\n  \"password\": \"New-Secret-17\",\n  \"args\": \"pwd=New-Arg-17\"\n}\n");

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        String diff = String.join("\n", file.diff());
        assertFalse(diff.contains("-17"), diff);
        assertTrue(diff.contains("  \"password\": \"****\","), diff);
        assertTrue(diff.contains("+}"), diff);
        assertTrue(diff.contains("   \"args\": \"pwd=****\""), "masked alike on both sides:\n" + diff);
    }

    @Test
    void aFileTooLargeToDiffSaysSoAndKeepsItsPaths() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "scripts/big.script", "x\n".repeat(TextDiff.MAX_LINES));
        write(cloud, "scripts/big.script", "y\n".repeat(TextDiff.MAX_LINES));

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        assertEquals(List.of(), file.diff());
        assertEquals("too large to show as a diff (20000 and 20000 lines)", file.diffNote());
    }

    @Test
    void theMarkdownStaysShortEnoughForAPullRequestComment() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        for (int i = 0; i < 300; i++) {
            write(committed, "scripts/s" + i + ".script", "{\n  \"content\": \"" + "a".repeat(5000) + "\"\n}\n");
            write(cloud, "scripts/s" + i + ".script", "{\n  \"content\": \"" + "b".repeat(5000) + "\"\n}\n");
        }

        String md = DriftReport.markdown(comparison.compare(committed, cloud), "src/main/dlf");

        assertTrue(md.length() <= DriftReport.MARKDOWN_CHARS, md.length() + " characters");
        assertTrue(md.contains("100 more files: drift.json lists them all."), md.substring(0, 300));
        assertTrue(md.contains("short enough for a pull-request comment"));
    }

    private static String normalized(String json) throws IOException {
        return new String(
                new io.github.dlfmaven.archive.JsonNormalizer().normalize(json.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Test
    void aBinaryFileIsChangedWithoutDiff() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        Files.createDirectories(committed.resolve("bin"));
        Files.createDirectories(cloud.resolve("bin"));
        Files.write(committed.resolve("bin/x.jar"), new byte[] {1, 0, (byte) 0xff});
        Files.write(cloud.resolve("bin/x.jar"), new byte[] {1, 0, (byte) 0xfe});

        FileDrift file = comparison.compare(committed, cloud).files().get(0);

        assertEquals(Change.CHANGED, file.change());
        assertEquals(List.of(), file.diff());
        assertEquals(List.of(), file.jsonPaths());
    }

    @Test
    void reportsHoldTheSummaryAndEveryFileRelativeWithSlashes() throws Exception {
        Path committed = tmp.resolve("committed");
        Path cloud = tmp.resolve("cloud");
        write(committed, "jobs/changed.job", job("changed", "a", "0 0 2 * * ?"));
        write(cloud, "jobs/changed.job", job("changed", "b", "0 0 2 * * ?"));
        write(cloud, "jobs/added`tick.job", "{}\n");
        write(committed, "jobs/same.job", "{}\n");
        write(cloud, "jobs/same.job", "{}\n");
        Drift drift = comparison.compare(committed, cloud);
        Path reports = tmp.resolve("reports");

        DriftReport.write(drift, reports, "src/main/dlf");

        JsonNode json =
                new ObjectMapper().readTree(reports.resolve("drift.json").toFile());
        assertEquals(1, json.at("/summary/added").asInt());
        assertEquals(1, json.at("/summary/changed").asInt());
        assertEquals(0, json.at("/summary/removed").asInt());
        assertEquals(1, json.at("/summary/unchanged").asInt());
        assertEquals("jobs/added`tick.job", json.at("/files/0/path").asText());
        assertEquals("added", json.at("/files/0/change").asText());
        assertEquals("jobs/changed.job", json.at("/files/1/path").asText());
        assertEquals("changed", json.at("/files/1/change").asText());
        assertEquals(
                "nodes[load].properties[scriptName].value",
                json.at("/files/1/jsonPaths/0").asText());
        String md = Files.readString(reports.resolve("drift.md"));
        assertTrue(
                md.contains("**1 file changed, 1 added, 0 removed, 1 unchanged** between the cloud and `src/main/dlf`"),
                md);
        assertTrue(md.contains("| added | ``jobs/added`tick.job`` |"), md);
        assertTrue(md.contains("```diff\n--- a/jobs/changed.job\n+++ b/jobs/changed.job\n"), md);
        assertEquals(List.of("drift.json", "drift.md"), list(reports));
    }

    @Test
    void markdownSaysNoDriftWhenThereIsNone() throws Exception {
        Path committed = tmp.resolve("committed");
        write(committed, "jobs/a.job", "{}\n");

        Drift drift = comparison.compare(committed, committed);

        assertEquals(
                "## DLF drift\n\nNo drift: the cloud matches `src/main/dlf` (1 file unchanged).\n",
                DriftReport.markdown(drift, "src/main/dlf"));
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
