package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.IamTokenSource;
import io.github.dlfmaven.auth.MetadataCredentials;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.testing.MetadataService;
import io.github.dlfmaven.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** IAM tokens and instance-metadata credentials, each against a local stand-in of its service, renewed while exporting. */
class RenewedCredentialsTest {

    @TempDir
    Path temp;

    private final MockWebServer dlf = new MockWebServer();
    private final MockWebServer service = new MockWebServer();
    private final List<RecordedRequest> dlfRequests = new CopyOnWriteArrayList<>();
    private final HttpTransport transport = HttpTransport.builder().build();

    @BeforeEach
    void start() throws IOException {
        dlf.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                dlfRequests.add(request);
                return new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/octet-stream")
                        .body(new Buffer().write(new byte[] {'P', 'K', 5, 6}))
                        .build();
            }
        });
        dlf.start(InetAddress.getLoopbackAddress(), 0);
        service.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        transport.close();
        dlf.close();
        service.close();
    }

    @Test
    void anIamTokenIsFetchedOnceSentAsXAuthTokenAndRenewedBeforeItExpires() throws Exception {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        MutableClock clock = new MutableClock(now);
        service.enqueue(token("TOKEN-ONE", now.plus(Duration.ofHours(24))));
        service.enqueue(token("TOKEN-TWO", now.plus(Duration.ofHours(48))));
        IamTokenSource iam = new IamTokenSource(
                transport,
                URI.create(service.url("/").toString()),
                "builder",
                "iam-password",
                "acme",
                "p",
                "settings.xml server 'dlf'",
                Duration.ofHours(1),
                clock,
                Log.NONE,
                SettingNames.PLAIN);

        try (DlfClient client = DlfClient.builder(URI.create(dlf.url("/").toString()), "p")
                .authentication(iam)
                .build()) {
            export(client);
            export(client);
            clock.now = now.plus(Duration.ofHours(23).plusMinutes(30)); // within the hour before expiry
            export(client);
        }

        assertEquals(2, service.getRequestCount());
        JsonNode body =
                new ObjectMapper().readTree(service.takeRequest().getBody().string(StandardCharsets.UTF_8));
        assertEquals("builder", body.at("/auth/identity/password/user/name").asText());
        assertEquals("acme", body.at("/auth/identity/password/user/domain/name").asText());
        assertEquals("p", body.at("/auth/scope/project/id").asText());
        assertEquals(
                List.of("TOKEN-ONE", "TOKEN-ONE", "TOKEN-TWO"),
                dlfRequests.stream()
                        .map(r -> r.getHeaders().get("X-Auth-Token"))
                        .toList());
        dlfRequests.forEach(r -> assertNull(r.getHeaders().get("Authorization"), "a token request is not signed"));
    }

    @Test
    void iamRefusingTheUserSaysWhatToCheckWithoutThePassword() {
        service.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":401,\"message\":\"The username or password is wrong. iam-password\"}}")
                .build());
        IamTokenSource iam = new IamTokenSource(
                transport,
                URI.create(service.url("/").toString()),
                "builder",
                "iam-password",
                "acme",
                "p",
                "settings.xml server 'dlf'",
                Duration.ofHours(1),
                Clock.systemUTC(),
                Log.NONE,
                SettingNames.PLAIN);

        IOException e = assertThrows(IOException.class, iam::current);

        assertTrue(
                e.getMessage().contains("refused a token for user 'builder' of domain 'acme' (HTTP 401")
                        && e.getMessage().contains("settings.xml server 'dlf'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("iam-password"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(MetadataService.Mode.class)
    void metadataCredentialsAreReadAgainWhenTheyNearExpiryDuringAnExport(MetadataService.Mode mode) throws Exception {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        MutableClock clock = new MutableClock(now);
        try (MetadataService service = new MetadataService(mode)) {
            service.credentials("TEMPAK1", "tempSecret1", "tempToken1", now.plus(Duration.ofHours(6)));
            service.credentials("TEMPAK2", "tempSecret2", "tempToken2", now.plus(Duration.ofHours(30)));
            MetadataCredentials metadata = new MetadataCredentials(
                    transport, URI.create(service.keyUrl()), Duration.ofHours(2), clock, Log.NONE);

            try (DlfClient client = DlfClient.builder(URI.create(dlf.url("/").toString()), "p")
                    .authentication(metadata)
                    .build()) {
                export(client);
                clock.now = now.plus(Duration.ofHours(3)); // three hours left: still good
                export(client);
                clock.now = now.plus(Duration.ofHours(4).plusMinutes(30)); // less than two hours left
                export(client);
            }

            // The token is asked for once, as the official SDKs do; without a token endpoint the key is asked for
            // plainly.
            List<RecordedRequest> asked = service.requests();
            assertEquals(
                    List.of(
                            "PUT " + MetadataService.TOKEN_PATH,
                            "GET " + MetadataService.KEY_PATH,
                            "GET " + MetadataService.KEY_PATH),
                    asked.stream()
                            .map(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                            .toList());
            assertEquals("21600", asked.get(0).getHeaders().get("X-Metadata-Token-Ttl-Seconds"));
            String sessionToken =
                    mode == MetadataService.Mode.TOKEN_REQUIRED ? "session-token-1-0123456789abcdef" : null;
            assertEquals(sessionToken, asked.get(1).getHeaders().get("X-Metadata-Token"));
            assertEquals(sessionToken, asked.get(2).getHeaders().get("X-Metadata-Token"));
        }
        assertEquals(
                List.of("TEMPAK1", "TEMPAK1", "TEMPAK2"),
                dlfRequests.stream()
                        .map(r -> r.getHeaders().get("Authorization").replaceAll(".*Access=([^,]+),.*", "$1"))
                        .toList());
        assertEquals(
                List.of("tempToken1", "tempToken1", "tempToken2"),
                dlfRequests.stream()
                        .map(r -> r.getHeaders().get("X-Security-Token"))
                        .toList());
        dlfRequests.forEach(
                r -> assertNull(r.getHeaders().get("X-Metadata-Token"), "the session token stays on the instance"));
    }

    @Test
    void anExpiredSessionTokenIsReplacedOnce() throws Exception {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        MutableClock clock = new MutableClock(now);
        try (MetadataService service = new MetadataService(MetadataService.Mode.TOKEN_REQUIRED)) {
            service.credentials("TEMPAK1", "tempSecret1", "tempToken1", now.plus(Duration.ofHours(6)));
            service.credentials("TEMPAK2", "tempSecret2", "tempToken2", now.plus(Duration.ofHours(30)));
            MetadataCredentials metadata = new MetadataCredentials(
                    transport, URI.create(service.keyUrl()), Duration.ofHours(2), clock, Log.NONE);
            metadata.current();
            service.expireToken();
            clock.now = now.plus(Duration.ofHours(5));

            Authentication renewed = metadata.current();

            assertEquals(
                    "TEMPAK2", ((Authentication.Signed) renewed).credentials().accessKey());
            assertEquals(2, service.tokensIssued());
            assertEquals(
                    List.of("PUT", "GET", "GET", "PUT", "GET"),
                    service.requests().stream().map(RecordedRequest::getMethod).toList());
        }
    }

    @Test
    void aSessionTokenThatCannotBeHadSaysWhy() throws Exception {
        service.enqueue(new MockResponse.Builder().code(403).body("forbidden").build());
        MetadataCredentials metadata = new MetadataCredentials(
                transport,
                URI.create(service.url("/openstack/latest/securitykey").toString()),
                Duration.ofHours(2),
                Clock.systemUTC(),
                Log.NONE);

        IOException e = assertThrows(IOException.class, metadata::current);

        assertTrue(
                e.getMessage().contains("refused a session token (PUT /meta-data/latest/api/token answered HTTP 403)"),
                e.getMessage());
        assertEquals(1, service.getRequestCount());
    }

    @Test
    void anUnreachableMetadataServiceFailsFastAndClearly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MetadataCredentials metadata = new MetadataCredentials(
                transport,
                URI.create("http://127.0.0.1:" + closedPort + "/openstack/latest/securitykey"),
                Duration.ofHours(2),
                Clock.systemUTC(),
                Log.NONE,
                MavenSettingNames.INSTANCE);
        long started = System.nanoTime();

        IOException e = assertThrows(IOException.class, metadata::current);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
        assertTrue(
                e.getMessage()
                                .startsWith(
                                        "Cannot read credentials from the instance metadata service at http://127.0.0.1:")
                        && e.getMessage().contains("-Ddlf.metadataCredentials=false"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(MetadataService.Mode.class)
    void aMetadataServiceWithoutAgencySaysSo(MetadataService.Mode mode) throws Exception {
        try (MetadataService service = new MetadataService(mode)) {
            service.withoutAgency();
            MetadataCredentials metadata = new MetadataCredentials(
                    transport, URI.create(service.keyUrl()), Duration.ofHours(2), Clock.systemUTC(), Log.NONE);

            IOException e = assertThrows(IOException.class, metadata::current);

            assertTrue(e.getMessage().contains("HTTP 401: this instance has no agency attached"), e.getMessage());
            assertEquals(
                    1,
                    service.tokensIssued() + (mode == MetadataService.Mode.NO_TOKEN_ENDPOINT ? 1 : 0),
                    "no agency is final: no second token is asked for");
        }
    }

    private void export(DlfClient client) throws Exception {
        client.export(new ExportRequest("a", true, "DEVELOP", null), temp.resolve("a.zip"), 1 << 20);
    }

    private static MockResponse token(String token, Instant expiresAt) {
        return new MockResponse.Builder()
                .code(201)
                .setHeader("X-Subject-Token", token)
                .setHeader("Content-Type", "application/json")
                .body("{\"token\":{\"expires_at\":\"" + expiresAt + "\",\"methods\":[\"password\"]}}")
                .build();
    }
}
