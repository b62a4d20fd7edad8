package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.http.RetryPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 429 for one call holds back the client's other calls too: the limit is the account's, not the request's. */
class SharedThrottleTest {

    @TempDir
    Path temp;

    @Test
    void a429PausesTheOtherThreadsUntilRetryAfter() throws Exception {
        List<String> arrivals = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        CountDownLatch throttled = new CountDownLatch(1);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String job = request.getUrl().pathSegments().get(3);
                    arrivals.add(job);
                    times.add(System.nanoTime());
                    if (job.equals("first") && arrivals.size() == 1) {
                        throttled.countDown();
                        return new MockResponse.Builder()
                                .code(429)
                                .setHeader("Retry-After", "1")
                                .setHeader("Content-Type", "application/json")
                                .body(
                                        "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"The throttling threshold has been reached\"}")
                                .build();
                    }
                    return new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "application/octet-stream")
                            .body(new Buffer().write(new byte[] {'P', 'K', 5, 6}))
                            .build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try (DlfClient client = DlfClient.builder(
                            URI.create(server.url("/").toString()), "p", Credentials.of("AK", "SK", "test"))
                    .retryPolicy(RetryPolicy.of(2))
                    .build()) {
                Future<ExportResponse> first = threads.submit(() -> client.export(
                        new ExportRequest("first", true, "DEVELOP", null), temp.resolve("first.zip"), 1 << 20));
                assertTrue(throttled.await(5, TimeUnit.SECONDS));
                Thread.sleep(200);
                long secondStarted = System.nanoTime();
                Future<ExportResponse> second = threads.submit(() -> client.export(
                        new ExportRequest("second", true, "DEVELOP", null), temp.resolve("second.zip"), 1 << 20));

                assertEquals(2, first.get(10, TimeUnit.SECONDS).attempts());
                assertEquals(1, second.get(10, TimeUnit.SECONDS).attempts());
                long secondArrived = times.get(arrivals.indexOf("second"));
                long waited = Duration.ofNanos(secondArrived - secondStarted).toMillis();
                long sinceThrottle =
                        Duration.ofNanos(secondArrived - times.get(0)).toMillis();
                assertTrue(sinceThrottle >= 950, "the second call went out " + sinceThrottle + " ms after the 429");
                assertTrue(waited >= 600, "the second call waited only " + waited + " ms");
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
