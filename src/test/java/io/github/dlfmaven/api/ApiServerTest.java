package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.SignableRequest;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestZip;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A local DLF server and a client wired to it, shared by the tests of the client and its pipeline. */
abstract class ApiServerTest {

    protected static final String AK = "HPUAEXAMPLEAK00000001";
    protected static final String SK = "exampleSecretKey0000000000000000000000000";
    protected static final String TOKEN = "exampleSecurityToken";
    protected static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";
    protected static final String WORKSPACE = "1c1f4b2e";
    protected static final String SOURCE = "settings.xml server 'dlf'";
    protected static final Instant NOW = Instant.parse("2026-11-28T10:15:00Z");
    protected static final String SDK_DATE = "20261128T101500Z";
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    protected static final long MAX = 50L << 20;
    protected static final String DEFAULT_BODY = "{\"exportDepend\":true,\"exportStatus\":\"DEVELOP\"}";
    protected static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    protected static final Credentials PERMANENT = Credentials.of(AK, SK, SOURCE);
    protected static final Credentials TEMPORARY = Credentials.temporary(AK, SK, TOKEN, "environment");

    @TempDir
    protected Path tmp;

    protected MockWebServer server;
    protected final List<AutoCloseable> toClose = new ArrayList<>();
    protected Path packageFile;

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

    protected final RecordingLog log = new RecordingLog();

    /** The debug lines logged so far, without their level prefix. */
    protected List<String> debugLines() {
        return log.lines().stream()
                .filter(line -> line.startsWith("[DEBUG] "))
                .map(line -> line.substring("[DEBUG] ".length()))
                .toList();
    }

    protected static RetryPolicy fast(int retries) {
        return RetryPolicy.of(retries).withDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    protected DlfClient.Builder builder(int port, Credentials credentials) {
        return DlfClient.builder(URI.create("http://127.0.0.1:" + port), PROJECT, credentials)
                .workspace(WORKSPACE)
                .clock(CLOCK)
                .retryPolicy(fast(3))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .log(log);
    }

    protected DlfClient.Builder builder() {
        return builder(server.getPort(), PERMANENT);
    }

    protected DlfClient track(DlfClient client) {
        toClose.add(client);
        return client;
    }

    protected DlfClient client() {
        return track(builder().build());
    }

    protected DlfClient client(RetryPolicy retryPolicy) {
        return track(builder().retryPolicy(retryPolicy).build());
    }

    protected static ExportRequest job(String name) {
        return new ExportRequest(name, true, "DEVELOP", null);
    }

    protected static byte[] zip(String entry, String content) {
        return TestZip.of(entry, content);
    }

    protected static MockResponse zipResponse(byte[] body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body))
                .build();
    }

    protected static MockResponse status(int code) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"APIG.0" + code + "\",\"error_msg\":\"status " + code + "\"}")
                .build();
    }

    protected static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    protected RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    protected static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    protected static Path writeTo(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    protected static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    protected static String hmacHex(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The signature computed by hand from section 7a of the API notes, without the plugin's signer: canonical
     * request, string to sign, HMAC-SHA256 with the secret key.
     */
    protected static String handSignature(
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
    protected static void assertSignatureMatches(RecordedRequest recorded, Credentials credentials) {
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
}
