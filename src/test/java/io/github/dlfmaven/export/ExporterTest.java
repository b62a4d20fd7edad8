package io.github.dlfmaven.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import io.github.dlfmaven.testing.TestZip;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole export against a local HTTP server that answers like DLF: real HTTP, real zips, real files. */
class ExporterTest {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final RecordingLog log = new RecordingLog();

    @TempDir
    Path temp;

    private Path output;

    @BeforeEach
    void start() throws Exception {
        output = temp.resolve("project/target/dlf");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(50);
                    String job = request.getUrl().pathSegments().get(3);
                    return answers.getOrDefault(job, error(400, "DLF.0100", "The job does not exists."));
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sharedScriptIsWrittenOnceAndJsonIsNormalized() throws Exception {
        answers.put(
                "load",
                zip(Map.of(
                        "jobs/load.job",
                                "{\"name\":\"load\",\"nodes\":[{\"properties\":[{\"name\":\"scriptName\",\"value\":\"common\"}]}]}",
                        "scripts/common.script", "{\"type\":\"HiveSQL\",\"name\":\"common\"}")));
        answers.put(
                "aggregate",
                zip(Map.of(
                        "jobs/aggregate.job", "{\"name\":\"aggregate\"}",
                        "scripts/common.script", "{ \"name\" : \"common\", \"type\" : \"HiveSQL\" }",
                        "resources/lib.resource", "{\"name\":\"lib\",\"location\":\"obs://b/lib.jar\"}")));

        ExportSummary summary = run(config(List.of("load", "aggregate")));

        assertEquals(
                List.of("jobs/aggregate.job", "jobs/load.job", "resources/lib.resource", "scripts/common.script"),
                tree(output));
        assertEquals(
                "{\n  \"name\": \"common\",\n  \"type\": \"HiveSQL\"\n}\n",
                Files.readString(output.resolve("scripts/common.script")));
        assertEquals(4, summary.filesWritten());
        assertTrue(log.hasLineStartingWith("[INFO] Exported job 'load': 2 files, "), log.lines()::toString);
        assertTrue(log.hasLineStartingWith("[INFO] Exported 2 jobs: 4 files ("), log.lines()::toString);
    }

    @Test
    void newSnapshotReplacesTheOldOne() throws Exception {
        Files.createDirectories(output.resolve("jobs"));
        Files.writeString(output.resolve("jobs/removed_upstream.job"), "{}\n");
        answers.put("a", zip(Map.of("jobs/a.job", "{\"name\":\"a\"}")));

        run(config(List.of("a")));

        assertEquals(List.of("jobs/a.job"), tree(output));
    }

    @Test
    void aFailedJobLeavesThePreviousSnapshotExactlyAsItWas() throws Exception {
        Files.createDirectories(output.resolve("jobs"));
        Files.writeString(output.resolve("jobs/old.job"), "{\"old\":true}\n");
        Map<String, String> before = FileTrees.state(temp, true);
        answers.put("good", zip(Map.of("jobs/good.job", "{\"name\":\"good\"}")));

        ExportFailedException e =
                assertThrows(ExportFailedException.class, () -> run(config(List.of("good", "missing"))));

        assertEquals(before, FileTrees.state(temp, true));
        DlfApiException cause =
                assertInstanceOf(DlfApiException.class, e.failures().get("missing"));
        assertEquals(400, cause.httpStatus());
        assertTrue(
                e.getMessage().contains("job 'missing'")
                        && e.getMessage().contains("DLF.0100")
                        && e.getMessage().contains("The job does not exists.")
                        && e.getMessage().contains("was left as it was"),
                e.getMessage());
    }

    @Test
    void aFailedFirstExportCreatesNoFolderAtAll() {
        assertThrows(ExportFailedException.class, () -> run(config(List.of("missing"))));

        assertFalse(Files.exists(temp.resolve("project")), "nothing may be left behind, not even empty folders");
    }

    @Test
    void twoJobsWithDifferentContentForOneFileFailNamingBoth() throws Exception {
        answers.put("one", zip(Map.of("jobs/one.job", "{}", "scripts/s.script", "{\"content\":\"select 1\"}")));
        answers.put("two", zip(Map.of("jobs/two.job", "{}", "scripts/s.script", "{\"content\":\"select 2\"}")));

        SnapshotConflictException e =
                assertThrows(SnapshotConflictException.class, () -> run(config(List.of("one", "two"))));

        assertTrue(
                e.getMessage().contains("'one'")
                        && e.getMessage().contains("'two'")
                        && e.getMessage().contains("scripts/s.script"),
                e.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void namesWindowsCannotHoldAreStoredUnderEscapedFileNamesAndOthersAsTheyAre() throws Exception {
        for (String job : List.of("CON", "nul.txt", "a:b", "trailing.", "\u9500\u552e\u65e5\u62a5")) {
            answers.put(job, zip(Map.of("jobs/" + job + ".job", "{\"name\":\"" + job + "\"}")));
        }

        run(config(List.of("CON", "nul.txt", "a:b", "trailing.", "\u9500\u552e\u65e5\u62a5")));

        assertEquals(
                List.of(
                        "jobs/CO%4E.job",
                        "jobs/a%3Ab.job",
                        "jobs/nu%6C.txt.job",
                        "jobs/trailing%2E.job",
                        "jobs/\u9500\u552e\u65e5\u62a5.job"),
                tree(output));
        assertEquals("{\n  \"name\": \"CON\"\n}\n", Files.readString(output.resolve("jobs/CO%4E.job")));
    }

    @Test
    void twoJobsWhoseFileNamesDifferOnlyInCaseAreRefusedAndThePreviousSnapshotStays() throws Exception {
        Files.createDirectories(output.resolve("jobs"));
        Files.writeString(output.resolve("jobs/old.job"), "{\"old\":true}\n");
        Map<String, String> before = FileTrees.state(temp, true);
        answers.put("Daily", zip(Map.of("jobs/Daily.job", "{\"name\":\"Daily\"}")));
        answers.put("daily", zip(Map.of("jobs/daily.job", "{\"name\":\"daily\"}")));

        SnapshotConflictException e =
                assertThrows(SnapshotConflictException.class, () -> run(config(List.of("Daily", "daily"))));

        assertTrue(
                e.getMessage()
                        .startsWith("The jobs 'Daily' and 'daily' would be stored as jobs/Daily.job and"
                                + " jobs/daily.job, which differ only in case"),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("or leave one out with excludes. The output folder was left as it was."),
                e.getMessage());
        assertEquals(before, FileTrees.state(temp, true));
    }

    @Test
    void aHostileArchiveFailsTheJobAndWritesNothingOutside() throws Exception {
        answers.put("evil", zip(Map.of("jobs/evil.job", "{}", "../../escaped.txt", "gotcha")));

        ExportFailedException e = assertThrows(ExportFailedException.class, () -> run(config(List.of("evil"))));

        assertInstanceOf(UnsafeArchiveException.class, e.getCause());
        assertTrue(e.getMessage().contains("job 'evil'") && e.getMessage().contains(".."), e.getMessage());
        assertEquals(List.of(), tree(temp));
    }

    @Test
    void anHtmlPageInsteadOfAZipIsDescribed() throws Exception {
        answers.put(
                "a",
                new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "text/html")
                        .body("<!DOCTYPE html><html><body>Proxy login required</body></html>")
                        .build());

        ExportFailedException e = assertThrows(ExportFailedException.class, () -> run(config(List.of("a"))));

        assertTrue(
                e.getMessage().contains("HTML page")
                        && e.getMessage().contains("Proxy login required")
                        && e.getMessage().contains("text/html"),
                e.getMessage());
    }

    @Test
    void noMoreThanThreadsJobsAreInFlight() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add("job" + i);
            answers.put("job" + i, zip(Map.of("jobs/job" + i + ".job", "{\"i\":" + i + "}")));
        }

        run(TestExport.builder()
                .endpoint(server.url("/").toString())
                .projectId("p")
                .jobs(jobs)
                .outputDirectory(output)
                .threads(3)
                .build());

        assertEquals(3, maxInFlight.get());
        assertEquals(12, tree(output).size());
    }

    @Test
    void obsModeUnpacksNothingAndLogsWhereEachJobWent() throws Exception {
        answers.put(
                "a",
                new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/json")
                        .body("{\"obsPath\":\"obs://bucket/dlf/a_20261128/\"}")
                        .build());

        ExportSummary summary = run(TestExport.builder()
                .endpoint(server.url("/").toString())
                .projectId("p")
                .jobs(List.of("a"))
                .obsPath("obs://bucket/dlf/")
                .outputDirectory(output)
                .build());

        assertEquals("obs://bucket/dlf/a_20261128/", summary.obsLocations().get("a"));
        assertFalse(Files.exists(temp.resolve("project")));
        assertTrue(
                log.hasLineStartingWith("[INFO] Exported job 'a' to obs://bucket/dlf/a_20261128/"),
                log.lines()::toString);
        RecordedRequest sent = server.takeRequest();
        assertEquals(
                "{\"exportDepend\":true,\"exportStatus\":\"DEVELOP\",\"obsPath\":\"obs://bucket/dlf/\"}",
                sent.getBody().string(StandardCharsets.UTF_8));
    }

    private ExportSummary run(TestExport config) throws Exception {
        try (DlfClient client = Exporter.client(config.connection(), log)
                .credentials(Credentials.of("AK", "SK", "test"))
                .build()) {
            return new Exporter(config.settings(), config.connection(), client, log).run();
        }
    }

    private TestExport config(List<String> jobs) throws Exception {
        return TestExport.builder()
                .endpoint(server.url("/").toString())
                .projectId("p")
                .jobs(jobs)
                .outputDirectory(output)
                .build();
    }

    static MockResponse zip(Map<String, String> entries) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(TestZip.of(new TreeMap<>(entries))))
                .build();
    }

    static MockResponse error(int status, String code, String message) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"" + code + "\",\"error_msg\":\"" + message + "\"}")
                .build();
    }

    /** Relative paths of all files under a folder, sorted. */
    static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
