package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.files.FolderLockedException;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's flow on the emulator: the steps that stop it, and what each leaves behind. */
class PromotionTest {

    private static final Credentials KEYS =
            Credentials.of("IMPORTTESTAK00000001", "importTestSecretKey000000000000000000001", "test");
    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final HttpTransport transport = HttpTransport.builder().build();
    private DlfEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
        transport.close();
    }

    private DlfEmulator.Builder target() throws Exception {
        return DlfEmulator.builder(Files.createDirectories(tmp.resolve("production")), KEYS)
                .obsDirectory(tmp.resolve("obs"))
                .importDuration(Duration.ofMillis(20));
    }

    private ImportSettings config(String mapping, long timeoutSeconds, boolean keepPackage) throws Exception {
        Path environment = mapping == null ? null : Files.writeString(tmp.resolve("prod.json"), mapping);
        return ImportTestSettings.of(
                List.of("ods_*"),
                emulator.endpoint().toString(),
                environment,
                timeoutSeconds,
                keepPackage,
                tmp.resolve("work"));
    }

    private Promotion.Result run(ImportSettings config) throws Exception {
        return run(config, log);
    }

    private Promotion.Result run(ImportSettings config, Log log) throws Exception {
        TestExport export = TestExport.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("p1")
                .jobs(List.of("*"))
                .outputDirectory(config.currentDirectory())
                .build();
        AuthenticationSource keys = AuthenticationSource.fixed(new Authentication.Signed(KEYS));
        try (DlfClient client = DlfClient.builder(emulator.endpoint(), "p1", KEYS)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(0))
                .build()) {
            ObsStore obs = new ObsStore(transport, emulator.endpoint(), keys, RetryPolicy.of(0), Clock.systemUTC());
            return new Promotion(
                            config,
                            export.settings().limits(),
                            export.connection(),
                            client,
                            obs,
                            Clock.systemUTC(),
                            Duration.ofMillis(10),
                            log)
                    .run();
        }
    }

    private List<Path> packagesInObs() throws Exception {
        Path folder = tmp.resolve("obs/import-bucket/dlf");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aForbiddenNameLeftStopsTheImportBeforeAnythingIsUploaded() throws Exception {
        emulator = target().start();

        ImportFailedException e = assertThrows(
                ImportFailedException.class, () -> run(config("{\"forbid\": [\"mrs_hive_retail\"]}", 60, false)));

        assertTrue(
                e.getMessage()
                        .contains("jobs/ods_orders_load.job node 'check_source_partition' connectionName is still"
                                + " 'mrs_hive_retail'"),
                e.getMessage());
        assertEquals(List.of(), packagesInObs());
        assertFalse(Files.exists(tmp.resolve("obs/imported")));
    }

    @Test
    void aTaskThatOutlivesTheTimeoutFailsAndLeavesThePackageForIt() throws Exception {
        emulator = target().importDuration(Duration.ofSeconds(30)).start();

        ImportFailedException e = assertThrows(ImportFailedException.class, () -> run(config(null, 1, false)));

        assertTrue(e.getMessage().contains("still running after 1 s"), e.getMessage());
        assertTrue(e.getMessage().contains("The package stays at obs://import-bucket/dlf/dlf-import-"), e.getMessage());
        assertEquals(1, packagesInObs().size());
    }

    @Test
    void keepPackageLeavesItAndTheSummaryNamesEveryDefinition() throws Exception {
        emulator = target().start();

        Promotion.Result result = run(config(null, 60, true));

        assertTrue(result.task().succeeded());
        assertEquals(3, result.task().subtasks().size(), "the job and its two scripts");
        assertEquals(1, packagesInObs().size());
        assertTrue(
                log.lines()
                        .contains("[INFO] Import plan: 3 to create, 0 that differ but are kept (sameNamePolicy"
                                + " SKIP), 0 unchanged."),
                log.lines().toString());
        assertTrue(Files.isRegularFile(tmp.resolve("work/plan.md")));
        // Each subtask says what it stands for; a job and a script of one name cannot be told apart by DLF's answer.
        assertTrue(
                log.lines().contains("[INFO]   script common_partition_check: SUCCESSFUL"),
                log.lines().toString());
        assertEquals(
                2,
                log.lines().stream()
                        .filter("[INFO]   job or script ods_orders_load: SUCCESSFUL"::equals)
                        .count());
    }

    @Test
    void quickReadsOfARunningTaskSayItOnce() throws Exception {
        emulator = target().importDuration(Duration.ofMillis(300)).start();

        run(config(null, 60, false));

        List<String> running = log.lines().stream()
                .filter(line -> line.matches("\\[INFO\\] Import task \\w+: RUNNING \\(\\d+ s\\)\\."))
                .toList();
        assertEquals(1, running.size(), log.lines().toString());
    }

    @Test
    void aWorkspaceThatHasTheJobsAlreadyGivesAnEmptyPlanAndNoImport() throws Exception {
        emulator = target().start();
        run(config(null, 60, false));

        Promotion.Result again = run(config(null, 60, false));

        assertTrue(again.plan().empty(), log.lines().toString());
        assertNull(again.task());
        assertEquals(List.of(), packagesInObs());
        assertTrue(log.lines()
                .contains("[INFO] Nothing to import: the workspace has every file of the package as it is."));
    }

    @Test
    void aPackageOverTenMegabytesIsRefusedBeforeTheUploadWithHowToSplitIt() throws Exception {
        emulator = target().start();
        Path snapshot = tmp.resolve("big");
        io.github.dlfmaven.testing.FileTrees.copy(QUICK_START, snapshot);
        // A script of random text, which no zip makes smaller than 10 MB.
        byte[] random = new byte[12 << 20];
        new java.util.Random(1).nextBytes(random);
        Files.writeString(
                snapshot.resolve("scripts/ods_orders_load.script"),
                "{\"name\": \"ods_orders_load\", \"type\": \"HiveSQL\", \"content\": \""
                        + java.util.Base64.getEncoder().encodeToString(random) + "\"}");
        ImportSettings config = config(null, 60, false);
        ImportSettings big = new ImportSettings(
                snapshot,
                config.jobs(),
                config.excludes(),
                config.obsFolder(),
                config.obsEndpoint(),
                config.sameNamePolicy(),
                config.targetStatus(),
                config.executeUser(),
                config.params(),
                config.jobParams(),
                config.environment(),
                false,
                config.timeout(),
                false,
                config.workDirectory());

        ImportFailedException e = assertThrows(ImportFailedException.class, () -> run(big));

        assertTrue(
                e.getMessage()
                        .contains("more than the 10 MB DataArts Factory imports from OBS: import the jobs in"
                                + " parts, each with a pattern of its own"),
                e.getMessage());
        assertEquals(List.of(), packagesInObs());
    }

    @Test
    void aScriptTheWorkspaceHasOnItsOwnIsPlannedAsKeptOrChangedNotCreated() throws Exception {
        Path production = Files.createDirectories(tmp.resolve("production/scripts"));
        Files.writeString(
                production.resolve("common_partition_check.script"),
                "{\"name\": \"common_partition_check\", \"type\": \"HiveSQL\", \"content\": \"SELECT 2\"}");
        emulator = target().start();

        Promotion.Result result = run(dryRun(config(null, 60, false)));

        assertEquals(
                List.of("jobs/ods_orders_load.job", "scripts/ods_orders_load.script"),
                result.plan().create().stream().map(f -> f.path()).toList());
        assertEquals(
                List.of("scripts/common_partition_check.script"),
                result.plan().change().stream().map(f -> f.path()).toList());
        assertTrue(
                result.plan().change().get(0).jsonPaths().contains("content"),
                result.plan().toString());
    }

    @Test
    void parametersWithoutNameOrValueAreRefused() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ImportSettings.check(
                        new ImportSettings.Raw(
                                QUICK_START,
                                List.of("*"),
                                List.of(),
                                "obs://import-bucket/dlf/",
                                "http://127.0.0.1:1/obs",
                                null,
                                "SKIP",
                                null,
                                null,
                                java.util.Collections.singletonMap("env", null),
                                java.util.Collections.singletonMap(null, Map.of()),
                                null,
                                false,
                                60,
                                false,
                                tmp.resolve("work"),
                                false),
                        SettingNames.PLAIN));

        assertTrue(String.join("\n", e.problems()).contains("The import parameter 'env' has no value"));
        assertTrue(String.join("\n", e.problems()).contains("A <jobParam> of <jobParams> has no <name>."));
        assertTrue(String.join("\n", e.problems()).contains("OBS endpoint 'http://127.0.0.1:1/obs' has a path"));
    }

    private static ImportSettings dryRun(ImportSettings c) {
        return new ImportSettings(
                c.snapshotDirectory(),
                c.jobs(),
                c.excludes(),
                c.obsFolder(),
                c.obsEndpoint(),
                c.sameNamePolicy(),
                c.targetStatus(),
                c.executeUser(),
                c.params(),
                c.jobParams(),
                c.environment(),
                true,
                c.timeout(),
                c.keepPackage(),
                c.workDirectory());
    }

    @Test
    void badSettingsAreAllReportedBeforeAnyRequest() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ImportSettings.check(
                        new ImportSettings.Raw(
                                tmp.resolve("missing"),
                                List.of(),
                                List.of(),
                                "s3://bucket/",
                                null,
                                null,
                                "REPLACE",
                                "LIVE",
                                null,
                                Map.of(),
                                Map.of(),
                                tmp.resolve("missing.json"),
                                false,
                                0,
                                false,
                                tmp.resolve("work"),
                                true),
                        SettingNames.PLAIN));

        String all = String.join("\n", e.problems());
        for (String expected : List.of(
                "offline build",
                "No snapshot at",
                "No jobs to import",
                "does not start with obs://",
                "No OBS endpoint",
                "sameNamePolicy 'REPLACE'",
                "targetStatus 'LIVE'",
                "is not a file",
                "timeout 0")) {
            assertTrue(all.contains(expected), expected + " in\n" + all);
        }
    }

    @Test
    void theBytesPlannedAreTheBytesUploadedWhateverHappensToThePackageFile() throws Exception {
        emulator = target().start();
        ImportSettings config = config(null, 60, true);
        // Something rewrites package.zip once the plan is made (another process, an editor, a hostile tool).
        Log tampering = new Tap(log, line -> {
            if (line.startsWith("Import plan:")) {
                overwrite(config.packageFile());
            }
        });

        Promotion.Result result = run(config, tampering);

        assertTrue(result.task().succeeded(), log.lines().toString());
        String planned = plannedHash();
        assertEquals(64, planned.length(), "the plan names the package's SHA-256");
        assertEquals(List.of(planned), uploadedHashes());
        assertTrue(
                log.hasLineStartingWith("[INFO] Uploaded the package (SHA-256 " + planned + ") to "),
                log.lines().toString());
    }

    @Test
    void thePlanShowsWhatIsUploadedEvenIfThePackageFolderChangesMeanwhile() throws Exception {
        emulator = target().start();
        run(config(null, 60, false)); // the workspace has the jobs now: a second import's plan compares them
        Path packed = tmp.resolve("work/package/jobs/ods_orders_load.job");
        // Something edits the unpacked package once it is packed, before the plan is made from it.
        Log meddling = new Tap(log, line -> {
            if (line.startsWith("Packed ")) {
                try {
                    Files.writeString(
                            packed,
                            Files.readString(packed).replaceFirst("\\{", "{\n  \"injected\" : \"shown-in-plan\","));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        run(config(null, 60, true), meddling);

        String plan = Files.readString(tmp.resolve("work/plan.md"));
        boolean uploadedHasIt = false;
        for (Path zip : packagesInObs()) {
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
                for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    uploadedHasIt |= new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("shown-in-plan");
                }
            }
        }
        assertEquals(uploadedHasIt, plan.contains("shown-in-plan"), "the plan shows other bytes than were uploaded");
    }

    @Test
    void aSecondImportIntoTheSameWorkFolderStopsAtOnceAndTheFirstUploadsItsOwnPackage() throws Exception {
        emulator = target().importDuration(Duration.ofSeconds(2)).start();
        ImportSettings first = config(null, 60, true);
        CountDownLatch started = new CountDownLatch(1);
        Log watching = new Tap(log, line -> {
            if (line.startsWith("Import started:")) {
                started.countDown();
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Promotion.Result> running = pool.submit(() -> run(first, watching));
            assertTrue(started.await(30, TimeUnit.SECONDS), log.lines().toString());
            String plannedFirst = plannedHash();

            // Another mapping, as a dry run for production would have it: it must replace neither package nor plan.
            ImportSettings second =
                    dryRun(config("{\"connections\": {\"mrs_hive_retail\": \"mrs_hive_prod\"}}", 60, true));
            FolderLockedException e = assertThrows(FolderLockedException.class, () -> run(second, new RecordingLog()));

            assertTrue(
                    e.getMessage()
                            .startsWith("Another run (dlf:import, process "
                                    + ProcessHandle.current().pid()),
                    e.getMessage());
            assertTrue(e.getMessage().contains(" is writing to " + tmp.resolve("work") + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("with workDirectory."), e.getMessage());
            Promotion.Result result = running.get(60, TimeUnit.SECONDS);
            assertTrue(result.task().succeeded(), log.lines().toString());
            assertEquals(List.of(plannedFirst), uploadedHashes());
            assertEquals(plannedFirst, plannedHash(), "the first run's plan is still there");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoRunsOfTheSameSnapshotUploadToObjectsOfTheirOwn() throws Exception {
        emulator = target().start();
        run(config(null, 60, true));
        // The target forgets the import, so that the same package is imported again.
        FileTrees.delete(tmp.resolve("imported"));

        run(config(null, 60, true));

        List<Path> objects = packagesInObs();
        assertEquals(2, objects.size(), objects.toString());
        assertEquals(1, uploadedHashes().stream().distinct().count(), "the same bytes, in two objects");
    }

    @Test
    void theFirstLineAndThePlanNameWhereTheImportGoes() throws Exception {
        emulator = target().start();

        run(dryRun(config(null, 60, false)));

        String target = "the default workspace of project p1 at " + emulator.endpoint() + ", through"
                + " obs://import-bucket/dlf/ at " + emulator.endpoint() + ", with the credentials from test";
        assertEquals("[INFO] Import into " + target + ".", log.lines().get(0));
        JsonNode plan = JSON.readTree(tmp.resolve("work/plan.json").toFile());
        assertEquals("p1", plan.path("target").path("projectId").asText());
        assertEquals(
                emulator.endpoint().toString(),
                plan.path("target").path("endpoint").asText());
        assertTrue(plan.path("target").path("workspace").isNull());
        assertEquals(
                "obs://import-bucket/dlf/",
                plan.path("target").path("obsFolder").asText());
        assertEquals("test", plan.path("target").path("credentials").asText());
        String md = Files.readString(tmp.resolve("work/plan.md"));
        assertTrue(md.contains("| workspace | `(the default workspace)` |"), md);
        assertTrue(md.contains("| project | `p1` |"), md);
        assertTrue(md.contains("| endpoint | `" + emulator.endpoint() + "` |"), md);
    }

    @Test
    void aFirstPromotionShowsWhatTheMappingChangesInEachFileItCreates() throws Exception {
        emulator = target().start();

        run(dryRun(config("{\"connections\": {\"mrs_hive_retail\": \"mrs_hive_prod\"}}", 60, false)));

        List<String> lines = log.lines();
        int created = lines.indexOf("[INFO]   create: jobs/ods_orders_load.job");
        assertTrue(created >= 0, lines.toString());
        assertTrue(
                lines.get(created + 1)
                        .startsWith(
                                "[INFO]     mapped at nodes[check_source_partition].properties[connectionName].value"),
                lines.get(created + 1));
        assertTrue(lines.contains("[INFO]     -          \"value\": \"mrs_hive_retail\""), lines.toString());
        assertTrue(lines.contains("[INFO]     +          \"value\": \"mrs_hive_prod\""), lines.toString());
        String md = Files.readString(tmp.resolve("work/plan.md"));
        assertTrue(
                md.contains("### `jobs/ods_orders_load.job` (created; the environment mapping changed it from the"
                        + " snapshot's)"),
                md);
        assertTrue(md.contains("+          \"value\": \"mrs_hive_prod\""), md);
        JsonNode plan = JSON.readTree(tmp.resolve("work/plan.json").toFile());
        assertEquals(
                "nodes[check_source_partition].properties[connectionName].value",
                plan.path("files").get(0).path("mappedPaths").get(0).asText(),
                plan.toString());
    }

    private String plannedHash() throws Exception {
        return JSON.readTree(tmp.resolve("work/plan.json").toFile())
                .path("packageSha256")
                .asText();
    }

    private List<String> uploadedHashes() throws Exception {
        List<String> hashes = new java.util.ArrayList<>();
        for (Path object : packagesInObs()) {
            hashes.add(FileTrees.sha256(Files.readAllBytes(object)));
        }
        return hashes;
    }

    private static void overwrite(Path file) {
        try {
            Files.writeString(file, "not the package that was planned");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A log that also hands each line to a hook. */
    private record Tap(Log log, java.util.function.Consumer<String> hook) implements Log {
        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public void info(String message) {
            log.info(message);
            hook.accept(message);
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }

        @Override
        public void error(String message) {
            log.error(message);
        }
    }
}
