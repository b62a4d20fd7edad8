package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.testing.RecordingLog;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job list against a server whose page size, offset reading and answers the test decides. */
class JobListerTest {

    private MockWebServer server;
    private final RecordingLog log = new RecordingLog();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A job list of {@code counts} jobs per type, pages of at most 100 (a larger limit is refused), offset read as
     * rows or pages; each answer waits {@code delayMillis}, so parallel requests overlap.
     */
    private void serve(Map<String, Integer> counts, boolean rows, long delayMillis, IntUnaryOperator offsetSeen) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    String type = request.getUrl().queryParameter("jobType");
                    int offset = offsetSeen.applyAsInt(
                            Integer.parseInt(request.getUrl().queryParameter("offset")));
                    int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
                    requests.add(type + " " + offset + " " + limit);
                    Thread.sleep(delayMillis);
                    if (limit > 100) {
                        return json(
                                400,
                                "{\"error_code\":\"DLF.3051\",\"error_msg\":\"The request parameter is invalid.\"}");
                    }
                    int total = counts.get(type);
                    int skip = rows ? offset : offset * limit;
                    List<String> jobs = new ArrayList<>();
                    for (int i = skip; i < Math.min(total, skip + limit); i++) {
                        jobs.add("{\"name\":\"" + type.toLowerCase() + "_" + i + "\",\"jobType\":\"" + type + "\"}");
                    }
                    return json(200, "{\"total\":" + total + ",\"jobs\":[" + String.join(",", jobs) + "]}");
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private DlfClient client() {
        return DlfClient.builder(
                        URI.create("http://127.0.0.1:" + server.getPort()),
                        "p",
                        Credentials.of("AKEXAMPLE", "SKEXAMPLE", "test"))
                .retryPolicy(RetryPolicy.of(0))
                .build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bothTypesAreReadAtOnceAndWhatTheFirstRefusalAndProbeTaughtIsNotAskedAgain(boolean rows) throws Exception {
        serve(Map.of("BATCH", 950, "REAL_TIME", 420), rows, 20, offset -> offset);
        Map<String, List<JobSummary>> jobs;
        try (DlfClient client = client()) {
            jobs = new JobLister(client, log, 4).listAll(List.of("BATCH", "REAL_TIME"));
        }

        assertEquals(
                950, jobs.get("BATCH").stream().map(JobSummary::name).distinct().count());
        assertEquals("batch_0", jobs.get("BATCH").get(0).name());
        assertEquals("batch_949", jobs.get("BATCH").get(949).name());
        assertEquals(
                420,
                jobs.get("REAL_TIME").stream().map(JobSummary::name).distinct().count());
        // One refused limit=1000 for both types, one probe (offset=1) for both, then only pages of 100.
        assertEquals(1, requests.stream().filter(r -> r.endsWith(" 1000")).count(), requests::toString);
        // 10 + 5 pages, the refusal and the probe, which in the page reading is a type's second page.
        assertEquals(rows ? 17 : 16, requests.size(), requests::toString);
        if (rows) {
            assertEquals(1, requests.stream().filter(r -> r.contains(" 1 100")).count(), requests::toString);
        }
        assertTrue(mostInFlight.get() > 1, "pages are read in parallel: at most " + mostInFlight + " at once");
        assertTrue(mostInFlight.get() <= 4, "never more than threads at once: " + mostInFlight);
    }

    @Test
    void aServerThatIgnoresOffsetIsNotReadForever() throws Exception {
        // Every page is the first: total promises 100,000 jobs, but there are only 100 names.
        serve(Map.of("BATCH", 100_000), true, 0, offset -> 0);
        List<JobSummary> jobs;
        try (DlfClient client = client()) {
            jobs = new JobLister(client, log, 4).listAll("BATCH");
        }

        assertEquals(100, jobs.size());
        // The refusal, the first page, the probe, one wave of four that brings nothing new.
        assertEquals(7, requests.size(), requests::toString);
        assertTrue(
                log.lines()
                        .contains("[WARN] The BATCH job list announced 100000 jobs but gave 100 distinct names;"
                                + " continuing with those."),
                log.lines()::toString);
    }
}
