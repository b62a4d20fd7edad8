package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.IamTokenSource;
import io.github.dlfmaven.auth.MetadataCredentials;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.ProxySettings;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.testing.RecordingLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP policy that every client of the plugin shares ({@link HttpTransport}): no redirect is followed, OkHttp
 * retries nothing on its own, a whole request has a deadline, and secrets sent through the transport (the proxy's
 * among them) never come back in a message.
 */
class HttpPolicyTest {

    private static final Credentials KEYS = Credentials.temporary(
            "POLICYTESTAK00000001", "policyTestSecretKey0000000000000000000", "policyTestSecurityToken", "test");
    private static final String TOKEN = "policy-test-iam-token-0123456789";

    @TempDir
    Path temp;

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer elsewhere = new MockWebServer();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        // The other host answers at once, so that a client that wrongly followed a redirect fails fast.
        elsewhere.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("collected").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        elsewhere.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        server.close();
        elsewhere.close();
    }

    private DlfClient client(AuthenticationSource authentication, HttpTransport.Builder transport, int retries) {
        DlfClient client = DlfClient.builder(URI.create(server.url("/").toString()), "p")
                .authentication(authentication)
                .names(MavenSettingNames.INSTANCE)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(retries).withDelays(Duration.ofMillis(10), Duration.ofMillis(20)))
                .build();
        toClose.add(client);
        return client;
    }

    private DlfClient client(AuthenticationSource authentication) {
        return client(authentication, HttpTransport.builder(), 3);
    }

    private ExportResponse export(DlfClient client) throws Exception {
        return client.export(new ExportRequest("a", true, "DEVELOP", null), temp.resolve("a.zip"), 1 << 20);
    }

    private static MockResponse zip() {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer()
                        .write(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .build();
    }

    private MockResponse redirect(int code) {
        // A portal's page often repeats where it sends the browser, session and all.
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Location", elsewhere.url("/collect?stolen=1").toString())
                .setHeader("Content-Type", "text/html")
                .body("<html><a href=\"" + elsewhere.url("/login?session=S3CR3T-PORTAL-TOKEN")
                        + "\">Sign in</a></html>")
                .build();
    }

    // ---------------------------------------------------------------- redirects

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void dlfRedirectsAreNeverFollowedWithTokenOrSignature(int code) throws Exception {
        for (AuthenticationSource authentication : List.of(
                AuthenticationSource.fixed(new Authentication.Token(TOKEN, "test")),
                AuthenticationSource.fixed(new Authentication.Signed(KEYS)))) {
            server.enqueue(redirect(code));

            DlfApiException e = assertThrows(DlfApiException.class, () -> export(client(authentication)));

            assertEquals(code, e.httpStatus());
            assertTrue(
                    e.getMessage()
                            .contains("a redirect (HTTP " + code + ") to http://"
                                    + elsewhere.url("/").host() + ":" + elsewhere.getPort()),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("a proxy or a login portal may stand between this build and DLF"),
                    e.getMessage());
            assertFalse(
                    e.getMessage().contains("stolen")
                            || e.getMessage().contains("collect")
                            || e.getMessage().contains("S3CR3T"),
                    "no path, query or page: " + e.getMessage());
        }
        assertEquals(2, server.getRequestCount(), "a redirect is final, not retried");
        assertEquals(0, elsewhere.getRequestCount(), "nothing reached the other host");
    }

    @Test
    void anHttpsEndpointNeverFollowsARedirectToPlainHttp() throws Exception {
        HeldCertificate ca =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate certificate = new HeldCertificate.Builder()
                .signedBy(ca)
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName(InetAddress.getLoopbackAddress().getHostAddress())
                .build();
        MockWebServer https = new MockWebServer();
        toClose.add(https);
        https.useHttps(new HandshakeCertificates.Builder()
                .heldCertificate(certificate)
                .build()
                .sslSocketFactory());
        https.start(InetAddress.getLoopbackAddress(), 0);
        https.enqueue(redirect(302));
        DlfClient client = DlfClient.builder(URI.create(https.url("/").toString()), "p")
                .authentication(AuthenticationSource.fixed(new Authentication.Token(TOKEN, "test")))
                .transport(HttpTransport.builder()
                        .trustManager(new HandshakeCertificates.Builder()
                                .addTrustedCertificate(ca.certificate())
                                .build()
                                .trustManager()))
                .build();
        toClose.add(client);

        DlfApiException e = assertThrows(DlfApiException.class, () -> export(client));

        assertEquals(302, e.httpStatus());
        assertEquals(0, elsewhere.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void iamRedirectsAreNeverFollowedSoThePasswordStaysPut(int code) throws Exception {
        server.enqueue(redirect(code));
        try (HttpTransport transport = HttpTransport.builder().build()) {
            IamTokenSource iam = new IamTokenSource(
                    transport,
                    URI.create(server.url("/").toString()),
                    "builder",
                    "iam-user-password",
                    "acme",
                    "p",
                    "settings.xml server 'dlf'",
                    Duration.ofHours(1),
                    Clock.systemUTC(),
                    Log.NONE,
                    SettingNames.PLAIN);

            IOException e = assertThrows(IOException.class, iam::current);

            assertTrue(
                    e.getMessage()
                            .contains("a redirect (HTTP " + code + ") to http://"
                                    + elsewhere.url("/").host()),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("a proxy or a login portal may stand between this build and IAM"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("iam-user-password"));
        }
        assertEquals(1, server.getRequestCount());
        assertEquals(0, elsewhere.getRequestCount(), "the password went nowhere else");
    }

    @Test
    void metadataRedirectsAreNeverFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build()); // no session tokens here
        server.enqueue(redirect(302));
        try (HttpTransport transport = HttpTransport.builder().build()) {
            MetadataCredentials metadata = new MetadataCredentials(
                    transport,
                    URI.create(server.url("/openstack/latest/securitykey").toString()),
                    Duration.ofHours(2),
                    Clock.systemUTC(),
                    Log.NONE);

            IOException e = assertThrows(IOException.class, metadata::current);

            assertTrue(e.getMessage().contains("a redirect (HTTP 302)"), e.getMessage());
        }
        assertEquals(0, elsewhere.getRequestCount());
    }

    // ---------------------------------------------------------------- one retry layer

    @Test
    void okhttpNeverResendsAnExportOnAReusedConnectionThatDrops() throws Exception {
        server.enqueue(zip());
        // The server reads the second export, then drops the kept-alive connection without answering.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(zip());
        DlfClient client =
                client(AuthenticationSource.fixed(new Authentication.Signed(KEYS)), HttpTransport.builder(), 0);
        export(client);

        IOException e = assertThrows(IOException.class, () -> export(client));

        assertTrue(e.getMessage().contains("failed during the request"), e.getMessage());
        assertEquals(2, server.getRequestCount(), "the server saw exactly the two exports the log counted");
        assertEquals(2, client.requestCount());
    }

    @Test
    void aReadOfTheJobListIsSentAgainWhenItsConnectionDrops() throws Exception {
        String page = "{\"total\":1,\"jobs\":[{\"name\":\"a\"}]}";
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(page)
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(page)
                .build());
        DlfClient client =
                client(AuthenticationSource.fixed(new Authentication.Signed(KEYS)), HttpTransport.builder(), 1);
        client.listJobs("BATCH", 0, 100);

        JobPage again = client.listJobs("BATCH", 0, 100);

        assertEquals(List.of("a"), again.jobs().stream().map(JobSummary::name).toList());
        assertEquals(3, server.getRequestCount(), "a read is safe to repeat; our policy, not okhttp's, repeated it");
        assertEquals(3, client.requestCount());
    }

    @Test
    void aRetryWaitsWithTheConnectionBackInThePool() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "1")
                .body("busy")
                .build());
        server.enqueue(zip());
        try (HttpTransport transport = HttpTransport.builder().build()) {
            DlfClient client = DlfClient.builder(URI.create(server.url("/").toString()), "p")
                    .authentication(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))
                    .transport(transport)
                    .build();
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<ExportResponse> exported = thread.submit(() -> export(client));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.getRequestCount() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(300); // well into the one-second wait

                assertEquals(
                        1,
                        transport.client().connectionPool().idleConnectionCount(),
                        "the 503 was closed before the wait, so its connection is idle, not held");
                assertEquals(2, exported.get(5, TimeUnit.SECONDS).attempts());
            } finally {
                thread.shutdownNow();
            }
        }
    }

    @Test
    void aRetryAfterAWaitNeverUsesAConnectionTheServerClosedMeanwhile() throws Exception {
        // Like many servers, this one closes a kept-alive connection soon after its last answer.
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ExecutorService serving = Executors.newSingleThreadExecutor();
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            serving.submit(() -> {
                for (int connection = 0; connection < 2; connection++) {
                    try (Socket socket = raw.accept()) {
                        InputStream in = socket.getInputStream();
                        seen.add(readRequest(in));
                        OutputStream out = socket.getOutputStream();
                        if (connection == 0) {
                            out.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(300);
                        } else {
                            byte[] zip = {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                            + zip.length + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.write(zip);
                            out.flush();
                        }
                    }
                }
                return null;
            });
            DlfClient client = DlfClient.builder(URI.create("http://127.0.0.1:" + raw.getLocalPort()), "p")
                    .authentication(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))
                    .build();
            toClose.add(client);

            ExportResponse response = export(client);

            serving.shutdownNow();
            assertEquals(2, response.attempts());
            assertEquals(2, seen.size(), "one export answered 429, then the same export on a new connection");
        }
    }

    /** Reads one request (line, headers, body by Content-Length) and returns its request line. */
    private static String readRequest(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return text.substring(0, Math.max(0, text.indexOf('\r')));
    }

    @Test
    void aForgedStatusLineCannotForgeALogLine() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ExecutorService serving = Executors.newSingleThreadExecutor();
            serving.submit(() -> {
                try (Socket socket = raw.accept()) {
                    readRequest(socket.getInputStream());
                    socket.getOutputStream()
                            .write("HTTP/1.1 200\u001b[2J\r[INFO] BUILD SUCCESS\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                }
                return null;
            });
            DlfClient client = DlfClient.builder(URI.create("http://127.0.0.1:" + raw.getLocalPort()), "p")
                    .authentication(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))
                    .retryPolicy(RetryPolicy.of(0))
                    .build();
            toClose.add(client);

            IOException e = assertThrows(IOException.class, () -> export(client));

            serving.shutdownNow();
            assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
            assertTrue(e.getMessage().contains("\\u001B[2J\\r[INFO]"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- deadlines

    @Test
    void aServerTricklingItsAnswerIsCutByTheCallTimeout() {
        byte[] body = new byte[10_000];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        // 100 bytes every 100 ms: never silent for as long as the read timeout, but 10 s for the whole answer.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body))
                .throttleBody(100, 100, TimeUnit.MILLISECONDS)
                .build());
        DlfClient client = client(
                AuthenticationSource.fixed(new Authentication.Signed(KEYS)),
                HttpTransport.builder()
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                        .callTimeout(Duration.ofSeconds(1)),
                3);
        long started = System.nanoTime();

        IOException e = assertThrows(IOException.class, () -> export(client));

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds < 5, seconds + " s");
        assertTrue(
                e.getMessage().contains("broke off after")
                        && e.getMessage().contains("callTimeout (-Ddlf.callTimeout)"),
                e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aServerThatNeverAnswersIsCutByTheCallTimeout() {
        server.enqueue(zip().newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        DlfClient client = client(
                AuthenticationSource.fixed(new Authentication.Signed(KEYS)),
                HttpTransport.builder()
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                        .callTimeout(Duration.ofSeconds(1)),
                3);

        IOException e = assertThrows(IOException.class, () -> export(client));

        assertTrue(e.getMessage().contains("the whole request took longer than callTimeout"), e.getMessage());
    }

    // ---------------------------------------------------------------- TLS

    @Test
    void aTlsFailureAfterTheHandshakeGetsNoTrustStoreHint() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(InetAddress.getLoopbackAddress().getHostAddress())
                .build();
        SSLContext serverTls = new HandshakeCertificates.Builder()
                .heldCertificate(certificate)
                .build()
                .sslContext();
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            // Completes the handshake, reads the request, then writes bytes that are no TLS record.
            thread.submit(() -> {
                try (Socket socket = plain.accept();
                        SSLSocket tls = (SSLSocket)
                                serverTls.getSocketFactory().createSocket(socket, null, socket.getPort(), false)) {
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    InputStream in = tls.getInputStream();
                    in.read(new byte[8192]);
                    OutputStream raw = socket.getOutputStream();
                    raw.write("HTTP/1.1 200 OK\r\n\r\nthis is not a TLS record at all"
                            .getBytes(StandardCharsets.US_ASCII));
                    raw.flush();
                    Thread.sleep(500);
                }
                return null;
            });
            DlfClient client = DlfClient.builder(
                            URI.create("https://"
                                    + InetAddress.getLoopbackAddress().getHostAddress() + ":" + plain.getLocalPort()),
                            "p")
                    .authentication(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))
                    .transport(HttpTransport.builder()
                            .trustManager(new HandshakeCertificates.Builder()
                                    .addTrustedCertificate(certificate.certificate())
                                    .build()
                                    .trustManager()))
                    .retryPolicy(RetryPolicy.of(0))
                    .build();
            toClose.add(client);

            IOException e = assertThrows(IOException.class, () -> export(client));

            thread.shutdownNow();
            assertTrue(e.getMessage().contains("failed during the request"), e.getMessage());
            assertFalse(e.getMessage().contains("trustStore") || e.getMessage().contains("handshake"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- Retry-After

    @Test
    void aRetryAfterTooLargeForALongIsTooLong() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "99999999999999999999999")
                .build());
        server.enqueue(zip());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(client(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))));

        assertTrue(e.getMessage().contains("longer than the 120 s this plugin waits"), e.getMessage());
        assertEquals(1, server.getRequestCount(), "failed at once, no backoff instead");
    }

    // ---------------------------------------------------------------- redaction

    @Test
    void theProxyPasswordAndItsBasicFormNeverAppear() throws Exception {
        String basic = Base64.getEncoder().encodeToString("builder:proxy-password-42".getBytes(StandardCharsets.UTF_8));
        // The proxy asks for credentials, then answers with an error page that echoes what it got.
        server.enqueue(new MockResponse.Builder()
                .code(407)
                .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "text/plain")
                .body("Bad request. You sent Proxy-Authorization: Basic " + basic + " (password proxy-password-42)")
                .build());
        RecordingLog log = new RecordingLog();
        DlfClient client = DlfClient.builder(URI.create("http://dlf.example.invalid"), "p")
                .authentication(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))
                .transport(HttpTransport.builder()
                        .proxy(new ProxySettings("127.0.0.1", server.getPort(), "builder", "proxy-password-42")))
                .log(log)
                .build();
        toClose.add(client);

        DlfApiException e = assertThrows(DlfApiException.class, () -> export(client));

        server.takeRequest();
        assertEquals(
                "Basic " + basic, server.takeRequest().getHeaders().get("Proxy-Authorization"), "the proxy got them");
        List<String> texts = new ArrayList<>(log.lines());
        texts.add(e.getMessage());
        for (String text : texts) {
            assertFalse(text.contains("proxy-password-42") || text.contains(basic), text);
        }
        assertTrue(e.getMessage().contains("Proxy-Authorization: ****"), e.getMessage());
    }

    @Test
    void controlCharactersFromTheServerAreEscapedInMessages() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"DLF.0100\",\"error_msg\":\"gone\\u001b[2J\\n[INFO] BUILD SUCCESS\"}")
                .build());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(client(AuthenticationSource.fixed(new Authentication.Signed(KEYS)))));

        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("gone\\u001B[2J\\n[INFO] BUILD SUCCESS"), e.getMessage());
    }
}
