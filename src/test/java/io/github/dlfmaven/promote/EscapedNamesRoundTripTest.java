package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.SystemTask;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that Windows cannot hold as file names, round the loop on two emulators: exported from one workspace, imported
 * into another, exported from that one again. The snapshots have the same escaped file names, the packages DLF reads
 * and writes have the names as they are.
 */
class EscapedNamesRoundTripTest {

    private static final Credentials KEYS =
            Credentials.of("ROUNDTRIPTESTAK00001", "roundTripTestSecretKey0000000000000000001", "test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALES_REPORT = "\u9500\u552e\u65e5\u62a5";

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final HttpTransport transport = HttpTransport.builder().build();
    private final List<DlfEmulator> emulators = new ArrayList<>();

    @AfterEach
    void stop() {
        emulators.forEach(DlfEmulator::close);
        transport.close();
    }

    @Test
    void exportImportExportKeepsTheEscapedFileNamesAndTheNames() throws Exception {
        // The emulator reads its fixtures as it reads a snapshot: file names escaped as an export writes them.
        Path development = tmp.resolve("development");
        job(development, "jobs/CO%4E.job", "CON", "a|b");
        job(development, "jobs/a%3Ab.job", "a:b", null);
        job(development, "jobs/trailing%2E.job", "trailing.", null);
        job(development, "jobs/" + SALES_REPORT + ".job", SALES_REPORT, null);
        write(
                development,
                "scripts/a%7Cb.script",
                JSON.createObjectNode()
                        .put("name", "a|b")
                        .put("type", "HiveSQL")
                        .put("content", "SELECT 1"));
        DlfEmulator source = start(DlfEmulator.builder(development, KEYS));
        List<String> files = List.of(
                "jobs/CO%4E.job",
                "jobs/a%3Ab.job", "jobs/trailing%2E.job", "jobs/" + SALES_REPORT + ".job", "scripts/a%7Cb.script");

        Path snapshot = tmp.resolve("snapshot");
        export(source, snapshot);

        assertEquals(files, FileTrees.files(snapshot));
        assertEquals(List.of("CON", "a:b", "trailing.", SALES_REPORT, "a|b"), namesInside(snapshot, files));

        DlfEmulator target = start(DlfEmulator.builder(Files.createDirectories(tmp.resolve("production")), KEYS)
                .obsDirectory(tmp.resolve("obs"))
                .importDuration(Duration.ofMillis(20)));
        ImportSettings config = ImportTestSettings.of(
                snapshot, List.of("*"), target.endpoint().toString(), null, 60, true, tmp.resolve("work"));

        Promotion.Result result = importInto(target, config);

        assertTrue(result.task().succeeded(), result.task().toString());
        assertEquals(
                List.of("CON", "a:b", "a|b", "trailing.", SALES_REPORT),
                result.task().subtasks().stream()
                        .map(SystemTask.Subtask::name)
                        .sorted()
                        .toList());
        assertEquals(
                List.of(
                        "jobs/CON.job",
                        "jobs/a:b.job",
                        "jobs/trailing..job",
                        "jobs/" + SALES_REPORT + ".job",
                        "scripts/a|b.script"),
                entries(config.packageFile()),
                "DLF takes the names from the package's entries");
        assertEquals(
                files, FileTrees.files(config.packageDirectory()), "the plan compares files laid out as a snapshot");

        Path again = tmp.resolve("again");
        export(target, again);

        assertEquals(files, FileTrees.files(again));
        for (String file : files) {
            assertEquals(Files.readString(snapshot.resolve(file)), Files.readString(again.resolve(file)), file);
        }
    }

    private DlfEmulator start(DlfEmulator.Builder builder) throws IOException {
        DlfEmulator emulator = builder.start();
        emulators.add(emulator);
        return emulator;
    }

    private DlfClient client(DlfEmulator emulator) {
        return DlfClient.builder(emulator.endpoint(), "p1", KEYS)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(0))
                .build();
    }

    private TestExport exportConfig(DlfEmulator emulator, Path output) throws Exception {
        return TestExport.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("p1")
                .jobs(List.of("*"))
                .outputDirectory(output)
                .build();
    }

    private void export(DlfEmulator emulator, Path output) throws Exception {
        try (DlfClient client = client(emulator)) {
            TestExport export = exportConfig(emulator, output);
            new Exporter(export.settings(), export.connection(), client, log).run();
        }
    }

    private Promotion.Result importInto(DlfEmulator emulator, ImportSettings config) throws Exception {
        AuthenticationSource keys = AuthenticationSource.fixed(new Authentication.Signed(KEYS));
        try (DlfClient client = client(emulator)) {
            ObsStore obs = new ObsStore(transport, emulator.endpoint(), keys, RetryPolicy.of(0), Clock.systemUTC());
            TestExport export = exportConfig(emulator, config.currentDirectory());
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

    /** A job with one node, which runs {@code script} when there is one. */
    private static void job(Path root, String path, String name, String script) throws IOException {
        ObjectNode job = JSON.createObjectNode().put("name", name).put("processType", "BATCH");
        job.putObject("schedule").put("type", "EXECUTE_ONCE");
        ObjectNode node = job.putArray("nodes").addObject().put("name", "run").put("type", "HiveSQL");
        node.putObject("location").put("x", "0").put("y", "0");
        node.putArray("preNodeName");
        if (script != null) {
            node.putArray("properties").addObject().put("name", "scriptName").put("value", script);
        }
        write(root, path, job);
    }

    private static void write(Path root, String path, ObjectNode json) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(json));
    }

    /** The {@code name} of each definition, in the order of the files. */
    private static List<String> namesInside(Path root, List<String> files) throws IOException {
        List<String> names = new ArrayList<>();
        for (String file : files) {
            names.add(JSON.readTree(root.resolve(file).toFile()).path("name").asText());
        }
        return names;
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
