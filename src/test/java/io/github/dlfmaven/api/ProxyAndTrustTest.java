package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.ProxySettings;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.http.TrustStores;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.testing.ForwardProxy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests through a real local forward proxy, and HTTPS against a server whose CA only a trust store knows. */
class ProxyAndTrustTest {

    static final Credentials CREDENTIALS =
            Credentials.of("PROXYTESTAK000000001", "proxyTestSecretKey000000000000000000000", "test");

    @TempDir
    Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DlfEmulator emulator;

    @BeforeEach
    void startEmulator() throws IOException {
        Path fixtures = temp.resolve("fixtures");
        Files.createDirectories(fixtures.resolve("jobs"));
        Files.writeString(fixtures.resolve("jobs/a.job"), "{\n  \"name\": \"a\"\n}\n");
        emulator = DlfEmulator.builder(fixtures, CREDENTIALS).start();
        toClose.add(emulator);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void plainHttpGoesThroughTheProxyAndTheSignatureStillHolds() throws Exception {
        ForwardProxy proxy = proxy(null, null);

        ExportResponse response = export(DlfClient.builder(emulator.endpoint(), "p", CREDENTIALS)
                .transport(HttpTransport.builder().proxy(new ProxySettings("127.0.0.1", proxy.port(), null, null))));

        assertInstanceOf(ExportResponse.Archive.class, response);
        assertEquals(List.of("POST " + emulator.endpoint() + "/v1/p/jobs/a/export"), proxy.requests());
    }

    @Test
    void anAuthenticatingProxyGetsBasicCredentialsAfterItsChallenge() throws Exception {
        ForwardProxy proxy = proxy("builder", "proxy-secret");

        export(DlfClient.builder(emulator.endpoint(), "p", CREDENTIALS)
                .transport(HttpTransport.builder()
                        .proxy(new ProxySettings("127.0.0.1", proxy.port(), "builder", "proxy-secret"))));

        String target = emulator.endpoint() + "/v1/p/jobs/a/export";
        assertEquals(List.of("407 POST " + target, "POST " + target), proxy.requests());
    }

    @Test
    void wrongProxyCredentialsFailWithAHintAndWithoutThePassword() throws Exception {
        ForwardProxy proxy = proxy("builder", "proxy-secret");

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> export(DlfClient.builder(emulator.endpoint(), "p", CREDENTIALS)
                        .transport(HttpTransport.builder()
                                .proxy(new ProxySettings("127.0.0.1", proxy.port(), "builder", "wrong-secret")))));

        assertEquals(407, e.httpStatus());
        assertTrue(
                e.getMessage().contains("The proxy 127.0.0.1:" + proxy.port() + " (as builder) refused the request"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"));
    }

    @Test
    void httpsTunnelsThroughConnectAndTrustsAPrivateCaFromATrustStore() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("Test private cloud CA")
                .build();
        MockWebServer https = httpsServer(ca);
        ForwardProxy proxy = proxy("builder", "proxy-secret");
        Path trustStore = trustStore(ca, "store-password", "PKCS12", "truststore.p12");

        ExportResponse response =
                export(DlfClient.builder(URI.create(https.url("/").toString()), "p", CREDENTIALS)
                        .transport(HttpTransport.builder()
                                .proxy(new ProxySettings("127.0.0.1", proxy.port(), "builder", "proxy-secret"))
                                .trustManager(TrustStores.load(trustStore, null, "store-password".toCharArray()))));

        assertInstanceOf(ExportResponse.Archive.class, response);
        // okhttp offers the proxy credentials with the CONNECT right away (a preemptive challenge), so no 407.
        assertEquals(List.of("CONNECT " + https.url("/").host() + ":" + https.getPort()), proxy.requests());
        assertEquals("/v1/p/jobs/a/export", https.takeRequest().getUrl().encodedPath());
    }

    @Test
    void withoutTheTrustStoreThePrivateCaIsRefusedWithAHint() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("Test private cloud CA")
                .build();
        MockWebServer https = httpsServer(ca);

        IOException e = assertThrows(
                IOException.class,
                () -> export(DlfClient.builder(URI.create(https.url("/").toString()), "p", CREDENTIALS)
                        .names(MavenSettingNames.INSTANCE)));

        assertInstanceOf(SSLException.class, e.getCause());
        assertTrue(
                e.getMessage().contains("TLS handshake") && e.getMessage().contains("-Ddlf.trustStore"),
                e.getMessage());
        assertEquals(0, https.getRequestCount());
    }

    @Test
    void trustStoresOfBothTypesLoadAndBadOnesSayWhy() throws Exception {
        HeldCertificate ca =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        Path jks = trustStore(ca, "jks-password", "JKS", "truststore.jks");

        X509TrustManager manager = TrustStores.load(jks, null, "jks-password".toCharArray());
        assertEquals(ca.certificate(), manager.getAcceptedIssuers()[0]);

        IOException wrongPassword =
                assertThrows(IOException.class, () -> TrustStores.load(jks, null, "nope".toCharArray()));
        assertTrue(
                wrongPassword.getMessage().startsWith("Cannot read the trust store " + jks + " as JKS"),
                wrongPassword.getMessage());
        Path notAStore = Files.writeString(temp.resolve("store.p12"), "not a key store");
        assertThrows(IOException.class, () -> TrustStores.load(notAStore, null, new char[0]));
    }

    @Test
    void unexpectedAnswersAreQuotedOnlyRedacted() throws Exception {
        String token = "exampleSecurityToken0123456789";
        Credentials temporary = Credentials.temporary("AK", "exampleSecretKey0000000000000000000000000", token, "test");
        try (MockWebServer echo = new MockWebServer()) {
            String page = "<html><body>Login required. Your request: X-Security-Token: " + token + "</body></html>";
            echo.enqueue(new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "text/html")
                    .body(page)
                    .build());
            echo.enqueue(new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "text/html")
                    .body(page)
                    .build());
            echo.start(InetAddress.getByName("127.0.0.1"), 0);
            try (DlfClient client = DlfClient.builder(URI.create(echo.url("/").toString()), "p", temporary)
                    .build()) {
                DlfApiException export = assertThrows(
                        DlfApiException.class,
                        () -> client.export(
                                new ExportRequest("a", true, "DEVELOP", null), temp.resolve("a.zip"), 1 << 20));
                IOException list = assertThrows(IOException.class, () -> client.listJobs("BATCH", 0, 10));

                assertTrue(
                        export.getMessage().contains("an HTML page")
                                && export.getMessage().contains("Login required")
                                && export.getMessage().contains("X-Security-Token: ****"),
                        export.getMessage());
                assertFalse(export.getMessage().contains(token), export.getMessage());
                assertTrue(list.getMessage().contains("X-Security-Token: ****"), list.getMessage());
                assertFalse(list.getMessage().contains(token), list.getMessage());
            }
        }
    }

    private ForwardProxy proxy(String user, String password) throws IOException {
        ForwardProxy proxy = new ForwardProxy(user, password);
        toClose.add(proxy);
        return proxy;
    }

    private MockWebServer httpsServer(HeldCertificate ca) throws IOException {
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .signedBy(ca)
                .commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost")
                .build();
        MockWebServer server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate)
                .build()
                .sslSocketFactory());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(new byte[] {'P', 'K', 5, 6}))
                .build());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        toClose.add(server);
        return server;
    }

    private Path trustStore(HeldCertificate ca, String password, String type, String name) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("private-ca", ca.certificate());
        Path file = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private ExportResponse export(DlfClient.Builder builder) throws Exception {
        try (DlfClient client = builder.retryPolicy(RetryPolicy.of(0)).build()) {
            return client.export(new ExportRequest("a", true, "DEVELOP", null), temp.resolve("a.zip"), 1 << 20);
        }
    }
}
