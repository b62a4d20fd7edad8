package io.github.dlfmaven.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.Fixtures.Definition;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the DataArts Factory (DLF) V1 API, serving job definitions from a folder, on
 * the JDK's own HTTP server, bound to the loopback address only.
 *
 * <p>It serves {@code POST /v1/{project_id}/jobs/{job_name}/export} (with {@code exportDepend},
 * {@code exportStatus} and {@code obsPath}), {@code POST /v1/{project_id}/jobs/batch-export} and
 * {@code GET /v1/{project_id}/jobs} (paging, {@code jobType} and {@code jobName} filters), answers with
 * the documented error shapes, checks every request's AK/SK signature like the API gateway, and can add
 * latency, 503s and 429s on purpose. Each request is logged in one line, never with a secret.
 */
public final class DlfEmulator implements AutoCloseable {

    /** How {@code offset} of the job list is read; the real service's reading is not confirmed. */
    public enum OffsetMode {
        /** {@code offset} counts jobs to skip. */
        ROWS,
        /** {@code offset} is a page index: {@code offset * limit} jobs are skipped. */
        PAGES
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK's server sends response headers and body in two writes; with Nagle's algorithm the body then
        // waits for the client's delayed ACK, about 40 ms per request, which would swamp any latency the
        // emulator is asked to simulate. The JDK reads this switch once, when its first server starts, and it
        // changes nothing but TCP_NODELAY on the JDK's own HTTP servers; a value set by the user is kept.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static final int MAX_BATCH = 100;

    private final Path fixtures;
    private final JobPackages packages = new JobPackages();
    private final Path obsDirectory;
    private final String workspace;
    private final Faults faults;
    private final OffsetMode offsetMode;
    private final int maxPageSize;
    private final Credentials credentials;
    private final SignatureVerifier verifier;
    private final Clock clock;
    private final Log log;
    private final Random random = new Random();
    private final Map<String, AtomicInteger> requestsPerPath = new ConcurrentHashMap<>();
    private volatile CachedFixtures cache;
    private final HttpServer server;
    private final ExecutorService executor;

    private DlfEmulator(Builder b) throws IOException {
        this.fixtures = b.fixtures;
        this.obsDirectory = b.obsDirectory;
        this.workspace = b.workspace;
        this.faults = b.faults;
        this.offsetMode = b.offsetMode;
        this.maxPageSize = b.maxPageSize;
        this.credentials = b.credentials;
        this.verifier = new SignatureVerifier(b.credentials);
        this.clock = b.clock;
        this.log = b.log;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 50);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "dlf-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        // The server's dispatcher thread inherits daemon status from the thread that starts it: started from a
        // daemon thread, a forgotten emulator never keeps a JVM (a build, an IDE, a test runner) alive.
        Thread starter = new Thread(server::start, "dlf-emulator-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new InterruptedIOException("Interrupted while starting the emulator");
        }
    }

    /**
     * @param fixtures folder with {@code jobs/}, {@code scripts/} and {@code resources/}
     * @param credentials the only AK/SK (and security token, if any) the emulator accepts
     */
    public static Builder builder(Path fixtures, Credentials credentials) {
        return new Builder(fixtures, credentials);
    }

    /** The base URL to give the export, such as {@code http://127.0.0.1:38211}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public Credentials credentials() {
        return credentials;
    }

    public Path fixtures() {
        return fixtures;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        try (exchange) {
            Answer answer;
            try (InputStream in = exchange.getRequestBody()) {
                answer = answer(exchange, method, rawPath, in.readNBytes(MAX_BODY_BYTES + 1));
            } catch (IOException | RuntimeException e) {
                log.warn("Emulator: " + method + " " + rawPath + " failed: " + e);
                answer = Answer.json(500, error("DLF.0000", "Internal error of the emulator: " + e.getMessage()));
            }
            // Logged before the answer goes out, so a client that has its answer also finds the line.
            log.info("Emulator: " + method + " " + rawPath + " -> " + answer.status() + " ("
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
            respond(exchange, answer);
        } catch (IOException e) {
            log.warn("Emulator: could not answer " + method + " " + rawPath + ": " + e);
        }
    }

    /** An HTTP answer: status, content type, body and extra headers. */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, JsonNode json) {
            try {
                return new Answer(status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(json), Map.of());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Answer answer(HttpExchange exchange, String method, String rawPath, byte[] body) throws IOException {
        sleep(faults.latency());
        if (body.length > MAX_BODY_BYTES) {
            return gatewayError(413, "APIGW.0201", "Request entity too large");
        }
        List<String> segments = PercentDecoding.pathSegments(rawPath);
        List<Map.Entry<String, String>> query =
                PercentDecoding.query(exchange.getRequestURI().getRawQuery());
        Optional<String> authError = verifier.check(
                method, segments, query, name -> exchange.getRequestHeaders().getFirst(name), body, clock.instant());
        if (authError.isPresent()) {
            return gatewayError(401, "APIGW.0301", authError.get());
        }
        int seen = requestsPerPath
                .computeIfAbsent(method + " " + rawPath, k -> new AtomicInteger())
                .incrementAndGet();
        if (seen <= faults.throttleFirst() || chance(faults.throttleRate())) {
            ObjectNode error = error(
                    "APIGW.0308",
                    "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second");
            Answer throttled = Answer.json(429, error);
            return new Answer(
                    429,
                    throttled.contentType(),
                    throttled.body(),
                    Map.of("Retry-After", String.valueOf(faults.retryAfterSeconds())));
        }
        if (chance(faults.failureRate())) {
            return gatewayError(503, "APIGW.0503", "Service temporarily unavailable (emulated failure)");
        }
        if (segments.size() < 3
                || !segments.get(0).equals("v1")
                || !segments.get(2).equals("jobs")) {
            return notFound();
        }
        if (workspace != null && !workspace.equals(exchange.getRequestHeaders().getFirst("workspace"))) {
            return dlfError(
                    "DLF.3051",
                    "The request parameter is invalid: workspace '"
                            + Objects.requireNonNullElse(
                                    exchange.getRequestHeaders().getFirst("workspace"), "")
                            + "' is not the emulated workspace.");
        }
        Fixtures definitions = currentFixtures();
        if (segments.size() == 3 && method.equals("GET")) {
            return listJobs(definitions, query);
        }
        if (segments.size() == 4 && segments.get(3).equals("batch-export") && method.equals("POST")) {
            return batchExport(definitions, body);
        }
        if (segments.size() == 5 && segments.get(4).equals("export") && method.equals("POST")) {
            return export(definitions, segments.get(3), body);
        }
        return notFound();
    }

    /**
     * The fixtures, read again when a folder of them changed (a file added, removed or renamed), so a long
     * listing of many jobs does not parse every job on every page.
     */
    private Fixtures currentFixtures() throws IOException {
        List<Object> stamp = new ArrayList<>();
        for (DefinitionKind kind : DefinitionKind.values()) {
            Path path = fixtures.resolve(kind.folder());
            stamp.add(Files.isDirectory(path) ? Files.getLastModifiedTime(path) : "missing");
        }
        CachedFixtures cached = this.cache;
        if (cached == null || !cached.stamp().equals(stamp)) {
            cached = new CachedFixtures(stamp, Fixtures.load(fixtures));
            this.cache = cached;
        }
        return cached.fixtures();
    }

    private record CachedFixtures(List<Object> stamp, Fixtures fixtures) {}

    private Answer export(Fixtures definitions, String jobName, byte[] body) throws IOException {
        JsonNode request = requestJson(body);
        if (request == null) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        String status = request.path("exportStatus").asText("DEVELOP");
        if (!status.equals("DEVELOP") && !status.equals("SUBMIT")) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        Optional<Definition> job = definitions.job(jobName);
        if (job.isEmpty()) {
            return dlfError("DLF.0100", "The job does not exists.");
        }
        // The emulator keeps one state per job: DEVELOP and SUBMIT export the same definition.
        byte[] zip = packages.single(
                definitions, job.get(), request.path("exportDepend").asBoolean(true));
        String obsPath = request.path("obsPath").asText(null);
        if (obsPath != null) {
            return exportToObs(jobName, obsPath, zip);
        }
        return new Answer(
                200,
                "application/octet-stream",
                zip,
                Map.of("Content-Disposition", "attachment; filename=\"DLF_" + asciiFileName(jobName) + ".zip\""));
    }

    /** Writes the package below the folder that stands for OBS, as {bucket}/{path}/{job}/DLF_{job}.zip. */
    private Answer exportToObs(String jobName, String obsPath, byte[] zip) throws IOException {
        if (!obsPath.startsWith("obs://") || obsPath.length() <= "obs://".length() || obsPath.contains("..")) {
            return dlfError("DLF.0803", "The OBS path is invalid.");
        }
        String prefix = obsPath.endsWith("/") ? obsPath : obsPath + "/";
        Path folder = obsDirectory
                .resolve(prefix.substring("obs://".length()))
                .resolve(jobName)
                .normalize();
        if (!folder.startsWith(obsDirectory)) {
            return dlfError("DLF.0803", "The OBS path is invalid.");
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve("DLF_" + jobName + ".zip"), zip);
        return Answer.json(200, JSON.createObjectNode().put("obsPath", prefix + jobName + "/"));
    }

    private Answer batchExport(Fixtures definitions, byte[] body) throws IOException {
        JsonNode request = requestJson(body);
        JsonNode jobList = request == null ? null : request.get("jobList");
        if (jobList == null || !jobList.isArray() || jobList.isEmpty() || jobList.size() > MAX_BATCH) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        List<Definition> jobs = new ArrayList<>();
        for (JsonNode name : jobList) {
            Optional<Definition> job = definitions.job(name.asText());
            if (job.isEmpty()) {
                return dlfError("DLF.0100", "The job does not exists.");
            }
            jobs.add(job.get());
        }
        byte[] zip =
                packages.batch(definitions, jobs, request.path("exportDepend").asBoolean(true));
        return new Answer(
                200,
                "application/octet-stream",
                zip,
                Map.of("Content-Disposition", "attachment; filename=\"jobs.zip\""));
    }

    private Answer listJobs(Fixtures definitions, List<Map.Entry<String, String>> query) {
        String jobType = parameter(query, "jobType").orElse("BATCH");
        Optional<String> nameFilter = parameter(query, "jobName");
        int offset;
        int limit;
        try {
            offset = Integer.parseInt(parameter(query, "offset").orElse("0"));
            limit = Integer.parseInt(parameter(query, "limit").orElse("10"));
        } catch (NumberFormatException e) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        if (offset < 0
                || limit < 1
                || limit > maxPageSize
                || !(jobType.equals("BATCH") || jobType.equals("REAL_TIME"))) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        List<Fixtures.Listing> matching = new ArrayList<>();
        for (Fixtures.Listing job : definitions.listings()) {
            // Whether the real filter is exact or fuzzy is not confirmed; the emulator matches substrings.
            if (job.jobType().equals(jobType)
                    && nameFilter.map(job.job().name()::contains).orElse(true)) {
                matching.add(job);
            }
        }
        long skip = offsetMode == OffsetMode.ROWS ? offset : (long) offset * limit;
        ArrayNode page = JSON.createArrayNode();
        // Only the page's jobs become JSON: a listing of a large workspace is read a hundred times.
        matching.stream()
                .skip(skip)
                .limit(limit)
                .forEach(job -> page.add(JSON.createObjectNode()
                        .put("name", job.job().name())
                        .put("jobType", job.jobType())
                        .put("path", job.directory())
                        .put("status", job.jobType().equals("BATCH") ? "STOPPED" : "NORMAL")
                        .put("owner", "emulator")
                        .put("priority", 0)
                        .put("singleNodeJobFlag", false)));
        ObjectNode answer = JSON.createObjectNode().put("total", matching.size());
        answer.set("jobs", page);
        return Answer.json(200, answer);
    }

    private static Optional<String> parameter(List<Map.Entry<String, String>> query, String name) {
        return query.stream()
                .filter(e -> e.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The request body as JSON; an absent body means all defaults. Null when it is not a JSON object. */
    private static JsonNode requestJson(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("error_msg", message);
    }

    private static Answer dlfError(String code, String message) {
        return Answer.json(400, error(code, message));
    }

    private static Answer gatewayError(int status, String code, String message) {
        return Answer.json(
                status,
                error(code, message)
                        .put("request_id", UUID.randomUUID().toString().replace("-", "")));
    }

    private static Answer notFound() {
        return gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment");
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.getResponseHeaders()
                .set("X-Request-Id", UUID.randomUUID().toString().replace("-", ""));
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private static String asciiFileName(String name) {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        for (char c : name.toCharArray()) {
            ascii.write(c < 0x7f && c > 0x20 && c != '"' ? c : '_');
        }
        return ascii.toString(StandardCharsets.US_ASCII);
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

    @Override
    public String toString() {
        return "DlfEmulator[" + endpoint() + ", fixtures " + fixtures + (faults.any() ? ", " + faults : "") + "]";
    }

    /** Settings of an emulator; everything but the fixtures and credentials has a default. */
    public static final class Builder {
        private final Path fixtures;
        private final Credentials credentials;
        private int port;
        private String workspace;
        private Path obsDirectory;
        private Faults faults = Faults.NONE;
        private OffsetMode offsetMode = OffsetMode.ROWS;
        private int maxPageSize = 1000;
        private Clock clock = Clock.systemUTC();
        private Log log = Log.NONE;

        private Builder(Path fixtures, Credentials credentials) {
            this.fixtures = fixtures.toAbsolutePath().normalize();
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.obsDirectory = this.fixtures.resolveSibling("obs");
        }

        /** 0, the default, picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** When set, requests must carry this {@code workspace} header. */
        public Builder workspace(String workspace) {
            this.workspace = workspace == null || workspace.isBlank() ? null : workspace;
            return this;
        }

        /** The folder that stands for OBS: {@code obs://bucket/path/} maps to {@code {folder}/bucket/path/}. */
        public Builder obsDirectory(Path obsDirectory) {
            this.obsDirectory = obsDirectory.toAbsolutePath().normalize();
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        public Builder offsetMode(OffsetMode offsetMode) {
            this.offsetMode = offsetMode;
            return this;
        }

        /** Largest {@code limit} of the job list: 1000 on Huawei Cloud, 100 on other deployments. */
        public Builder maxPageSize(int maxPageSize) {
            this.maxPageSize = maxPageSize;
            return this;
        }

        /** The clock the signature dates are checked against. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder log(Log log) {
            this.log = log;
            return this;
        }

        /** Binds the loopback address and starts serving. */
        public DlfEmulator start() throws IOException {
            return new DlfEmulator(this);
        }
    }
}
