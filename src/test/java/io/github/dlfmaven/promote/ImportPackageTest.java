package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.testing.FileTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.io.IOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPackageTest {

    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");

    @TempDir
    Path tmp;

    private static Map<String, byte[]> entries(Path zip) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(file.getEntries())) {
                entries.put(entry.getName(), IOUtils.toByteArray(file.getInputStream(entry)));
            }
        }
        return entries;
    }

    @Test
    void patternsSelectFromTheSnapshotsJobs() throws Exception {
        ImportPackage pack = new ImportPackage(QUICK_START, IgnoredFields.NONE);

        assertEquals(List.of("dwd_orders_clean", "dws_sales_daily"), pack.select(List.of("dw?_*"), List.of()));
        assertEquals(List.of("dws_sales_daily"), pack.select(List.of("dw*"), List.of("dwd_*")));
        assertEquals(4, pack.select(List.of("*"), List.of()).size());
    }

    @Test
    void aJobGoesWithItsScriptsAndResourcesAndUnmappedItIsTheSnapshotByteForByte() throws Exception {
        Path folder = tmp.resolve("package");
        Path zip = tmp.resolve("package.zip");

        ImportPackage.Contents contents = new ImportPackage(QUICK_START, IgnoredFields.NONE)
                .write(List.of("dws_sales_daily", "dwd_orders_clean"), EnvironmentMapping.none(), folder, zip);

        assertEquals(List.of("dwd_orders_clean", "dws_sales_daily"), contents.jobs());
        assertEquals(
                List.of("common_partition_check", "dwd_orders_clean", "dws_sales_daily_publish"), contents.scripts());
        assertEquals(List.of("sales_aggregator_jar"), contents.resources(), "selected by its OBS location");
        Map<String, byte[]> entries = entries(zip);
        assertEquals(
                List.of(
                        "jobs/dwd_orders_clean.job",
                        "jobs/dws_sales_daily.job",
                        "resources/sales_aggregator_jar.resource",
                        "scripts/common_partition_check.script",
                        "scripts/dwd_orders_clean.script",
                        "scripts/dws_sales_daily_publish.script"),
                new ArrayList<>(entries.keySet()));
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            assertArrayEquals(
                    Files.readAllBytes(QUICK_START.resolve(entry.getKey())), entry.getValue(), entry.getKey());
            assertArrayEquals(Files.readAllBytes(folder.resolve(entry.getKey())), entry.getValue(), entry.getKey());
        }
        assertEquals(Files.size(zip), contents.zipBytes());
    }

    @Test
    void theMappingChangesTheCopyOnlyAndTheSameInputPacksToTheSameBytes() throws Exception {
        Path snapshot = tmp.resolve("snapshot");
        FileTrees.copy(QUICK_START, snapshot);
        Files.writeString(snapshot.resolve("README.md"), "not a definition");
        EnvironmentMapping mapping = MappingFile.fromJson(
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"connections\": {\"mrs_hive_retail\": \"mrs_hive_prod\"}}"),
                Path.of("prod.json"));
        ImportPackage pack = new ImportPackage(snapshot, IgnoredFields.NONE);
        byte[] before = Files.readAllBytes(snapshot.resolve("jobs/ods_orders_load.job"));

        ImportPackage.Contents contents =
                pack.write(List.of("ods_orders_load"), mapping, tmp.resolve("a"), tmp.resolve("a.zip"));
        pack.write(List.of("ods_orders_load"), mapping, tmp.resolve("b"), tmp.resolve("b.zip"));

        assertArrayEquals(before, Files.readAllBytes(snapshot.resolve("jobs/ods_orders_load.job")));
        String packed =
                new String(entries(tmp.resolve("a.zip")).get("jobs/ods_orders_load.job"), StandardCharsets.UTF_8);
        assertTrue(packed.contains("\"mrs_hive_prod\"") && !packed.contains("mrs_hive_retail"), packed);
        assertEquals(4, contents.replaced(), "two nodes and both scripts");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.zip")), Files.readAllBytes(tmp.resolve("b.zip")));
        assertTrue(entries(tmp.resolve("a.zip")).keySet().stream().noneMatch(e -> e.contains("README")));
    }

    @Test
    void theZipIsTheSameInEveryTimeZone() throws Exception {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            new ImportPackage(QUICK_START, IgnoredFields.NONE)
                    .write(
                            List.of("ods_orders_load"),
                            EnvironmentMapping.none(),
                            tmp.resolve("u"),
                            tmp.resolve("u.zip"));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
            new ImportPackage(QUICK_START, IgnoredFields.NONE)
                    .write(
                            List.of("ods_orders_load"),
                            EnvironmentMapping.none(),
                            tmp.resolve("s"),
                            tmp.resolve("s.zip"));
        } finally {
            java.util.TimeZone.setDefault(before);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("u.zip")), Files.readAllBytes(tmp.resolve("s.zip")));
    }

    @Test
    void aLinkInTheSnapshotIsNeverPackedAndBadJsonIsNotQuoted() throws Exception {
        Path snapshot = tmp.resolve("snapshot");
        FileTrees.copy(QUICK_START, snapshot);
        Path outside =
                Files.writeString(tmp.resolve("outside.json"), "{\"name\": \"evil\", \"password\": \"hunter2\"}");
        Files.createSymbolicLink(snapshot.resolve("jobs/evil.job"), outside);
        Files.writeString(snapshot.resolve("jobs/broken.job"), "SECRETVALUE_hunter3 {");
        ImportPackage pack = new ImportPackage(snapshot, IgnoredFields.NONE);

        assertTrue(!pack.select(List.of("*"), List.of()).contains("evil"));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.IOException.class,
                () -> pack.write(List.of("broken"), EnvironmentMapping.none(), tmp.resolve("p"), tmp.resolve("p.zip")));
        assertTrue(
                e.getMessage().contains("jobs/broken.job in the snapshot is not valid JSON (line 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter3"), e.getMessage());
    }

    @Test
    void theZipHasTheNamesAsTheyAreAndTheFolderTheSnapshotsFileNames() throws Exception {
        Path snapshot = tmp.resolve("snapshot");
        Files.createDirectories(snapshot.resolve("jobs"));
        Files.createDirectories(snapshot.resolve("scripts"));
        Files.writeString(
                snapshot.resolve("jobs/CO%4E.job"),
                "{\"name\": \"CON\", \"nodes\": [{\"properties\": [{\"name\": \"scriptName\", \"value\": \"a:b\"}]}]}");
        Files.writeString(snapshot.resolve("scripts/a%3Ab.script"), "{\"name\": \"a:b\"}");
        // Written before the rule (on Linux), a job named 50% and one named nul, read as written.
        Files.writeString(snapshot.resolve("jobs/50%.job"), "{\"name\": \"50%\"}");
        Files.writeString(snapshot.resolve("jobs/nul.job"), "{\"name\": \"nul\"}");
        ImportPackage pack = new ImportPackage(snapshot, IgnoredFields.NONE);

        List<String> jobs = pack.select(List.of("*"), List.of());
        ImportPackage.Contents contents =
                pack.write(jobs, EnvironmentMapping.none(), tmp.resolve("p"), tmp.resolve("p.zip"));

        assertEquals(List.of("50%", "CON", "nul"), jobs);
        assertEquals(List.of("a:b"), contents.scripts());
        assertEquals(
                List.of("jobs/50%.job", "jobs/CON.job", "jobs/nul.job", "scripts/a:b.script"),
                new ArrayList<>(entries(tmp.resolve("p.zip")).keySet()));
        assertEquals(
                List.of("jobs/50%25.job", "jobs/CO%4E.job", "jobs/nu%6C.job", "scripts/a%3Ab.script"),
                FileTrees.files(tmp.resolve("p")),
                "the folder the plan compares with the target's export has the names as an export writes them");
    }
}
