package io.github.dlfmaven.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Takes each request to OBS or to the DLF API by its path, and through their checks in the order the real services
 * keep, deciding all it can from the path and headers before it reads a body: OBS authenticates completely from them,
 * the API gateway all but the signature, which covers the body's hash. A body is never read past its path's limit (a
 * declared length above it is refused unread), and only within the {@link BodyBudget} all requests share; a body the
 * budget cannot hold now is answered busy, unread. Each request is logged in one line, never with a secret.
 */
final class Router implements HttpHandler {

    /** The DLF API takes small JSON bodies. */
    static final int MAX_API_BODY_BYTES = 1 << 20;
    /** OBS takes whole packages: up to DLF's 10 MB, and more, to show a refusal. */
    static final int MAX_OBJECT_BYTES = 32 << 20;
    /** The resources below {@code /v1/{project_id}/} the emulator serves. */
    private static final Set<String> API_ROOTS = Set.of("jobs", "scripts", "resources", "system-tasks");

    private final Gateway gateway;
    private final ObsApi obs;
    private final ImportApi imports;
    private final ReadApi reads;
    private final JobApi jobs;
    private final Faults faults;
    private final BodyBudget budget;
    private final Clock clock;
    private final Log log;

    Router(
            Gateway gateway,
            ObsApi obs,
            ImportApi imports,
            ReadApi reads,
            JobApi jobs,
            Faults faults,
            BodyBudget budget,
            Clock clock,
            Log log) {
        this.gateway = gateway;
        this.obs = obs;
        this.imports = imports;
        this.reads = reads;
        this.jobs = jobs;
        this.faults = faults;
        this.budget = budget;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange, method, rawPath, exchange.getRequestBody());
            } catch (IOException | RuntimeException e) {
                log.warn("Emulator: " + method + " " + rawPath + " failed: " + e);
                answer =
                        Answer.json(500, Answer.error("DLF.0000", "Internal error of the emulator: " + e.getMessage()));
            }
            // The latency is added once the body has been read: the JDK's server counts the time until then against its
            // request time (see JdkServerSwitches) and would close the connection of a request made to wait longer. A
            // request refused with its body unread still counts, so only a latency near that time cuts such refusals.
            sleep(faults.latency());
            // Logged before the answer goes out, so a client that has its answer also finds the line.
            log.info("Emulator: " + method + " " + rawPath + " -> " + answer.status() + " ("
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
            // Sent before the body is closed: closing drains what is left of it (the JDK's server reads up to 64 KiB,
            // then
            // drops the connection), and a client still sending must already have its answer.
            answer.send(exchange);
        } catch (IOException e) {
            log.warn("Emulator: could not answer " + method + " " + rawPath + ": " + e);
        }
    }

    private Answer answer(HttpExchange exchange, String method, String rawPath, InputStream in) throws IOException {
        List<String> segments = PercentDecoding.pathSegments(rawPath);
        // No bucket is called v1 (bucket names have three characters or more): anything else is OBS.
        boolean api = !segments.isEmpty() && segments.get(0).equals("v1");
        int limit = api ? MAX_API_BODY_BYTES : MAX_OBJECT_BYTES;
        long length = declaredLength(exchange);
        if (length > limit) {
            return Gateway.tooLarge();
        }
        Function<String, String> header = name -> exchange.getRequestHeaders().getFirst(name);
        return api
                ? api(exchange, method, rawPath, segments, header, in, length)
                : obs(exchange, method, rawPath, header, in, length);
    }

    private Answer obs(
            HttpExchange exchange,
            String method,
            String rawPath,
            Function<String, String> header,
            InputStream in,
            long length)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        Optional<Answer> refused = obs.refusal(method, rawPath, headers, header, clock.instant());
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<HeldBody> body;
        try {
            body = HeldBody.read(in, length, MAX_OBJECT_BYTES, budget);
        } catch (HeldBody.TooLarge e) {
            return Gateway.tooLarge();
        }
        if (body.isEmpty()) {
            return ObsApi.busy();
        }
        try (HeldBody held = body.get()) {
            return obs.answer(method, rawPath, header, held.bytes());
        }
    }

    private Answer api(
            HttpExchange exchange,
            String method,
            String rawPath,
            List<String> segments,
            Function<String, String> header,
            InputStream in,
            long length)
            throws IOException {
        Optional<Answer> refused = gateway.refusalBeforeBody(header);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<HeldBody> body;
        try {
            body = HeldBody.read(in, length, MAX_API_BODY_BYTES, budget);
        } catch (HeldBody.TooLarge e) {
            return Gateway.tooLarge();
        }
        if (body.isEmpty()) {
            return Gateway.busy();
        }
        try (HeldBody held = body.get()) {
            return api(exchange, method, rawPath, segments, header, held.bytes());
        }
    }

    private Answer api(
            HttpExchange exchange,
            String method,
            String rawPath,
            List<String> segments,
            Function<String, String> header,
            byte[] body)
            throws IOException {
        List<Map.Entry<String, String>> query =
                PercentDecoding.query(exchange.getRequestURI().getRawQuery());
        Optional<Answer> refused = gateway.refusal(method, rawPath, segments, query, header, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (segments.size() < 3 || !API_ROOTS.contains(segments.get(2))) {
            return Answer.notFound();
        }
        Optional<Answer> elsewhere = gateway.outOfScope(segments, header);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        Answer answer = imports.answer(method, segments, body);
        if (answer == null) {
            answer = reads.answer(method, segments, query);
        }
        if (answer == null && segments.get(2).equals("jobs")) {
            answer = jobs.answer(method, segments, query, body);
        }
        return answer != null ? answer : Answer.notFound();
    }

    /** The body's length as the JDK's server reads it: -1 when it comes in chunks, 0 when nothing is declared. */
    private static long declaredLength(HttpExchange exchange) {
        String transferEncoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.equalsIgnoreCase("chunked")) {
            return -1;
        }
        String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
        return contentLength == null ? 0 : Long.parseLong(contentLength.trim());
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
