package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry policy around each call, seen through the client: which answers and failures are retried, how long it waits, and when it gives up. */
class CallRunnerTest extends ApiServerTest {

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
        assertEquals(
                3,
                debugLines().stream().filter(l -> l.startsWith("POST ")).count(),
                debugLines().toString());
        assertEquals(
                2,
                debugLines().stream()
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
        assertEquals(1, debugLines().stream().filter(l -> l.startsWith("POST ")).count());
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
                log.debug(message);
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
}
