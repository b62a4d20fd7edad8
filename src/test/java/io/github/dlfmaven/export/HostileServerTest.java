package io.github.dlfmaven.export;

import static io.github.dlfmaven.export.ExporterTest.tree;
import static io.github.dlfmaven.export.ExporterTest.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.files.FolderLockedException;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole export against a server that sends what it should not: packages without the job, names that are
 * paths, files that collide on disk; and two exports into one folder at once.
 */
class HostileServerTest {

    private final MockWebServer server = new MockWebServer();
    /** Answers by path after {@code /v1/p/jobs/}: a job name, "batch-export", or "" for the job list. */
    private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    @TempDir
    Path temp;

    private Path output;

    @BeforeEach
    void start() throws Exception {
        output = temp.resolve("project/target/dlf");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getUrl().encodedPath();
                requested.add(request.getMethod() + " " + path);
                hold.await(10, TimeUnit.SECONDS);
                List<String> segments = request.getUrl().pathSegments();
                String key = segments.size() > 3 ? segments.get(3) : "";
                return answers.getOrDefault(key, ExporterTest.error(400, "DLF.0100", "The job does not exists."));
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        write(output, "jobs/old.job", "{}\n");
    }

    @AfterEach
    void stop() {
        hold.countDown();
        server.close();
    }

    @Test
    void anEmptyPackageFailsTheJobAndKeepsThePreviousSnapshot() throws Exception {
        answers.put(
                "a",
                new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/octet-stream")
                        .body(new Buffer()
                                .write(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                                }))
                        .build());
        SortedMap<String, String> before = FileTrees.state(output, true);

        ExportFailedException e = assertThrows(
                ExportFailedException.class, () -> run(config(List.of("a")).build()));

        assertInstanceOf(UnsafeArchiveException.class, e.failures().get("a"));
        assertTrue(
                e.getMessage()
                        .startsWith("The export of job 'a' was refused: the package DLF sent holds no definition"
                                + " of the job (jobs/a.job) and no other file either."),
                e.getMessage());
        assertEquals(before, FileTrees.state(output, true));
    }

    @Test
    void aPackageWithoutTheRequestedJobFailsThatJob() throws Exception {
        answers.put("a", zip(Map.of("jobs/someone_else.job", "{}", "scripts/s.script", "{}")));

        ExportFailedException e = assertThrows(
                ExportFailedException.class, () -> run(config(List.of("a")).build()));

        assertTrue(
                e.getMessage().contains("holds no definition of the job (jobs/a.job), only 2 other files"),
                e.getMessage());
        assertEquals(List.of("jobs/old.job"), tree(output));
    }

    @Test
    void aBatchLackingAJobsDefinitionExportsThatJobAlone() throws Exception {
        answers.put("batch-export", zip(Map.of("jobs/a/a.job", "{\"name\":\"a\"}")));
        answers.put("b", zip(Map.of("jobs/b.job", "{\"name\":\"b\"}")));

        run(config(List.of("a", "b")).threads(1).build());

        assertEquals(List.of("POST /v1/p/jobs/batch-export", "POST /v1/p/jobs/b/export"), requested);
        assertEquals(List.of("jobs/a.job", "jobs/b.job"), tree(output));
        assertTrue(
                log.hasLineStartingWith(
                        "[INFO] The package of the batch of 2 jobs ('a' to 'b') holds no definition of 1"
                                + " of them ('b'); exporting it one by one instead."),
                log.lines()::toString);
    }

    @Test
    void namesFromTheJobListThatArePathsOrControlCharactersAreNeverRequested() throws Exception {
        answers.put(
                "",
                new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/json")
                        .body(
                                "{\"total\":5,\"jobs\":[{\"name\":\"ok\"},{\"name\":\"..\"},{\"name\":\".\"},{\"name\":\"a/b\"},"
                                        + "{\"name\":\"x\\u001b[2J\\n[INFO] BUILD SUCCESS\"}]}")
                        .build());
        answers.put("ok", zip(Map.of("jobs/ok.job", "{}")));

        run(config(List.of("*")).batch(false).build());

        assertEquals(List.of("jobs/ok.job"), tree(output));
        assertEquals(
                List.of("POST /v1/p/jobs/ok/export"),
                requested.stream().filter(r -> r.startsWith("POST")).toList(),
                "nothing else was sent as a path");
        String warning = log.lines().stream()
                .filter(l -> l.startsWith("[WARN] The job list names 4 job(s)"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(log.lines()));
        assertTrue(
                warning.contains("'..' ('.' and '..' would change the request's path)")
                        && warning.contains("'a/b' (it contains '/' or '\\')")
                        && warning.contains("'x\\u001B[2J\\n[INFO] BUILD SUCCESS' (it contains control characters)"),
                warning);
        log.lines().forEach(line -> assertFalse(line.chars().anyMatch(c -> c < 0x20), line));
    }

    @Test
    void aForgedContentTypeCannotForgeALogLine() throws Exception {
        MockResponse unsafe = zip(Map.of("jobs/a.job", "{}", "../escape.txt", "x"));
        answers.put(
                "a",
                unsafe.newBuilder()
                        .removeHeader("Content-Type")
                        .addHeaderLenient("Content-Type", "application/zip\u001b[2J\r[INFO] BUILD SUCCESS")
                        .build());

        ExportFailedException e = assertThrows(
                ExportFailedException.class, () -> run(config(List.of("a")).build()));

        assertTrue(
                e.getMessage().contains("(Content-Type application/zip\\u001B[2J\\r[INFO] BUILD SUCCESS)"),
                e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 && c != '\n'), e.getMessage());
    }

    @Test
    void limitsAsLargeAsALongStillExport() throws Exception {
        answers.put("batch-export", zip(Map.of("jobs/a/a.job", "{}", "jobs/b/b.job", "{}")));
        answers.put("c", zip(Map.of("jobs/c.job", "{}")));

        run(config(List.of("a", "b"))
                .threads(1)
                .maxExtractedBytes(Long.MAX_VALUE)
                .maxTotalBytes(Long.MAX_VALUE)
                .build());
        run(config(List.of("c"))
                .maxExtractedBytes(Long.MAX_VALUE)
                .maxTotalBytes(Long.MAX_VALUE)
                .build());

        assertEquals(List.of("jobs/c.job"), tree(output));
    }

    @Test
    void twoJobsWhoseFilesCollideOnDiskAreAConflictNotACrash() throws Exception {
        answers.put("a", zip(Map.of("jobs/a.job", "{}", "other/x", "a file")));
        answers.put("b", zip(Map.of("jobs/b.job", "{}", "other/x/y", "needs other/x to be a folder")));

        SnapshotConflictException e = assertThrows(
                SnapshotConflictException.class,
                () -> run(config(List.of("a", "b")).batch(false).threads(1).build()));

        assertEquals(
                "Jobs 'a' and 'b' bring other/x and other/x/y, which this file system cannot hold side by side (a file"
                        + " and a folder of the same name, or names that differ only in case); rename one in DataArts Factory."
                        + " The output folder was left as it was.",
                e.getMessage());
        assertEquals(List.of("jobs/old.job"), tree(output));
    }

    @Test
    void aSecondExportIntoTheSameFolderStopsAtOnceAndTheFirstFinishes() throws Exception {
        answers.put("a", zip(Map.of("jobs/a.job", "{}")));
        hold = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<ExportSummary> running =
                    first.submit(() -> run(config(List.of("a")).build()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (requested.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            FolderLockedException e = assertThrows(
                    FolderLockedException.class, () -> run(config(List.of("a")).build()));

            assertTrue(
                    e.getMessage()
                            .startsWith("Another run (dlf:export, process "
                                    + ProcessHandle.current().pid() + ", started "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(") is writing to " + output + " (it holds "), e.getMessage());
            assertEquals(1, requested.size(), "the second export sent nothing");
            hold.countDown();
            assertEquals(List.of("a"), running.get(10, TimeUnit.SECONDS).jobs());
        } finally {
            first.shutdownNow();
        }
        assertEquals(List.of("jobs"), SnapshotNames.of(output), "no lock file, no work folder");
        assertEquals(List.of("jobs/a.job"), tree(output));
    }

    // ---------------------------------------------------------------- helpers

    private TestExport.Builder config(List<String> jobs) {
        return TestExport.builder()
                .endpoint(server.url("/").toString())
                .projectId("p")
                .jobs(jobs)
                .outputDirectory(output);
    }

    private ExportSummary run(TestExport config) throws Exception {
        try (DlfClient client = Exporter.client(config.connection(), log)
                .credentials(Credentials.of("AK", "SK", "test"))
                .build()) {
            return new Exporter(config.settings(), config.connection(), client, log).run();
        }
    }

    private static void write(Path root, String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** The names directly in a folder, hidden ones included. */
    private static final class SnapshotNames {
        static List<String> of(Path folder) throws Exception {
            try (var list = Files.list(folder)) {
                return list.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}
