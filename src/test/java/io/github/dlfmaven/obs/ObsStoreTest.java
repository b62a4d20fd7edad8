package io.github.dlfmaven.obs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.auth.ObsSigner;
import io.github.dlfmaven.config.ObsLocation;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.testing.MutableClock;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObsStoreTest {

    private static final String AK = "HPUAOBSSTOREAK000001";
    private static final String SK = "obsStoreSecretKey00000000000000000000001";
    private static final String TOKEN = "obsStoreSecurityToken0001";
    private static final ObsLocation FOLDER = ObsLocation.parse("obs://dlf-bucket/dlf-import/");

    private final MockWebServer server = new MockWebServer();
    private final HttpTransport transport = HttpTransport.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:15:00Z"));

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        transport.close();
    }

    private ObsStore store(Credentials credentials) {
        return new ObsStore(
                transport,
                URI.create("http://127.0.0.1:" + server.getPort()),
                AuthenticationSource.fixed(new Authentication.Signed(credentials)),
                RetryPolicy.of(2).withDelays(Duration.ofMillis(1), Duration.ofMillis(2)),
                clock);
    }

    @Test
    void anUploadIsSignedOverWhatItSendsWithItsMd5() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        byte[] zip = "PK package".getBytes(StandardCharsets.UTF_8);

        store(Credentials.of(AK, SK, "test")).put(FOLDER, "导入 1.zip", zip, "application/zip");

        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("PUT", sent.getMethod());
        assertEquals(
                "/dlf-bucket/dlf-import%2F%E5%AF%BC%E5%85%A5%201.zip",
                sent.getUrl().encodedPath());
        assertEquals("Tue, 01 Dec 2026 10:15:00 GMT", sent.getHeaders().get("x-obs-date"));
        assertEquals("85lvC3lopul1/LhKsX597w==", sent.getHeaders().get("Content-MD5"));
        assertEquals("PK package", sent.getBody().utf8());
        assertNull(sent.getHeaders().get(ObsSigner.SECURITY_TOKEN_HEADER));
        Map<String, String> headers = new LinkedHashMap<>();
        sent.getHeaders().forEach(h -> headers.put(h.getFirst(), h.getSecond()));
        headers.remove("Authorization");
        assertEquals(
                new ObsSigner()
                        .authorization(
                                "PUT",
                                "/dlf-bucket/dlf-import%2F%E5%AF%BC%E5%85%A5%201.zip",
                                headers,
                                Credentials.of(AK, SK, "t")),
                sent.getHeaders().get("Authorization"));
    }

    @Test
    void temporaryKeysSendTheirSecurityToken() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());

        store(Credentials.temporary(AK, SK, TOKEN, "test")).put(FOLDER, "a.zip", new byte[] {1}, "application/zip");

        assertEquals(TOKEN, server.takeRequest().getHeaders().get(ObsSigner.SECURITY_TOKEN_HEADER));
    }

    @Test
    void aRefusalNamesTheObjectOBSsCodeAndTheFixAndNoSecret() {
        server.enqueue(new MockResponse.Builder()
                .code(403)
                .body("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Access Denied for " + SK + " "
                        + TOKEN + "</Message><RequestId>0000018A</RequestId></Error>")
                .build());

        ObsException e = assertThrows(
                ObsException.class,
                () -> store(Credentials.temporary(AK, SK, TOKEN, "settings.xml server 'dlf'"))
                        .put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

        assertEquals(403, e.status());
        assertEquals("AccessDenied", e.code());
        assertTrue(
                e.getMessage()
                        .startsWith("Upload of obs://dlf-bucket/dlf-import/a.zip failed: HTTP 403,"
                                + " AccessDenied: Access Denied for **** **** (request id 0000018A)."),
                e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml server 'dlf' may not write to this bucket"), e.getMessage());
        assertFalse(e.getMessage().contains(SK) || e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(1, server.getRequestCount(), "a refusal is not retried");
    }

    @Test
    void aBusyOBSIsAskedAgain() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).build());

        store(Credentials.of(AK, SK, "test")).put(FOLDER, "a.zip", new byte[] {1}, "application/zip");

        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .addHeader("Location", "http://elsewhere.example.test/dlf-bucket/x")
                .build());

        ObsException e = assertThrows(
                ObsException.class,
                () -> store(Credentials.of(AK, SK, "test")).put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

        assertTrue(e.getMessage().contains("a redirect (HTTP 307) to http://elsewhere.example.test"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anIamTokenCannotSignAndNothingIsSent() {
        ObsStore store = new ObsStore(
                transport,
                URI.create("http://127.0.0.1:" + server.getPort()),
                AuthenticationSource.fixed(new Authentication.Token("MIItoken", "environment DLF_AUTH_TOKEN")),
                RetryPolicy.of(0),
                clock);

        CredentialsException e = assertThrows(
                CredentialsException.class, () -> store.put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

        assertTrue(
                e.getMessage().contains("environment DLF_AUTH_TOKEN are an IAM token, which cannot sign"),
                e.getMessage());
        assertFalse(e.getMessage().contains("MIItoken"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anEchoedRequestPutsNeitherTheKeyNorTheSignatureIntoTheMessage() throws Exception {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(400)
                        .body("<Error><Code>InvalidArgument</Code><Message>you sent "
                                + request.getHeaders().get("Authorization") + "</Message></Error>")
                        .build();
            }
        });

        ObsException e = assertThrows(
                ObsException.class,
                () -> store(Credentials.of(AK, SK, "test")).put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

        assertFalse(e.getMessage().contains(AK), e.getMessage());
        assertTrue(e.getMessage().contains("you sent ****"), e.getMessage());
    }

    @Test
    void anEchoOfTheSignatureAloneIsMaskedToo() throws Exception {
        // Real OBS quotes the signature it got, without its scheme and key, in a SignatureDoesNotMatch error; a proxy
        // or
        // an OBS-compatible store may put it into the message the plugin shows.
        java.util.List<String> signatures = new java.util.ArrayList<>();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String authorization = request.getHeaders().get("Authorization");
                String signature = authorization.substring(authorization.lastIndexOf(':') + 1);
                signatures.add(signature);
                return new MockResponse.Builder()
                        .code(403)
                        .body("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated"
                                + " does not match the signature you provided: " + signature + "</Message>"
                                + "<SignatureProvided>" + signature + "</SignatureProvided></Error>")
                        .build();
            }
        });

        ObsException e = assertThrows(
                ObsException.class,
                () -> store(Credentials.of(AK, SK, "test")).put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

        assertEquals(1, signatures.size());
        assertTrue(e.getMessage().contains("the signature you provided: ****"), e.getMessage());
        assertFalse(e.getMessage().contains(signatures.get(0)), e.getMessage());
    }

    @Test
    void aSilentOBSIsAskedAgainAndThenNamed() throws Exception {
        HttpTransport quick = HttpTransport.builder()
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(200))
                .build();
        try {
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse.Builder()
                        .code(200)
                        .headersDelay(2, TimeUnit.SECONDS)
                        .build());
            }
            ObsStore store = new ObsStore(
                    quick,
                    URI.create("http://127.0.0.1:" + server.getPort()),
                    AuthenticationSource.fixed(new Authentication.Signed(Credentials.of(AK, SK, "t"))),
                    RetryPolicy.of(2).withDelays(Duration.ofMillis(1), Duration.ofMillis(2)),
                    clock);

            java.io.IOException e = assertThrows(
                    java.io.IOException.class, () -> store.put(FOLDER, "a.zip", new byte[] {1}, "application/zip"));

            assertTrue(
                    e.getMessage()
                            .startsWith("Upload of obs://dlf-bucket/dlf-import/a.zip failed: OBS did not"
                                    + " answer in time"),
                    e.getMessage());
            assertEquals(3, server.getRequestCount());
        } finally {
            quick.close();
        }
    }

    @Test
    void deletingWhatIsGoneIsFine() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());

        store(Credentials.of(AK, SK, "test")).delete(FOLDER, "a.zip");

        RecordedRequest sent = server.takeRequest();
        assertEquals("DELETE", sent.getMethod());
        assertEquals("/dlf-bucket/dlf-import%2Fa.zip", sent.getUrl().encodedPath());
    }

    @Test
    void theBucketGoesInTheHostExceptForAddressesAndLocalhost() {
        AuthenticationSource keys = AuthenticationSource.fixed(new Authentication.Signed(Credentials.of(AK, SK, "t")));
        RetryPolicy none = RetryPolicy.of(0);

        assertEquals(
                "https://dlf-bucket.obs.cn-north-4.myhuaweicloud.com/dlf-import%2Fa.zip",
                new ObsStore(transport, URI.create("https://obs.cn-north-4.myhuaweicloud.com"), keys, none, clock)
                        .url("dlf-bucket", "dlf-import/a.zip")
                        .toString());
        assertEquals(
                "http://localhost:9000/dlf-bucket/a.zip",
                new ObsStore(transport, URI.create("http://localhost:9000"), keys, none, clock)
                        .url("dlf-bucket", "a.zip")
                        .toString());
        assertEquals(
                "http://[::1]:9000/dlf-bucket/a.zip",
                new ObsStore(transport, URI.create("http://[::1]:9000"), keys, none, clock)
                        .url("dlf-bucket", "a.zip")
                        .toString());
    }

    @Test
    void foldersAreCheckedAndGetTheirSlash() {
        assertEquals(
                "dlf-import/x/",
                ObsLocation.parse("obs://my-bucket/dlf-import/x").prefix());
        assertEquals("", ObsLocation.parse("obs://my-bucket").prefix());
        assertEquals(
                "obs://my-bucket/p/a.zip",
                ObsLocation.parse("obs://my-bucket/p/").uri("a.zip"));
        for (String bad : new String[] {
            "s3://b/x",
            "obs://",
            "obs://UPPER/x",
            "obs://ab/x",
            "obs://a..b/x",
            "obs://10.0.0.1/x",
            "obs://b-/x",
            "obs://bucket//x",
            "obs://bucket/a\nb"
        }) {
            assertThrows(IllegalArgumentException.class, () -> ObsLocation.parse(bad), bad);
        }
    }
}
