package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.SigningInterceptor.AuthenticationUnavailableException;
import io.github.dlfmaven.log.Redactor;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigningInterceptorTest {

    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:15:00Z"), ZoneOffset.UTC);

    private MockWebServer server;
    private final Redactor redactor = new Redactor();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response send(AuthenticationSource source, Request request) throws IOException {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new SigningInterceptor(source, redactor, CLOCK))
                .build();
        try {
            return client.newCall(request).execute();
        } finally {
            client.connectionPool().evictAll();
        }
    }

    private Request post(String body) {
        return new Request.Builder()
                .url(server.url("/v1/p/jobs/a%20b/export?x=1&y"))
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .header("X-Project-Id", "p")
                .header("workspace", "w")
                .header("Accept", "application/octet-stream")
                .header("User-Agent", "test")
                .build();
    }

    @Test
    void signsTheRequestsOwnHeadersAndTheBodyAsTheServerReceivesThem() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Credentials credentials = Credentials.temporary("AKEXAMPLE", "SKEXAMPLE", "TOKENEXAMPLE", "test");

        send(AuthenticationSource.fixed(new Authentication.Signed(credentials)), post("{\"a\":1}"))
                .close();

        RecordedRequest recorded = server.takeRequest();
        Matcher m = AUTHORIZATION.matcher(recorded.getHeaders().get("Authorization"));
        assertTrue(m.matches(), recorded.getHeaders().get("Authorization"));
        assertEquals("AKEXAMPLE", m.group(1));
        assertEquals(
                List.of("host", "workspace", "x-project-id", "x-sdk-date", "x-security-token"),
                Arrays.asList(m.group(2).split(";")));
        assertEquals("20261128T101500Z", recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals("TOKENEXAMPLE", recorded.getHeaders().get("X-Security-Token"));
        // Recomputed from what arrived: the Host header as sent, the decoded path and query, the exact body.
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : m.group(2).split(";")) {
            signed.put(name, recorded.getHeaders().get(name));
        }
        HttpUrl url = recorded.getUrl();
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (int i = 0; i < url.querySize(); i++) {
            String value = url.queryParameterValue(i);
            query.add(Map.entry(url.queryParameterName(i), value == null ? "" : value));
        }
        String expected = new AkSkSigner()
                .authorization(
                        new SignableRequest(
                                "POST",
                                url.pathSegments(),
                                query,
                                signed,
                                recorded.getBody().toByteArray()),
                        credentials);
        assertEquals(expected, recorded.getHeaders().get("Authorization"));
        assertEquals("****", redactor.redact("SKEXAMPLE"));
        assertEquals("****", redactor.redact("TOKENEXAMPLE"));
    }

    @Test
    void asksTheSourceAgainForEveryAttempt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        AtomicInteger asked = new AtomicInteger();
        AuthenticationSource renewing = new AuthenticationSource() {
            @Override
            public Authentication current() {
                int n = asked.incrementAndGet();
                return new Authentication.Signed(Credentials.of("AK" + n, "SK" + n, "renewing"));
            }

            @Override
            public String description() {
                return "renewing";
            }
        };

        send(renewing, post("{}")).close();
        send(renewing, post("{}")).close();

        assertTrue(server.takeRequest().getHeaders().get("Authorization").contains("Access=AK1,"));
        assertTrue(server.takeRequest().getHeaders().get("Authorization").contains("Access=AK2,"));
        assertEquals(2, asked.get());
    }

    @Test
    void anIamTokenIsSentAsItIsWithoutASignature() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());

        send(AuthenticationSource.fixed(new Authentication.Token("MIIexampleToken", "DLF_AUTH_TOKEN")), post("{}"))
                .close();

        RecordedRequest recorded = server.takeRequest();
        assertEquals("MIIexampleToken", recorded.getHeaders().get("X-Auth-Token"));
        assertNull(recorded.getHeaders().get("Authorization"));
        assertNull(recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals("****", redactor.redact("MIIexampleToken"));
    }

    @Test
    void aSourceThatFailsStopsTheRequestBeforeItIsSentAndKeepsItsOwnFailure() {
        IOException cause = new IOException("IAM at https://iam.example could not be reached");
        AuthenticationSource failing = new AuthenticationSource() {
            @Override
            public Authentication current() throws IOException {
                throw cause;
            }

            @Override
            public String description() {
                return "failing";
            }
        };

        AuthenticationUnavailableException e =
                assertThrows(AuthenticationUnavailableException.class, () -> send(failing, post("{}")));

        assertSame(cause, e.getCause());
        assertSame(cause, assertThrows(IOException.class, e::rethrowCause));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void credentialsThatCannotBeUsedKeepTheirOwnException() {
        CredentialsException cause = new CredentialsException("The IAM token from x contains spaces");
        AuthenticationSource broken = new AuthenticationSource() {
            @Override
            public Authentication current() {
                throw cause;
            }

            @Override
            public String description() {
                return "broken";
            }
        };

        AuthenticationUnavailableException e =
                assertThrows(AuthenticationUnavailableException.class, () -> send(broken, post("{}")));

        assertSame(cause, assertThrows(CredentialsException.class, e::rethrowCause));
        assertFalse(e.getMessage().isEmpty());
        assertEquals(0, server.getRequestCount());
    }
}
