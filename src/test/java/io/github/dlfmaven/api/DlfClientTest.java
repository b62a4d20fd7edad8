package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.SignableRequest;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DlfClientTest {

    private static final String AK = "HPUAEXAMPLEAK00000001";
    private static final String SK = "exampleSecretKey0000000000000000000000000";
    private static final String TOKEN = "exampleSecurityToken";
    private static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";
    private static final String WORKSPACE = "1c1f4b2e";
    private static final String SOURCE = "settings.xml server 'dlf'";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:00Z");
    private static final String SDK_DATE = "20261128T101500Z";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String DEFAULT_BODY = "{\"exportDepend\":true,\"exportStatus\":\"DEVELOP\"}";
    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final long MAX = 50L << 20;

    private static final Credentials PERMANENT = Credentials.of(AK, SK, SOURCE);
    private static final Credentials TEMPORARY = Credentials.temporary(AK, SK, TOKEN, "environment");

    @TempDir
    Path tmp;

    private MockWebServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> debugLines = new CopyOnWriteArrayList<>();
    private Path packageFile;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        packageFile = tmp.resolve("DLF_job.zip");
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        server.close();
    }

    // ---------------------------------------------------------------- helpers

    private static RetryPolicy fast(int retries) {
        return RetryPolicy.of(retries).withDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private final Log log = new Log() {
        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(String message) {
            debugLines.add(message);
        }

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    private DlfClient.Builder builder(int port, Credentials credentials) {
        return DlfClient.builder(URI.create("http://127.0.0.1:" + port), PROJECT, credentials)
                .workspace(WORKSPACE)
                .clock(CLOCK)
                .retryPolicy(fast(3))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .log(log);
    }

    private DlfClient.Builder builder() {
        return builder(server.getPort(), PERMANENT);
    }

    private DlfClient track(DlfClient client) {
        toClose.add(client);
        return client;
    }

    private DlfClient client() {
        return track(builder().build());
    }

    private DlfClient client(RetryPolicy retryPolicy) {
        return track(builder().retryPolicy(retryPolicy).build());
    }

    private static ExportRequest job(String name) {
        return new ExportRequest(name, true, "DEVELOP", null);
    }

    private static byte[] zip(String entry, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static MockResponse zipResponse(byte[] body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body))
                .build();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"APIG.0" + code + "\",\"error_msg\":\"status " + code + "\"}")
                .build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String hmacHex(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The signature computed by hand from section 7a of the API notes, without the plugin's signer: canonical
     * request, string to sign, HMAC-SHA256 with the secret key.
     */
    private static String handSignature(
            String canonicalUri, Map<String, String> lowerCaseSortedHeaders, byte[] body, String secretKey)
            throws Exception {
        StringBuilder canonicalHeaders = new StringBuilder();
        lowerCaseSortedHeaders.forEach(
                (k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String canonicalRequest = "POST\n" + canonicalUri + "\n" + "\n" + canonicalHeaders + "\n"
                + String.join(";", lowerCaseSortedHeaders.keySet()) + "\n" + sha256Hex(body);
        String date = lowerCaseSortedHeaders.get("x-sdk-date");
        String stringToSign =
                "SDK-HMAC-SHA256\n" + date + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return hmacHex(secretKey, stringToSign);
    }

    /** Recomputes the Authorization header from the request as the server received it. */
    private static void assertSignatureMatches(RecordedRequest recorded, Credentials credentials) {
        String authorization = recorded.getHeaders().get("Authorization");
        assertNotNull(authorization, "no Authorization header");
        Matcher m = AUTHORIZATION.matcher(authorization);
        assertTrue(m.matches(), authorization);
        Map<String, String> received = new LinkedHashMap<>();
        for (String name : m.group(2).split(";")) {
            String value = recorded.getHeaders().get(name);
            assertNotNull(value, "signed header " + name + " was not sent");
            received.put(name, value);
        }
        String expected = new AkSkSigner()
                .authorization(
                        new SignableRequest(
                                "POST",
                                recorded.getUrl().pathSegments(),
                                List.of(),
                                received,
                                recorded.getBody().toByteArray()),
                        credentials);
        assertEquals(expected, authorization);
    }

    // ---------------------------------------------------------------- request shape

    @Test
    void handSignatureHelperReproducesDocumentedVectorV1() throws Exception {
        // Proves the test's own oracle (used below) against the published vector.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "dayu-dlf.cn-north-4.myhuaweicloud.com");
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        assertEquals(
                "9485d7634d85402796593f6e46c49db156c1f7805341be632583e152ab2b9cef",
                handSignature(
                        "/v1/" + PROJECT + "/jobs/myJob/export/",
                        headers,
                        DEFAULT_BODY.getBytes(StandardCharsets.UTF_8),
                        SK));
    }

    @Test
    void postsSignedExportRequest() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        client().export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals("POST", recorded.getMethod());
        assertEquals("/v1/" + PROJECT + "/jobs/myJob/export", recorded.getTarget());
        assertEquals(DEFAULT_BODY, recorded.getBody().utf8());
        assertEquals("application/json", recorded.getHeaders().get("Content-Type"));
        assertEquals("application/octet-stream", recorded.getHeaders().get("Accept"));
        assertEquals(SDK_DATE, recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals(PROJECT, recorded.getHeaders().get("X-Project-Id"));
        assertEquals(WORKSPACE, recorded.getHeaders().get("workspace"));
        assertEquals("127.0.0.1:" + server.getPort(), recorded.getHeaders().get("Host"));
        assertNull(recorded.getHeaders().get("X-Security-Token"));
        String userAgent = recorded.getHeaders().get("User-Agent");
        assertEquals(HttpTransport.USER_AGENT, userAgent);
        assertTrue(userAgent.matches("dlf-maven-plugin/\\d+\\.\\d+\\.\\d+.*"), userAgent);

        String authorization = recorded.getHeaders().get("Authorization");
        assertTrue(authorization.startsWith("SDK-HMAC-SHA256 Access=" + AK + ", "), authorization);
        Matcher m = AUTHORIZATION.matcher(authorization);
        assertTrue(m.matches(), authorization);
        assertEquals("host;workspace;x-project-id;x-sdk-date", m.group(2));
        assertFalse(authorization.contains(SK));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "myJob        | myJob                | myJob",
                "daily load   | daily%20load         | daily%20load",
                "作业1         | %E4%BD%9C%E4%B8%9A1  | %E4%BD%9C%E4%B8%9A1",
                "a(b)~c*d+e   | a(b)~c*d+e           | a%28b%29~c%2Ad%2Be",
                "100%         | 100%25               | 100%25",
            })
    void encodesJobNameOnTheWireAndSignsItStrictlyEncoded(String jobName, String wireSegment, String canonicalSegment)
            throws Exception {
        server.enqueue(zipResponse(zip("jobs/x.job", "{}")));

        client().export(job(jobName), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals("/v1/" + PROJECT + "/jobs/" + wireSegment + "/export", recorded.getTarget());
        assertEquals(
                List.of("v1", PROJECT, "jobs", jobName, "export"),
                recorded.getUrl().pathSegments());
        assertSignatureMatches(recorded, PERMANENT);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + server.getPort());
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        String expectedSignature = handSignature(
                "/v1/" + PROJECT + "/jobs/" + canonicalSegment + "/export/",
                headers,
                recorded.getBody().toByteArray(),
                SK);
        assertTrue(
                recorded.getHeaders().get("Authorization").endsWith(", Signature=" + expectedSignature),
                recorded.getHeaders().get("Authorization"));
    }

    @Test
    void bodyCarriesObsPathAndExportStatus() throws Exception {
        server.enqueue(json(200, "{\"obsPath\":\"obs://b/p/sub\"}"));

        client().export(new ExportRequest("myJob", false, "SUBMIT", "obs://b/p/"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals(
                "{\"exportDepend\":false,\"exportStatus\":\"SUBMIT\",\"obsPath\":\"obs://b/p/\"}",
                recorded.getBody().utf8());
        assertEquals("application/json", recorded.getHeaders().get("Accept"));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @Test
    void temporaryCredentialsSendAndSignTheSecurityToken() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals(TOKEN, recorded.getHeaders().get("X-Security-Token"));
        Matcher m = AUTHORIZATION.matcher(recorded.getHeaders().get("Authorization"));
        assertTrue(m.matches());
        assertEquals("host;workspace;x-project-id;x-sdk-date;x-security-token", m.group(2));
        assertSignatureMatches(recorded, TEMPORARY);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + server.getPort());
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        headers.put("x-security-token", TOKEN);
        assertEquals(
                handSignature(
                        "/v1/" + PROJECT + "/jobs/myJob/export/",
                        headers,
                        DEFAULT_BODY.getBytes(StandardCharsets.UTF_8),
                        SK),
                m.group(3));
    }

    @Test
    void noWorkspaceHeaderWithoutWorkspace() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder().workspace(null).build()).export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertNull(recorded.getHeaders().get("workspace"));
        Matcher m = AUTHORIZATION.matcher(recorded.getHeaders().get("Authorization"));
        assertTrue(m.matches());
        assertEquals("host;x-project-id;x-sdk-date", m.group(2));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @Test
    void twoExportsShareOneConnection() throws Exception {
        server.enqueue(zipResponse(zip("jobs/a.job", "{}")));
        server.enqueue(zipResponse(zip("jobs/b.job", "{}")));

        DlfClient client = client();
        client.export(job("a"), tmp.resolve("a.zip"), MAX);
        client.export(job("b"), tmp.resolve("b.zip"), MAX);

        RecordedRequest first = take();
        RecordedRequest second = take();
        assertEquals(first.getConnectionIndex(), second.getConnectionIndex());
        assertEquals(0, first.getExchangeIndex());
        assertEquals(1, second.getExchangeIndex());
    }

    @Test
    void twoClientsUseTwoConnections() throws Exception {
        // Control for the test above: the server's connection index does tell connections apart.
        server.enqueue(zipResponse(zip("jobs/a.job", "{}")));
        server.enqueue(zipResponse(zip("jobs/b.job", "{}")));

        client().export(job("a"), tmp.resolve("a.zip"), MAX);
        client().export(job("b"), tmp.resolve("b.zip"), MAX);

        RecordedRequest first = take();
        RecordedRequest second = take();
        assertFalse(first.getConnectionIndex() == second.getConnectionIndex());
        assertEquals(0, second.getExchangeIndex());
    }

    // ---------------------------------------------------------------- success

    @Test
    void streamsZipToFile() throws Exception {
        byte[] zip = zip("jobs/myJob.job", "{\"name\":\"myJob\"}");
        server.enqueue(zipResponse(zip));

        ExportResponse response = client().export(job("myJob"), packageFile, MAX);

        ExportResponse.Archive archive = assertInstanceOf(ExportResponse.Archive.class, response);
        assertEquals(packageFile, archive.file());
        assertEquals(zip.length, archive.bytes());
        assertEquals("application/octet-stream", archive.contentType());
        assertEquals(1, archive.attempts());
        assertArrayEquals(zip, Files.readAllBytes(packageFile));
    }

    @Test
    void streamsLargeBodyToFile() throws Exception {
        byte[] body = new byte[20 << 20];
        new Random(42).nextBytes(body);
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        ExportResponse.Archive archive = (ExportResponse.Archive) client().export(job("big"), packageFile, MAX);

        assertEquals(body.length, archive.bytes());
        assertEquals(body.length, Files.size(packageFile));
        assertEquals(-1L, Files.mismatch(packageFile, writeTo(tmp.resolve("expected.bin"), body)));
    }

    private static Path writeTo(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    @Test
    void bodyOfExactlyMaxBytesIsAccepted() throws Exception {
        byte[] body = new byte[100_000];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        ExportResponse.Archive archive = (ExportResponse.Archive) client().export(job("edge"), packageFile, 100_000);

        assertEquals(100_000, archive.bytes());
    }

    @Test
    void bodyLargerThanMaxBytesFails() throws Exception {
        byte[] body = new byte[300_000];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        IOException e = assertThrows(IOException.class, () -> client().export(job("hugeJob"), packageFile, 100_000));

        assertTrue(e.getMessage().contains("'hugeJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("100000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("maxExtractedBytes"), e.getMessage());
        assertFalse(e.getMessage().contains("broke off"), e.getMessage());
        assertTrue(Files.size(packageFile) <= 100_000);
        assertEquals(1, server.getRequestCount());
    }

    // ---------------------------------------------------------------- retries

    @Test
    void retries503ThenSucceeds() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(503));
        byte[] zip = zip("jobs/myJob.job", "{}");
        server.enqueue(zipResponse(zip));

        ExportResponse response = client(fast(3)).export(job("myJob"), packageFile, MAX);

        assertEquals(3, response.attempts());
        assertEquals(3, server.getRequestCount());
        assertArrayEquals(zip, Files.readAllBytes(packageFile));
        // Every attempt is a complete, correctly signed request, and the connection is kept.
        RecordedRequest first = take();
        for (int i = 0; i < 3; i++) {
            RecordedRequest recorded = i == 0 ? first : take();
            assertEquals(DEFAULT_BODY, recorded.getBody().utf8());
            assertSignatureMatches(recorded, PERMANENT);
            assertEquals(first.getConnectionIndex(), recorded.getConnectionIndex());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 504})
    void retriesOtherRetryableStatuses(int status) throws Exception {
        server.enqueue(status(status));
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        ExportResponse response = client(fast(1)).export(job("myJob"), packageFile, MAX);

        assertEquals(2, response.attempts());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void honoursRetryAfterSeconds() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}")
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        long started = System.nanoTime();
        ExportResponse response = client(fast(2)).export(job("myJob"), packageFile, MAX);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(2, response.attempts());
        assertTrue(elapsedMs >= 900, "waited only " + elapsedMs + " ms");
        assertTrue(elapsedMs < 5000, "waited " + elapsedMs + " ms");
    }

    @Test
    void honoursRetryAfterHttpDateAgainstTheClientClock() throws Exception {
        // The date is read against the client's clock (fixed here), not the wall clock.
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "Sat, 28 Nov 2026 10:15:01 GMT")
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        long started = System.nanoTime();
        ExportResponse response = client(fast(2)).export(job("myJob"), packageFile, MAX);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(2, response.attempts());
        assertTrue(elapsedMs >= 900 && elapsedMs < 5000, elapsedMs + " ms");
    }

    @Test
    void givesUpWhenRetriesAreExhausted() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503));
        }

        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(2)).export(job("myJob"), packageFile, MAX));

        assertEquals(503, e.httpStatus());
        assertEquals("myJob", e.jobName().orElseThrow());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains("Gave up after 3 attempts"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void doesNotRetryJobNotFound() throws Exception {
        server.enqueue(json(400, "{\"error_code\":\"DLF.0100\",\"error_msg\":\"The job does not exists.\"}"));

        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(3)).export(job("missingJob"), packageFile, MAX));

        assertEquals(1, server.getRequestCount());
        assertEquals(400, e.httpStatus());
        assertEquals("DLF.0100", e.errorCode().orElseThrow());
        assertEquals("The job does not exists.", e.errorMessage().orElseThrow());
        assertTrue(e.getMessage().contains("'missingJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("DLF.0100"), e.getMessage());
        assertTrue(e.getMessage().contains("The job does not exists."), e.getMessage());
        assertFalse(e.getMessage().contains("Gave up"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 409, 500, 501})
    void doesNotRetryOtherStatuses(int status) {
        server.enqueue(status(status));
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(3)).export(job("myJob"), packageFile, MAX));

        assertEquals(status, e.httpStatus());
        assertEquals(1, server.getRequestCount());
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    }

    @Test
    void failsAtOnceWhenRetryAfterIsTooLong() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "3600")
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        long started = System.nanoTime();
        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(3)).export(job("myJob"), packageFile, MAX));

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 3000);
        assertEquals(1, server.getRequestCount());
        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("asked to wait 3600 s"), e.getMessage());
        assertTrue(e.getMessage().contains("longer than the 120 s"), e.getMessage());
    }

    @Test
    void unauthorizedNamesCredentialsSourceAndClock() {
        server.enqueue(json(
                401,
                "{\"error_code\":\"APIGW.0301\","
                        + "\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("APIGW.0301"), e.getMessage());
        assertTrue(e.getMessage().contains("verify aksk signature fail"), e.getMessage());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
        assertTrue(e.getMessage().contains("clock"), e.getMessage());
    }

    @Test
    void forbiddenMentionsPermissions() {
        server.enqueue(json(403, "{\"error_code\":\"DLF.6888\",\"error_msg\":\"Invalid account permissions\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("permissions in project " + PROJECT), e.getMessage());
        assertTrue(e.getMessage().contains("workspace " + WORKSPACE), e.getMessage());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
    }

    @Test
    void requestIdHeaderSurfaces() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "req-7f3a9c")
                .body("{\"error_code\":\"DLF.3051\",\"error_msg\":\"The request parameter is invalid.\"}")
                .build());

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals("req-7f3a9c", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("(request id req-7f3a9c)"), e.getMessage());
    }

    @Test
    void requestIdFromGatewayBody() {
        server.enqueue(json(
                404,
                "{\"error_code\":\"APIGW.0101\",\"error_msg\":\"The API does not exist\","
                        + "\"request_id\":\"b0d5e4\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals("b0d5e4", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("(request id b0d5e4)"), e.getMessage());
    }

    // ---------------------------------------------------------------- transport failures

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectFailuresAreRetriedThenReported() throws Exception {
        int port = closedPort();
        DlfClient client = track(builder(port, PERMANENT)
                .retryPolicy(fast(2))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .build());

        IOException e = assertThrows(IOException.class, () -> client.export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("'myJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("could not connect to http://127.0.0.1:" + port), e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals(3, debugLines.stream().filter(l -> l.startsWith("POST ")).count(), debugLines.toString());
        assertEquals(
                2,
                debugLines.stream()
                        .filter(l -> l.startsWith("Could not connect"))
                        .count());
    }

    @Test
    void connectFailureWithoutRetriesReportsOneAttempt() throws Exception {
        int port = closedPort();
        DlfClient client = track(builder(port, PERMANENT).retryPolicy(fast(0)).build());

        IOException e = assertThrows(IOException.class, () -> client.export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), e.getMessage());
        assertEquals(1, debugLines.stream().filter(l -> l.startsWith("POST ")).count());
    }

    @Test
    void connectFailureThenSuccess() throws Exception {
        int port = closedPort();
        MockWebServer late = new MockWebServer();
        toClose.add(late);
        byte[] zip = zip("jobs/myJob.job", "{}");
        late.enqueue(zipResponse(zip));
        // The server comes up only once the client has failed to connect and is about to wait.
        Log startServerOnFailure = new Log() {
            @Override
            public boolean isDebugEnabled() {
                return true;
            }

            @Override
            public void debug(String message) {
                debugLines.add(message);
                if (message.startsWith("Could not connect") && !late.getStarted()) {
                    try {
                        late.start(InetAddress.getByName("127.0.0.1"), port);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
        DlfClient client = track(builder(port, PERMANENT)
                .retryPolicy(fast(3))
                .log(startServerOnFailure)
                .build());

        ExportResponse response = client.export(job("myJob"), packageFile, MAX);

        assertEquals(2, response.attempts());
        assertEquals(1, late.getRequestCount());
        assertArrayEquals(zip, Files.readAllBytes(packageFile));
    }

    @Test
    void readTimeoutIsNotRetried() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .headersDelay(2, TimeUnit.SECONDS)
                .setHeader("Content-Type", "application/octet-stream")
                .body("PK")
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));
        DlfClient client = track(builder()
                .retryPolicy(fast(3))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .build());

        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> client.export(job("slowJob"), packageFile, MAX));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(e.getMessage().contains("'slowJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("failed during the request"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertTrue(elapsedMs >= 400 && elapsedMs < 1900, elapsedMs + " ms");
    }

    @Test
    void slowBodyTimesOutAsBrokenOff() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .bodyDelay(2, TimeUnit.SECONDS)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(zip("jobs/myJob.job", "{}")))
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));
        DlfClient client = track(builder()
                .retryPolicy(fast(3))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .build());

        IOException e = assertThrows(IOException.class, () -> client.export(job("slowJob"), packageFile, MAX));

        assertTrue(e.getMessage().startsWith("The export of job 'slowJob' broke off after 0 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("readTimeout"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void truncatedBodyBreaksOff() {
        byte[] body = new byte[64 * 1024];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(zipResponse(body));

        IOException e = assertThrows(IOException.class, () -> client().export(job("cutJob"), packageFile, MAX));

        Matcher m = Pattern.compile("^The export of job 'cutJob' broke off after (\\d+) bytes")
                .matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertTrue(Long.parseLong(m.group(1)) < body.length, e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    // ---------------------------------------------------------------- odd answers

    @Test
    void jsonErrorWithStatus200IsAnApiError() {
        server.enqueue(json(200, "{\"error_code\":\"DLF.3051\",\"error_msg\":\"The request parameter is invalid.\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals(200, e.httpStatus());
        assertEquals("DLF.3051", e.errorCode().orElseThrow());
        assertTrue(e.getMessage().contains("'myJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("DLF.3051: The request parameter is invalid."), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void bodyThatOnlyStartsLikeAZipIsNoPackage() {
        // "PK" alone is not an archive: the download decides as the extraction does, by the record signature.
        server.enqueue(zipResponse("PKWARE says hello".getBytes(StandardCharsets.UTF_8)));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("instead of a zip archive"), e.getMessage());
        assertTrue(e.getMessage().contains("PKWARE says hello"), e.getMessage());
    }

    @Test
    void credentialsThatCannotBeObtainedAreReportedAsTheyAreAndNeverRetried() {
        AuthenticationSource unreachable = new AuthenticationSource() {
            @Override
            public Authentication current() throws IOException {
                throw new IOException("Could not get temporary credentials from the metadata service");
            }

            @Override
            public String description() {
                return "the instance metadata service";
            }
        };
        DlfClient client = track(builder().authentication(unreachable).build());

        IOException e = assertThrows(IOException.class, () -> client.export(job("myJob"), packageFile, MAX));

        assertEquals("Could not get temporary credentials from the metadata service", e.getMessage());
        assertEquals(0, server.getRequestCount());
        assertEquals(0, client.requestCount());
    }

    @Test
    void obsModeConfirmsReportedLocation() throws Exception {
        server.enqueue(json(200, "{\"obsPath\":\"obs://b/p/sub\"}"));

        ExportResponse response =
                client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX);

        ExportResponse.ObsLocation obs = assertInstanceOf(ExportResponse.ObsLocation.class, response);
        assertEquals("obs://b/p/sub", obs.location());
        assertTrue(obs.confirmed());
        assertEquals(1, obs.attempts());
        assertFalse(Files.exists(packageFile));
    }

    @Test
    void obsModeWithoutLocationIsNotConfirmed() throws Exception {
        server.enqueue(json(200, "{}"));

        ExportResponse.ObsLocation obs = (ExportResponse.ObsLocation)
                client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX);

        assertEquals("obs://b/p/", obs.location());
        assertFalse(obs.confirmed());
    }

    @Test
    void obsModeJsonErrorIsAnApiError() {
        server.enqueue(json(200, "{\"error_code\":\"DLF.0803\",\"error_msg\":\"OBS path invalid\"}"));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX));

        assertEquals("DLF.0803", e.errorCode().orElseThrow());
    }

    @Test
    void htmlErrorPageIsQuoted() {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>")
                .build());

        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(0)).export(job("myJob"), packageFile, MAX));

        assertEquals(502, e.httpStatus());
        assertEquals(1, server.getRequestCount());
        assertTrue(e.getMessage().contains("the server sent text/html instead of a DLF error"), e.getMessage());
        assertTrue(e.getMessage().contains("'<html> <head><title>502 Bad Gateway</title>"), e.getMessage());
        assertFalse(e.getMessage().contains("Gave up"), e.getMessage());
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void errorMessagesNeverHoldSecrets() {
        String echo = "Incorrect IAM authentication information: sk=" + SK + " token=" + TOKEN
                + " Authorization: SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=host, Signature=abcdef0123";
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"" + echo + "\"}")
                .build());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX));

        for (String text :
                List.of(e.getMessage(), e.toString(), e.errorMessage().orElseThrow())) {
            assertFalse(text.contains(SK), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("abcdef0123"), text);
        }
        assertTrue(e.getMessage().contains("Signature=****"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void errorPagePreviewNeverHoldsPartOfASecret() {
        // A proxy page that echoes the request; the secret key straddles the preview's cut-off.
        String page = "<html><body>" + "x".repeat(170) + " " + SK + " " + TOKEN + " Signature=abcdef0123</body></html>";
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "text/html")
                .body(page)
                .build());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        assertFalse(e.getMessage().contains("exampleSecretKey"), e.getMessage());
        assertFalse(e.getMessage().contains("exampleSecurity"), e.getMessage());
        assertFalse(e.getMessage().contains("abcdef"), e.getMessage());
    }

    @Test
    void debugLogNeverHoldsSecrets() throws Exception {
        server.enqueue(status(503));
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX);

        assertFalse(debugLines.isEmpty());
        for (String line : debugLines) {
            assertFalse(line.contains(SK), line);
            assertFalse(line.contains(TOKEN), line);
            assertFalse(line.contains("Signature="), line);
        }
    }
}
