package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.SignableRequest;
import io.github.dlfmaven.export.ExportFailedException;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator served over real HTTP, driven by the plugin's own client and by hand-signed requests. */
class DlfEmulatorTest {

    static final Credentials CREDENTIALS =
            Credentials.of("EMULATORAK0000000001", "emulatorSecretKey0000000000000000000000", "test");

    @TempDir
    Path temp;

    private Path fixtures;
    private final RecordingLog log = new RecordingLog();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void writeFixtures() throws IOException {
        fixtures = temp.resolve("fixtures");
        write("jobs/load.job", """
                {"name": "load", "directory": "/ods", "nodes": [
                  {"name": "n1", "type": "HiveSQL", "properties": [{"name": "scriptName", "value": "shared"}]},
                  {"name": "n2", "type": "MRSSpark", "properties": [{"name": "resourcePath", "value": "obs://bucket/etl.jar"},
                                                                   {"name": "jobName", "value": "not_a_dlf_job"}]}]}
                """);
        write("jobs/aggregate.job", """
                {"name": "aggregate", "nodes": [
                  {"name": "n1", "type": "DWSSQL", "properties": [{"name": "scriptName", "value": "shared"}]},
                  {"name": "n2", "type": "DLISpark", "properties": [{"name": "resourcePath", "value": "udf"}]}]}
                """);
        write("jobs/stream.job", "{\"name\": \"stream\", \"processType\": \"REAL_TIME\", \"nodes\": []}");
        write("jobs/作业1.job", "{\"name\": \"作业1\", \"nodes\": []}");
        write("scripts/shared.script", "{\"name\": \"shared\", \"type\": \"HiveSQL\", \"content\": \"select 1\"}");
        write("scripts/unused.script", "{\"name\": \"unused\"}");
        write(
                "resources/etl_jar.resource",
                "{\"name\": \"etl_jar\", \"type\": \"jar\", \"location\": \"obs://bucket/etl.jar\"}");
        write(
                "resources/udf.resource",
                "{\"name\": \"udf\", \"type\": \"jar\", \"location\": \"obs://bucket/udf.jar\"}");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void exportsAJobWithTheScriptsAndResourcesItNames() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        Map<String, byte[]> zip =
                unzip(export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals(
                List.of("jobs/load.job", "resources/etl_jar.resource", "scripts/shared.script"),
                List.copyOf(zip.keySet()));
        assertArrayEquals(Files.readAllBytes(fixtures.resolve("jobs/load.job")), zip.get("jobs/load.job"));
        assertArrayEquals(
                Files.readAllBytes(fixtures.resolve("scripts/shared.script")), zip.get("scripts/shared.script"));
    }

    @Test
    void withoutExportDependOnlyTheJobComes() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        Map<String, byte[]> zip =
                unzip(export(emulator, CREDENTIALS, new ExportRequest("aggregate", false, "SUBMIT", null)));

        assertEquals(List.of("jobs/aggregate.job"), List.copyOf(zip.keySet()));
    }

    @Test
    void aResourceIsFoundByItsNameToo() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        Map<String, byte[]> zip =
                unzip(export(emulator, CREDENTIALS, new ExportRequest("aggregate", true, "DEVELOP", null)));

        assertEquals(
                List.of("jobs/aggregate.job", "resources/udf.resource", "scripts/shared.script"),
                List.copyOf(zip.keySet()));
    }

    @Test
    void aMissingJobIsDlf0100() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(emulator, CREDENTIALS, new ExportRequest("nope", true, "DEVELOP", null)));

        assertEquals(400, e.httpStatus());
        assertEquals("DLF.0100", e.errorCode().orElseThrow());
        assertEquals("The job does not exists.", e.errorMessage().orElseThrow());
    }

    @Test
    void aProjectTheCredentialsHaveNoPartInIsRefusedAndTheirOwnIsServed() throws Exception {
        DlfEmulator other = start(DlfEmulator.builder(fixtures, CREDENTIALS).projectId("q"));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(other, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals(403, e.httpStatus());
        assertEquals("APIGW.0302", e.errorCode().orElseThrow());
        DlfEmulator own = start(DlfEmulator.builder(fixtures, CREDENTIALS).projectId("p"));
        assertTrue(export(own, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)).length > 0);
    }

    @Test
    void aWrongSecretKeyIsRejectedLikeTheGatewayDoes() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Credentials wrong = Credentials.of(CREDENTIALS.accessKey(), CREDENTIALS.secretKey() + "x", "wrong");

        DlfApiException e = assertThrows(
                DlfApiException.class, () -> export(emulator, wrong, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals(401, e.httpStatus());
        assertEquals("APIGW.0301", e.errorCode().orElseThrow());
        assertEquals(
                "Incorrect IAM authentication information: verify aksk signature fail",
                e.errorMessage().orElseThrow());
        assertTrue(e.requestId().isPresent());
    }

    @Test
    void anUnknownAccessKeyIsRejected() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Credentials other = Credentials.of("OTHERAK", CREDENTIALS.secretKey(), "other");

        DlfApiException e = assertThrows(
                DlfApiException.class, () -> export(emulator, other, new ExportRequest("load", true, "DEVELOP", null)));

        assertTrue(e.errorMessage().orElseThrow().contains("ak not exist"));
    }

    @Test
    void aSignatureFromTheWrongTimeHasExpired() throws Exception {
        Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS).clock(hourAhead));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals(
                "Incorrect IAM authentication information: calc ak sk signature fail:signature expired",
                e.errorMessage().orElseThrow());
    }

    @Test
    void temporaryCredentialsNeedTheirSignedToken() throws Exception {
        Credentials temporary = Credentials.temporary("TEMPAK", "tempSecretKey", "tempToken", "test");
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, temporary));

        assertInstanceOf(
                ExportResponse.Archive.class,
                exportResponse(emulator, temporary, new ExportRequest("load", true, "DEVELOP", null)));
        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(
                        emulator,
                        Credentials.of("TEMPAK", "tempSecretKey", "no token"),
                        new ExportRequest("load", true, "DEVELOP", null)));
        assertEquals(401, e.httpStatus());
    }

    @Test
    void theWorkspaceMustMatchWhenOneIsConfigured() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS).workspace("ws1"));

        try (DlfClient other = client(emulator, CREDENTIALS).workspace("ws2").build()) {
            DlfApiException e = assertThrows(
                    DlfApiException.class,
                    () -> other.export(
                            new ExportRequest("load", true, "DEVELOP", null), temp.resolve("ws2.zip"), 1 << 20));
            assertEquals("DLF.3051", e.errorCode().orElseThrow());
        }
        try (DlfClient client = client(emulator, CREDENTIALS).workspace("ws1").build()) {
            assertInstanceOf(
                    ExportResponse.Archive.class,
                    client.export(new ExportRequest("load", true, "DEVELOP", null), temp.resolve("ws.zip"), 1 << 20));
        }
        // Without the header a request is in the project's default workspace, which the emulated one is by default.
        assertTrue(export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)).length > 0);
    }

    @Test
    void aNonAsciiPackageNameKeepsItsNameInFilenameStar() {
        assertEquals(
                "attachment; filename=\"DLF___1.zip\"; filename*=UTF-8''DLF_%E4%BD%9C%E4%B8%9A1.zip",
                JobApi.contentDisposition("DLF_作业1.zip"));
        assertEquals(
                "attachment; filename=\"DLF_a_b.zip\"; filename*=UTF-8''DLF_a%20b.zip",
                JobApi.contentDisposition("DLF_a b.zip"));
    }

    @Test
    void aWorkspaceThatIsNotTheDefaultOneNeedsItsHeader() throws Exception {
        DlfEmulator emulator = start(
                DlfEmulator.builder(fixtures, CREDENTIALS).workspace("ws1").defaultWorkspace(false));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals("DLF.3051", e.errorCode().orElseThrow());
    }

    @Test
    void anErrorsRequestIdIsTheOneItsHeaderCarriesAndTheProjectMustBeTheSignedOne() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        HttpUrl url = HttpUrl.get(emulator.endpoint() + "/v1/p/jobs");

        OkHttpClient http = new OkHttpClient();
        try (Response unsigned =
                http.newCall(new Request.Builder().url(url).build()).execute()) {
            JsonNode body = new ObjectMapper().readTree(unsigned.body().string());
            assertEquals(401, unsigned.code());
            assertEquals(unsigned.header("X-Request-Id"), body.get("request_id").asText());
        } finally {
            http.connectionPool().evictAll();
        }
        JsonNode otherProject = new ObjectMapper().readTree(send(url, "GET", null, Map.of("X-Project-Id", "another")));
        assertEquals("APIGW.0302", otherProject.get("error_code").asText());
        JsonNode sameProject = new ObjectMapper().readTree(send(url, "GET", null, Map.of("X-Project-Id", "p")));
        assertEquals(3, sameProject.get("total").asInt(), "the batch jobs");
    }

    @Test
    void obsModeWritesThePackageToTheFolderThatStandsForTheBucket() throws Exception {
        Path obs = temp.resolve("obs");
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS).obsDirectory(obs));

        ExportResponse response = exportResponse(
                emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", "obs://bucket/exports/"));

        ExportResponse.ObsLocation location = assertInstanceOf(ExportResponse.ObsLocation.class, response);
        assertEquals("obs://bucket/exports/load/", location.location());
        assertTrue(location.confirmed());
        Path zip = obs.resolve("bucket/exports/load/DLF_load.zip");
        assertEquals(
                List.of("jobs/load.job", "resources/etl_jar.resource", "scripts/shared.script"),
                List.copyOf(unzip(Files.readAllBytes(zip)).keySet()));
    }

    @Test
    void throttlesTheFirstRequestsThenAnswers() throws Exception {
        DlfEmulator emulator =
                start(DlfEmulator.builder(fixtures, CREDENTIALS).faults(new Faults(Duration.ZERO, 0, 0, 2, 0)));

        ExportResponse response =
                exportResponse(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null));

        assertEquals(3, response.attempts());
        assertEquals(
                3,
                log.lines().stream()
                        .filter(l -> l.contains("/jobs/load/export"))
                        .count());
        assertEquals(
                2,
                log.lines().stream()
                        .filter(l -> l.matches(".*/jobs/load/export -> 429 \\(\\d+ ms\\)"))
                        .count());
    }

    @Test
    void aFailureRateOfOneAlwaysAnswers503() throws Exception {
        DlfEmulator emulator =
                start(DlfEmulator.builder(fixtures, CREDENTIALS).faults(new Faults(Duration.ZERO, 1, 0, 0, 1)));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null)));

        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("Gave up after 3 attempts"), e.getMessage());
    }

    @Test
    void latencyIsAddedToEveryRequest() throws Exception {
        DlfEmulator emulator = start(
                DlfEmulator.builder(fixtures, CREDENTIALS).faults(new Faults(Duration.ofMillis(300), 0, 0, 0, 1)));
        long started = System.nanoTime();

        export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
    }

    @Test
    void everyRequestIsLoggedInOneLineWithoutSecrets() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        export(emulator, CREDENTIALS, new ExportRequest("作业1", true, "DEVELOP", null));
        assertThrows(
                DlfApiException.class,
                () -> export(emulator, CREDENTIALS, new ExportRequest("nope", true, "DEVELOP", null)));

        List<String> lines = log.lines();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(
                lines.get(0)
                        .matches("\\[INFO] Emulator: POST /v1/p/jobs/%E4%BD%9C%E4%B8%9A1/export -> 200 \\(\\d+ ms\\)"),
                lines.get(0));
        assertTrue(
                lines.get(1).matches("\\[INFO] Emulator: POST /v1/p/jobs/nope/export -> 400 \\(\\d+ ms\\)"),
                lines.get(1));
        lines.forEach(line -> assertFalse(line.contains(CREDENTIALS.secretKey()) || line.contains("Signature"), line));
    }

    @Test
    void roundTripExportEmulatorExportReproducesTheTreeByteForByte() throws Exception {
        DlfEmulator first = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path snapshot = temp.resolve("first/target/dlf");
        exportAll(first, snapshot, List.of("load", "aggregate", "stream", "作业1"));

        DlfEmulator second = start(DlfEmulator.builder(snapshot, CREDENTIALS));
        Path again = temp.resolve("second/target/dlf");
        exportAll(second, again, List.of("load", "aggregate", "stream", "作业1"));

        assertEquals(
                List.of(
                        "jobs/",
                        "jobs/aggregate.job",
                        "jobs/load.job",
                        "jobs/stream.job",
                        "jobs/作业1.job",
                        "resources/",
                        "resources/etl_jar.resource",
                        "resources/udf.resource",
                        "scripts/",
                        "scripts/shared.script"),
                List.copyOf(FileTrees.state(snapshot, false).keySet()));
        assertEquals(FileTrees.state(snapshot, false), FileTrees.state(again, false));
    }

    @Test
    void aFailedExportFromTheEmulatorLeavesThePreviousSnapshot() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        Path snapshot = temp.resolve("out");
        exportAll(emulator, snapshot, List.of("load"));
        Map<String, String> before = FileTrees.state(snapshot, true);

        assertThrows(
                ExportFailedException.class, () -> exportAll(emulator, snapshot, List.of("load", "removed_upstream")));

        assertEquals(before, FileTrees.state(snapshot, true));
    }

    @Test
    void listsJobsByTypeWithNameFilterAndBothOffsetReadings() throws Exception {
        DlfEmulator rows = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        DlfEmulator pages = start(DlfEmulator.builder(fixtures, CREDENTIALS)
                .offsetMode(DlfEmulator.OffsetMode.PAGES)
                .maxPageSize(100));

        JsonNode all = get(rows, "jobs", Map.of("limit", "10"));
        assertEquals(3, all.get("total").asInt());
        assertEquals(List.of("aggregate", "load", "作业1"), names(all));
        assertEquals("/ods", all.get("jobs").get(1).get("path").asText());
        assertEquals(List.of("stream"), names(get(rows, "jobs", Map.of("jobType", "REAL_TIME"))));
        assertEquals(List.of("作业1"), names(get(rows, "jobs", Map.of("jobName", "作业"))));
        assertEquals(List.of("load", "作业1"), names(get(rows, "jobs", Map.of("offset", "1", "limit", "2"))));
        assertEquals(List.of("作业1"), names(get(pages, "jobs", Map.of("offset", "1", "limit", "2"))));
        assertEquals(
                3,
                get(pages, "jobs", Map.of("offset", "1", "limit", "2"))
                        .get("total")
                        .asInt());
        assertEquals(
                "DLF.3051",
                get(pages, "jobs", Map.of("limit", "101")).get("error_code").asText());
    }

    @Test
    void batchExportPutsEachJobInAFolderOfItsOwn() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        byte[] zip = post(emulator, "jobs/batch-export", "{\"jobList\":[\"load\",\"stream\"],\"exportDepend\":true}");

        assertEquals(
                List.of(
                        "jobs/load/etl_jar.resource",
                        "jobs/load/load.job",
                        "jobs/load/shared.script",
                        "jobs/stream/stream.job"),
                List.copyOf(unzip(zip).keySet()));
        JsonNode missing =
                new ObjectMapper().readTree(post(emulator, "jobs/batch-export", "{\"jobList\":[\"load\",\"nope\"]}"));
        assertEquals("DLF.0100", missing.get("error_code").asText());
    }

    @Test
    void aRunningEmulatorHoldsNoThreadThatKeepsTheJvmAlive() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));
        export(emulator, CREDENTIALS, new ExportRequest("load", true, "DEVELOP", null));

        List<String> nonDaemon = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .filter(name -> name.startsWith("HTTP-Dispatcher") || name.startsWith("dlf-emulator"))
                .toList();
        assertEquals(List.of(), nonDaemon);
    }

    @Test
    void unknownPathsAreTheGatewaysApiNotFound() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures, CREDENTIALS));

        assertEquals(
                "APIGW.0101",
                get(emulator, "connections", Map.of()).get("error_code").asText());
    }

    // ---------------------------------------------------------------- helpers

    private DlfEmulator start(DlfEmulator.Builder builder) throws IOException {
        DlfEmulator emulator = builder.log(log).start();
        toClose.add(emulator);
        return emulator;
    }

    private DlfClient.Builder client(DlfEmulator emulator, Credentials credentials) {
        return DlfClient.builder(emulator.endpoint(), "p", credentials)
                .retryPolicy(RetryPolicy.of(2).withDelays(Duration.ofMillis(10), Duration.ofMillis(20)));
    }

    private ExportResponse exportResponse(DlfEmulator emulator, Credentials credentials, ExportRequest request)
            throws Exception {
        try (DlfClient client = client(emulator, credentials).build()) {
            return client.export(request, temp.resolve("package.zip"), 1 << 20);
        }
    }

    private byte[] export(DlfEmulator emulator, Credentials credentials, ExportRequest request) throws Exception {
        ExportResponse response = exportResponse(emulator, credentials, request);
        return Files.readAllBytes(((ExportResponse.Archive) response).file());
    }

    private void exportAll(DlfEmulator emulator, Path output, List<String> jobs) throws Exception {
        TestExport config = TestExport.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("p")
                .jobs(jobs)
                .outputDirectory(output)
                .build();
        try (DlfClient client = Exporter.client(config.connection(), log)
                .credentials(CREDENTIALS)
                .build()) {
            new Exporter(config.settings(), config.connection(), client, log).run();
        }
    }

    /** A GET signed by hand, for the calls the plugin's client does not make yet. */
    private JsonNode get(DlfEmulator emulator, String path, Map<String, String> query) throws Exception {
        HttpUrl.Builder url = HttpUrl.get(emulator.endpoint().toString())
                .newBuilder()
                .addPathSegment("v1")
                .addPathSegment("p")
                .addPathSegments(path);
        query.forEach(url::addQueryParameter);
        return new ObjectMapper().readTree(send(url.build(), "GET", null));
    }

    private byte[] post(DlfEmulator emulator, String path, String json) throws Exception {
        HttpUrl url = HttpUrl.get(emulator.endpoint().toString())
                .newBuilder()
                .addPathSegment("v1")
                .addPathSegment("p")
                .addPathSegments(path)
                .build();
        return send(url, "POST", json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] send(HttpUrl url, String method, byte[] body) throws IOException {
        return send(url, method, body, Map.of());
    }

    /** A request signed with the test's credentials, {@code extra} headers signed and sent too. */
    private static byte[] send(HttpUrl url, String method, byte[] body, Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Host", url.host() + ":" + url.port());
        headers.put("X-Sdk-Date", AkSkSigner.sdkDate(Instant.now()));
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (int i = 0; i < url.querySize(); i++) {
            query.add(Map.entry(url.queryParameterName(i), url.queryParameterValue(i)));
        }
        String authorization = new AkSkSigner()
                .authorization(new SignableRequest(method, url.pathSegments(), query, headers, body), CREDENTIALS);
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("X-Sdk-Date", headers.get("X-Sdk-Date"))
                .header("Authorization", authorization)
                .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        extra.forEach(request::header);
        OkHttpClient http = new OkHttpClient();
        try (Response response = http.newCall(request.build()).execute()) {
            return response.body().bytes();
        } finally {
            http.connectionPool().evictAll();
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("jobs").forEach(job -> names.add(job.get("name").asText()));
        return names;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private void write(String path, String content) throws IOException {
        Path file = fixtures.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
