package io.github.dlfmaven.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Patterns, the job list, batches and their fallback, against the emulator over real HTTP. */
class WorkspaceExportTest {

    static final Credentials CREDENTIALS =
            Credentials.of("WORKSPACEAK000000001", "workspaceSecretKey000000000000000000000", "test");

    @TempDir
    Path temp;

    private Path fixtures;
    private final RecordingLog log = new RecordingLog();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** 250 batch jobs etl_000..etl_249 (even ones in /finance/daily, odd ones in /sales), 3 real-time jobs, one shared script. */
    @BeforeEach
    void writeWorkspace() throws IOException {
        fixtures = temp.resolve("fixtures");
        Files.createDirectories(fixtures.resolve("jobs"));
        Files.createDirectories(fixtures.resolve("scripts"));
        for (int i = 0; i < 250; i++) {
            String name = String.format("etl_%03d", i);
            String directory = i % 2 == 0 ? "/finance/daily" : "/sales";
            Files.writeString(
                    fixtures.resolve("jobs/" + name + ".job"),
                    "{\n  \"directory\": \"" + directory + "\",\n  \"name\": \""
                            + name
                            + "\",\n  \"nodes\": [\n    {\n      \"properties\": [\n        {\n          \"name\": \"scriptName\",\n"
                            + "          \"value\": \"shared\"\n        }\n      ]\n    }\n  ]\n}\n");
        }
        for (String name : List.of("stream_a", "stream_b", "stream_c")) {
            Files.writeString(
                    fixtures.resolve("jobs/" + name + ".job"),
                    "{\n  \"directory\": \"/finance/rt\",\n  \"name\": \"" + name
                            + "\",\n  \"processType\": \"REAL_TIME\"\n}\n");
        }
        Files.writeString(
                fixtures.resolve("scripts/shared.script"),
                "{\n  \"content\": \"select 1\",\n  \"name\": \"shared\"\n}\n");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DlfEmulator.OffsetMode.class)
    void listingPagesThroughBothOffsetReadingsAndFallsBackToPagesOf100(DlfEmulator.OffsetMode mode) throws Exception {
        DlfEmulator emulator = start(
                DlfEmulator.builder(fixtures, CREDENTIALS).offsetMode(mode).maxPageSize(100));

        List<JobSummary> batch;
        try (DlfClient client = client(emulator)) {
            batch = new JobLister(client, log).listAll("BATCH");
        }

        assertEquals(250, batch.size());
        assertEquals(250, batch.stream().map(JobSummary::name).distinct().count());
        assertEquals("/finance/daily", batch.get(0).directory());
        // limit=1000 refused, then pages of 100: first page, the offset probe, then the rest.
        assertEquals(1, requests(" -> 400 "));
        assertTrue(requests("GET /v1/p/jobs -> 200") <= 4, log.lines()::toString);
    }

    @Test
    void aPatternSelectsFromBothJobTypesAndExcludesApply() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        ExportSummary summary = run(
                emulator,
                config(emulator).jobs(List.of("etl_00?", "stream_*")).excludes(List.of("etl_005", "stream_b")));

        assertEquals(
                List.of(
                        "etl_000",
                        "etl_001",
                        "etl_002",
                        "etl_003",
                        "etl_004",
                        "etl_006",
                        "etl_007",
                        "etl_008",
                        "etl_009",
                        "stream_a",
                        "stream_c"),
                summary.jobs());
        assertTrue(
                log.hasLineStartingWith(
                        "[INFO] Selected 11 job(s): 0 by name, 13 matching [etl_00?, stream_*]; skipped 2"
                                + " excluded by [etl_005, stream_b]."),
                log.lines()::toString);
    }

    @Test
    void theDirectoryFilterLimitsPatternsButNotPlainNames() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        ExportSummary summary = run(
                emulator, config(emulator).jobs(List.of("etl_01*", "etl_011")).directory("/finance/"));

        assertEquals(List.of("etl_011", "etl_010", "etl_012", "etl_014", "etl_016", "etl_018"), summary.jobs());
        assertTrue(
                log.hasLineStartingWith(
                        "[INFO] Selected 6 job(s): 1 by name, 5 matching [etl_01*]; 125 listed job(s) are"
                                + " outside /finance/."),
                log.lines()::toString);
    }

    @Test
    void aPatternThatMatchesNothingFailsUnlessEmptyIsAllowed() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path output = temp.resolve("out");

        SelectionException e = assertThrows(
                SelectionException.class,
                () -> run(
                        emulator,
                        config(emulator).jobs(List.of("etl_000", "nightly_*")).outputDirectory(output)));
        assertEquals(
                "No job matches nightly_*. Check the pattern, or set allowEmpty (-Ddlf.allowEmpty=true) if that can happen.",
                e.getMessage());
        assertEquals(List.of(), List.copyOf(FileTrees.state(output, false).keySet()));

        ExportSummary summary = run(
                emulator, config(emulator).jobs(List.of("etl_000", "nightly_*")).allowEmpty(true));
        assertEquals(List.of("etl_000"), summary.jobs());
    }

    @Test
    void everythingExcludedIsAnErrorUnlessEmptyIsAllowedWhichExportsAnEmptySnapshot() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path output = temp.resolve("out");
        Files.createDirectories(output.resolve("jobs"));
        Files.writeString(output.resolve("jobs/old.job"), "{}\n");

        assertThrows(
                SelectionException.class,
                () -> run(
                        emulator,
                        config(emulator)
                                .jobs(List.of("stream_*"))
                                .excludes(List.of("stream_*"))
                                .outputDirectory(output)));
        assertEquals(
                List.of("jobs/", "jobs/old.job"),
                List.copyOf(FileTrees.state(output, false).keySet()));

        run(
                emulator,
                config(emulator)
                        .jobs(List.of("stream_*"))
                        .excludes(List.of("stream_*"))
                        .allowEmpty(true)
                        .outputDirectory(output));
        assertEquals(List.of(), List.copyOf(FileTrees.state(output, false).keySet()));
    }

    @Test
    void batchesHoldAtMost100JobsAndGiveTheSameTreeAsSingleExports() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path batched = temp.resolve("batched");
        Path single = temp.resolve("single");

        ExportSummary summary =
                run(emulator, config(emulator).jobs(List.of("*")).threads(2).outputDirectory(batched));
        int batchRequests = requests("POST /v1/p/jobs/batch-export -> 200");
        run(
                emulator,
                config(emulator).jobs(List.of("*")).batch(false).threads(4).outputDirectory(single));

        assertEquals(253, summary.jobs().size());
        assertEquals(3, batchRequests, "253 jobs on 2 threads: batches of 100, 100 and 53");
        assertEquals(
                3,
                requests("POST /v1/p/jobs/stream_a/export -> 200")
                        + requests("POST /v1/p/jobs/stream_b/export -> 200")
                        + requests("POST /v1/p/jobs/stream_c/export -> 200"),
                "the single run exported each job on its own");
        SortedMap<String, String> tree = FileTrees.state(batched, false);
        assertEquals(253 + 1 + 2, tree.size(), "253 jobs, one shared script, two folders");
        assertEquals(tree, FileTrees.state(single, false));
    }

    @Test
    void aBatchAndASingleExportMixWhenTheLastChunkHasOneJob() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            jobs.add(String.format("etl_%03d", i));
        }

        ExportSummary summary = run(emulator, config(emulator).jobs(jobs).threads(1));

        assertEquals(101, summary.jobs().size());
        assertEquals(1, requests("POST /v1/p/jobs/batch-export -> 200"));
        assertEquals(1, requests("POST /v1/p/jobs/etl_100/export -> 200"));
        assertEquals(0, requests("GET /v1/p/jobs"), "plain names need no job list");
    }

    @Test
    void aMissingJobInABatchIsNamedAfterTheFallbackToSingleExports() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path output = temp.resolve("out");

        ExportFailedException e = assertThrows(
                ExportFailedException.class,
                () -> run(
                        emulator,
                        config(emulator)
                                .jobs(List.of("etl_000", "etl_001", "gone", "etl_002"))
                                .threads(1)
                                .outputDirectory(output)));

        DlfApiException cause =
                assertInstanceOf(DlfApiException.class, e.failures().get("gone"));
        assertEquals("DLF.0100", cause.errorCode().orElseThrow());
        assertTrue(e.getMessage().startsWith("Export of job 'gone' failed: HTTP 400, DLF.0100"), e.getMessage());
        assertEquals(1, requests("POST /v1/p/jobs/batch-export -> 400"));
        assertTrue(
                log.hasLineStartingWith(
                        "[INFO] Batch export of 4 jobs ('etl_000', 'etl_001', 'gone', ...) failed: HTTP 400,"),
                log.lines()::toString);
        assertEquals(List.of(), List.copyOf(FileTrees.state(output, false).keySet()));
    }

    @Test
    void theSizeLimitsApplyPerJobAlsoInABatch() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        long oneJob = Files.size(fixtures.resolve("jobs/etl_000.job"))
                + Files.size(fixtures.resolve("scripts/shared.script"));

        ExportSummary batched = run(
                emulator,
                config(emulator)
                        .jobs(List.of("etl_000", "etl_002", "etl_004"))
                        .threads(1)
                        .maxExtractedBytes(oneJob + 50)
                        .maxEntries(2));

        assertEquals(3, batched.jobs().size());
        assertEquals(1, requests("POST /v1/p/jobs/batch-export -> 200"));
    }

    @Test
    void aManyJobExportLogsProgressNotEveryJob() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        run(emulator, config(emulator).jobs(List.of("etl_*")).batch(false));

        assertEquals(
                0,
                log.lines().stream()
                        .filter(l -> l.startsWith("[INFO] Exported job "))
                        .count());
        assertTrue(log.hasLineStartingWith("[DEBUG] Exported job 'etl_000': 2 files"), log.lines()::toString);
        assertTrue(log.hasLineStartingWith("[INFO] Exported 250 jobs: 251 files"), log.lines()::toString);
    }

    // ---------------------------------------------------------------- helpers

    private DlfEmulator start(DlfEmulator.Builder builder) throws IOException {
        DlfEmulator emulator = builder.log(log).start();
        toClose.add(emulator);
        return emulator;
    }

    private static DlfClient client(DlfEmulator emulator) {
        return DlfClient.builder(emulator.endpoint(), "p", CREDENTIALS).build();
    }

    private TestExport.Builder config(DlfEmulator emulator) {
        return TestExport.builder()
                .names(MavenSettingNames.INSTANCE)
                .endpoint(emulator.endpoint().toString())
                .projectId("p")
                .outputDirectory(temp.resolve("out-" + System.nanoTime()));
    }

    private ExportSummary run(DlfEmulator emulator, TestExport.Builder config) throws Exception {
        TestExport built = config.build();
        try (DlfClient client = Exporter.client(built.connection(), log)
                .credentials(CREDENTIALS)
                .build()) {
            return new Exporter(built.settings(), built.connection(), client, log).run();
        }
    }

    /** Emulator log lines containing {@code text}. */
    private int requests(String text) {
        return (int) log.lines().stream()
                .filter(l -> l.startsWith("[INFO] Emulator: ") && l.contains(text))
                .count();
    }
}
