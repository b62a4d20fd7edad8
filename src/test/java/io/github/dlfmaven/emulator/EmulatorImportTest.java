package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ImportRequest;
import io.github.dlfmaven.api.JobImports;
import io.github.dlfmaven.api.SystemTask;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.config.ObsLocation;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.obs.ObsException;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.promote.EnvironmentMapping;
import io.github.dlfmaven.promote.ImportPackage;
import io.github.dlfmaven.testing.FileTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The round trip on the emulator with the plugin's own clients: upload to its OBS, check, import, export again. */
class EmulatorImportTest {

    private static final Credentials KEYS = DlfEmulatorTest.CREDENTIALS;
    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final ObsLocation FOLDER = ObsLocation.parse("obs://import-bucket/dlf/");

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HttpTransport transport = HttpTransport.builder().build();
    private Path fixtures;

    @BeforeEach
    void copyFixtures() throws Exception {
        fixtures = tmp.resolve("fixtures");
        FileTrees.copy(QUICK_START, fixtures);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        transport.close();
    }

    private DlfEmulator start(DlfEmulator.Builder builder) throws Exception {
        DlfEmulator emulator = builder.importDuration(Duration.ofMillis(30)).start();
        toClose.add(emulator);
        return emulator;
    }

    private DlfClient client(DlfEmulator emulator) {
        DlfClient client = DlfClient.builder(emulator.endpoint(), "p1", KEYS)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(0))
                .build();
        toClose.add(client);
        return client;
    }

    private ObsStore obs(DlfEmulator emulator, Credentials credentials) {
        return new ObsStore(
                transport,
                emulator.endpoint(),
                AuthenticationSource.fixed(new Authentication.Signed(credentials)),
                RetryPolicy.of(0),
                Clock.systemUTC());
    }

    /** Packs one quick-start job with the mapping and uploads it; returns its obs:// path. */
    private String upload(DlfEmulator emulator, String job, EnvironmentMapping mapping) throws Exception {
        Path zip = tmp.resolve(job + ".zip");
        new ImportPackage(QUICK_START, IgnoredFields.NONE)
                .write(List.of(job), mapping, Files.createDirectories(tmp.resolve("package-" + job)), zip);
        obs(emulator, KEYS).put(FOLDER, job + ".zip", Files.readAllBytes(zip), "application/zip");
        return FOLDER.uri(job + ".zip");
    }

    private String exported(DlfEmulator emulator, String job, String entry) throws Exception {
        Path file = tmp.resolve("export-" + System.nanoTime() + ".zip");
        client(emulator).export(new ExportRequest(job, true, "DEVELOP", null), file, 10 << 20);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    @Test
    void anImportedJobIsWhatTheNextExportReturnsAndTheFixturesStayAsTheyWere() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DlfEmulator emulator = start(DlfEmulator.builder(empty, KEYS).obsDirectory(tmp.resolve("obs")));
        EnvironmentMapping prod = EnvironmentMapping.read(Files.writeString(
                tmp.resolve("prod.json"), "{\"connections\": {\"mrs_hive_retail\": \"mrs_hive_prod\"}}"));
        String path = upload(emulator, "ods_orders_load", prod);
        JobImports imports = client(emulator).imports();

        ImportRequest.Contents contents = imports.checkFile(path);
        String taskId = imports.start(new ImportRequest(path, "SKIP", Map.of(), Map.of(), null, null));
        List<String> seen = new ArrayList<>();
        SystemTask task = imports.await(
                taskId, Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(10), Clock.systemUTC(), t -> {
                    seen.add(t.status());
                });

        assertEquals(List.of("ods_orders_load"), contents.jobs());
        assertEquals(List.of("common_partition_check", "ods_orders_load"), contents.scripts());
        assertTrue(task.succeeded(), task.toString());
        assertEquals("RUNNING", seen.get(0));
        String job = exported(emulator, "ods_orders_load", "jobs/ods_orders_load.job");
        assertTrue(job.contains("\"mrs_hive_prod\"") && !job.contains("mrs_hive_retail"), job);
        assertTrue(exported(emulator, "ods_orders_load", "scripts/ods_orders_load.script")
                .contains("mrs_hive_prod"));
        assertFalse(Files.exists(empty.resolve("jobs")), "an import never writes into the fixtures");
    }

    @Test
    void skipKeepsWhatIsThereAndOverwriteReplacesIt() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, KEYS).obsDirectory(tmp.resolve("obs")));
        byte[] before = Files.readAllBytes(fixtures.resolve("jobs/ods_orders_load.job"));
        EnvironmentMapping prod = EnvironmentMapping.read(
                Files.writeString(tmp.resolve("prod.json"), "{\"databases\": {\"src\": \"src_prod\"}}"));
        String path = upload(emulator, "ods_orders_load", prod);
        JobImports imports = client(emulator).imports();

        imports.await(
                imports.start(new ImportRequest(path, "SKIP", Map.of(), Map.of(), null, null)),
                Duration.ofSeconds(10),
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                Clock.systemUTC(),
                t -> {});
        assertFalse(exported(emulator, "ods_orders_load", "jobs/ods_orders_load.job")
                .contains("src_prod"));

        imports.await(
                imports.start(new ImportRequest(path, "OVERWRITE", Map.of(), Map.of(), null, null)),
                Duration.ofSeconds(10),
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                Clock.systemUTC(),
                t -> {});
        assertTrue(exported(emulator, "ods_orders_load", "jobs/ods_orders_load.job")
                .contains("\"src_prod\""));
        assertArrayEquals(before, Files.readAllBytes(fixtures.resolve("jobs/ods_orders_load.job")));
    }

    @Test
    void aFailingImportEndsFailedWithItsSubtasksAndImportsNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DlfEmulator emulator = start(DlfEmulator.builder(empty, KEYS)
                .obsDirectory(tmp.resolve("obs"))
                .failImports(true));
        String path = upload(emulator, "ods_orders_load", EnvironmentMapping.none());
        JobImports imports = client(emulator).imports();

        SystemTask task = imports.await(
                imports.start(new ImportRequest(path, "OVERWRITE", Map.of(), Map.of(), null, null)),
                Duration.ofSeconds(10),
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                Clock.systemUTC(),
                t -> {});

        assertEquals("FAILED", task.status());
        SystemTask.Subtask failed = task.subtasks().stream()
                .filter(s -> s.status().equals("FAILED"))
                .findFirst()
                .orElseThrow();
        assertEquals("ods_orders_load", failed.name());
        assertTrue(failed.message().contains("stop it first"), failed.message());
        assertThrows(DlfApiException.class, () -> exported(emulator, "ods_orders_load", "jobs/ods_orders_load.job"));
    }

    @Test
    void obsChecksTheSignatureAndAMissingPackageIsDlf0815() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, KEYS).obsDirectory(tmp.resolve("obs")));
        Credentials wrong = Credentials.of(KEYS.accessKey(), "wrongSecretKey000000000000000000000000000", "test");

        ObsException refused = assertThrows(
                ObsException.class, () -> obs(emulator, wrong).put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));
        DlfApiException missing = assertThrows(
                DlfApiException.class, () -> client(emulator).imports().checkFile(FOLDER.uri("missing.zip")));

        assertEquals("SignatureDoesNotMatch", refused.code());
        assertFalse(Files.exists(tmp.resolve("obs/import-bucket/dlf/a.zip")));
        assertTrue(missing.getMessage().contains("DLF.0815"), missing.getMessage());
    }

    @Test
    void aHeadInObssOwnSchemeIsSignedLikeAGetAndAnswersWithTheHeadAlone() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, KEYS).obsDirectory(tmp.resolve("obs")));
        byte[] content = "a package".getBytes(StandardCharsets.UTF_8);
        obs(emulator, KEYS).put(FOLDER, "a.zip", content, "application/zip");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        try {
            try (okhttp3.Response found =
                    http.newCall(head(emulator, "/import-bucket/dlf/a.zip")).execute()) {
                assertEquals(200, found.code());
                assertEquals(String.valueOf(content.length), found.header("Content-Length"));
                assertEquals("\"" + md5 + "\"", found.header("ETag"));
                assertTrue(found.header("Last-Modified").endsWith(" GMT"), found.header("Last-Modified"));
                assertEquals(0, found.body().bytes().length);
            }
            try (okhttp3.Response missing = http.newCall(head(emulator, "/import-bucket/dlf/missing.zip"))
                    .execute()) {
                assertEquals(404, missing.code());
                assertEquals(0, missing.body().bytes().length);
            }
        } finally {
            http.connectionPool().evictAll();
        }
    }

    /** A HEAD signed as the plugin signs OBS requests, with HEAD in the string to sign. */
    private static okhttp3.Request head(DlfEmulator emulator, String path) {
        String date = io.github.dlfmaven.auth.ObsSigner.date(java.time.Instant.now());
        return new okhttp3.Request.Builder()
                .url(emulator.endpoint() + path)
                .header("x-obs-date", date)
                .header(
                        "Authorization",
                        new io.github.dlfmaven.auth.ObsSigner()
                                .authorization("HEAD", path, Map.of("x-obs-date", date), KEYS))
                .head()
                .build();
    }

    @Test
    void obsNeverReachesOutsideItsFolder() throws Exception {
        Path obsFolder = tmp.resolve("obs");
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, KEYS).obsDirectory(obsFolder));
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        try {
            for (String path : List.of(
                    "/%2F" + tmp.toString().substring(1).replace("/", "%2F") + "%2Foutside/pwned.txt",
                    "/import-bucket/..%2F..%2Foutside%2Fpwned.txt",
                    "/import-bucket/a%5C..%5C..%5Cpwned.txt")) {
                // Signed as the emulator checks it, so that only the path can make it refuse.
                String date = io.github.dlfmaven.auth.ObsSigner.date(java.time.Instant.now());
                String authorization = new io.github.dlfmaven.auth.ObsSigner()
                        .authorization("PUT", path, Map.of("x-obs-date", date), KEYS);
                okhttp3.Request put = new okhttp3.Request.Builder()
                        .url(emulator.endpoint() + path)
                        .header("x-obs-date", date)
                        .header("Authorization", authorization)
                        .put(okhttp3.RequestBody.create(new byte[] {1}))
                        .build();
                try (okhttp3.Response response = http.newCall(put).execute()) {
                    String body = response.body().string();
                    assertTrue(response.code() == 400, path + " -> " + response.code() + " " + body);
                    assertFalse(body.contains("SignatureDoesNotMatch"), body);
                }
            }
        } finally {
            http.connectionPool().evictAll();
        }
        assertFalse(Files.exists(tmp.resolve("outside")));
        assertFalse(Files.exists(obsFolder.resolve("pwned.txt")));
    }
}
