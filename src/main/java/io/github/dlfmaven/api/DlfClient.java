package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.SignableRequest;
import io.github.dlfmaven.config.JobNames;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.BodyPreview;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.LogText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client for the DataArts Factory (DLF) V1 API: builds and signs requests, retries what is worth
 * retrying, and streams job packages to disk. One instance per export run; it is thread-safe and reuses
 * connections across jobs. Knows nothing of Maven.
 */
public final class DlfClient implements AutoCloseable {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A connection idle this long before a retry may have been closed by the server; it is not reused. */
    private static final Duration STALE_AFTER = Duration.ofMillis(250);
    /** Error bodies and OBS answers are small; anything bigger is not what we expect and is cut. */
    private static final long SMALL_BODY_LIMIT = 1 << 20;

    private final OkHttpClient http;
    private final HttpTransport transport;
    /** Whether this client made its transport, and so closes it. */
    private final boolean ownsTransport;

    private final HttpUrl endpoint;
    private final String projectId;
    private final String workspace;
    private final AuthenticationSource authentication;
    private final SettingNames names;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Log log;
    private final AkSkSigner signer = new AkSkSigner();
    private final AtomicInteger requests = new AtomicInteger();
    private final Object pauseLock = new Object();
    /** System.nanoTime() before which no call starts, set by a 429. */
    private long pausedUntil = System.nanoTime();

    private DlfClient(Builder b) {
        this.endpoint = HttpUrl.get(b.endpoint.toString());
        this.projectId = b.projectId;
        this.workspace = b.workspace;
        this.authentication = b.authentication;
        this.names = b.names;
        this.retryPolicy = b.retryPolicy;
        this.clock = b.clock;
        this.log = b.log;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? b.transportSettings.build() : b.transport;
        this.http = transport
                .client()
                .newBuilder()
                // Each attempt tags its request with a tracker, which tells connect failures (retried)
                // from failures after the request reached the server (not retried).
                .eventListenerFactory(call -> {
                    ConnectTracker tracker = call.request().tag(ConnectTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
    }

    /** A client that signs every request with this access key pair; see {@link Builder#authentication} for others. */
    public static Builder builder(URI endpoint, String projectId, Credentials credentials) {
        return builder(endpoint, projectId).credentials(credentials);
    }

    /** A client whose authentication is set with {@link Builder#credentials} or {@link Builder#authentication}. */
    public static Builder builder(URI endpoint, String projectId) {
        return new Builder(endpoint, projectId);
    }

    /**
     * Exports one job. Without an OBS path the package is streamed to {@code packageFile} (never held in
     * memory); with one, DLF writes it to OBS and the answer says where.
     *
     * @param maxBodyBytes the download is abandoned beyond this many bytes
     * @throws DlfApiException the API answered with an error
     * @throws IOException the API could not be reached, the answer broke off, or the file could not be written
     */
    public ExportResponse export(ExportRequest request, Path packageFile, long maxBodyBytes)
            throws IOException, DlfApiException {
        // A name such as ".." would make okhttp resolve the path to another API.
        HttpUrl url = jobsUrl()
                .addPathSegment(JobNames.requireValid(request.jobName()))
                .addPathSegment("export")
                .build();
        ObjectNode body = JSON.createObjectNode()
                .put("exportDepend", request.exportDepend())
                .put("exportStatus", request.exportStatus());
        request.obsPathIfSet().ifPresent(path -> body.put("obsPath", path));
        Operation operation =
                new Operation("Export of job '" + LogText.escape(request.jobName()) + "'", request.jobName());
        if (request.obsPathIfSet().isPresent()) {
            return call(
                    operation,
                    "POST",
                    url,
                    JSON.writeValueAsBytes(body),
                    "application/json",
                    (response, attempt) -> obsLocation(operation, request, response, attempt));
        }
        return call(
                operation,
                "POST",
                url,
                JSON.writeValueAsBytes(body),
                "application/octet-stream",
                (response, attempt) -> download(operation, response, packageFile, maxBodyBytes, attempt));
    }

    /**
     * Exports several jobs in one request ({@code POST /v1/{project_id}/jobs/batch-export}, at most 100 jobs).
     * The package holds one folder per job.
     */
    public ExportResponse.Archive batchExport(
            List<String> jobNames, boolean exportDepend, Path packageFile, long maxBodyBytes)
            throws IOException, DlfApiException {
        HttpUrl url = jobsUrl().addPathSegment("batch-export").build();
        ObjectNode body = JSON.createObjectNode();
        jobNames.forEach(body.putArray("jobList")::add);
        body.put("exportDepend", exportDepend);
        jobNames.forEach(JobNames::requireValid);
        List<String> first = jobNames.subList(0, Math.min(3, jobNames.size())).stream()
                .map(LogText::escape)
                .toList();
        String shown = "'" + String.join("', '", first) + "'" + (jobNames.size() > 3 ? ", ..." : "");
        Operation operation = new Operation("Batch export of " + jobNames.size() + " jobs (" + shown + ")", null);
        return call(
                operation,
                "POST",
                url,
                JSON.writeValueAsBytes(body),
                "application/octet-stream",
                (response, attempt) -> download(operation, response, packageFile, maxBodyBytes, attempt));
    }

    /**
     * One page of {@code GET /v1/{project_id}/jobs}.
     *
     * @param jobType {@code BATCH} or {@code REAL_TIME}: the API lists only one type at a time
     * @param offset as the server reads it, a row offset or a page index (not confirmed which)
     */
    public JobPage listJobs(String jobType, int offset, int limit) throws IOException, DlfApiException {
        HttpUrl url = jobsUrl()
                .addQueryParameter("jobType", jobType)
                .addQueryParameter("offset", String.valueOf(offset))
                .addQueryParameter("limit", String.valueOf(limit))
                .build();
        Operation operation =
                new Operation("Listing " + jobType + " jobs (offset " + offset + ", limit " + limit + ")", null);
        return call(operation, "GET", url, null, "application/json", (response, attempt) -> {
            JsonNode json = parseJson(response.peekBody(SMALL_BODY_LIMIT).string());
            if (json == null || !json.path("jobs").isArray()) {
                throw new IOException(operation.label() + " returned no job list but "
                        + BodyPreview.describe(redact(response.peekBody(512).string())) + ".");
            }
            List<JobSummary> jobs = new ArrayList<>();
            for (JsonNode job : json.get("jobs")) {
                String name = text(job, "name");
                if (name != null) {
                    String path = text(job, "path");
                    jobs.add(new JobSummary(
                            name,
                            Objects.requireNonNullElse(text(job, "jobType"), jobType),
                            path == null || path.isEmpty() ? "/" : path));
                }
            }
            return new JobPage(json.path("total").asInt(jobs.size()), jobs);
        });
    }

    /** Where the credentials come from, safe to print. */
    public String credentialsSource() {
        return authentication.description();
    }

    /** How many HTTP requests this client has sent, retries included. */
    public int requestCount() {
        return requests.get();
    }

    private HttpUrl.Builder jobsUrl() {
        return endpoint.newBuilder()
                .addPathSegment("v1")
                .addPathSegment(projectId)
                .addPathSegment("jobs");
    }

    /** What a call is about, for messages: {@code label} such as {@code Export of job 'a'}. */
    private record Operation(String label, String jobName) {
        /** The label inside a sentence: {@code the export of job 'a'}. */
        String noun() {
            return "the " + Character.toLowerCase(label.charAt(0)) + label.substring(1);
        }
    }

    /** One try of a call: its number (1 for the first) and okhttp's call, which tells whether the call timeout cut it. */
    private record Attempt(int number, Call call) {}

    @FunctionalInterface
    private interface SuccessHandler<T> {
        T handle(Response response, Attempt attempt) throws IOException, DlfApiException;
    }

    /**
     * Sends a signed request, retrying connect failures and retryable statuses. A 429 pauses every call of
     * this client, not just this one, since the limit is the account's. The answer is closed before any wait,
     * so a retry never holds a pooled connection while it sleeps.
     */
    private <T> T call(
            Operation operation, String method, HttpUrl url, byte[] body, String accept, SuccessHandler<T> onSuccess)
            throws IOException, DlfApiException {
        int number = 0;
        long previousEnded = 0;
        while (true) {
            number++;
            awaitPause();
            if (number > 1 && System.nanoTime() - previousEnded >= STALE_AFTER.toNanos()) {
                // Idle connections may have been closed by the server while this call waited (a retry waits half a
                // second or more): a request sent on one would fail, and an export is never sent twice.
                http.connectionPool().evictAll();
            }
            ConnectTracker tracker = new ConnectTracker();
            Request httpRequest = authenticated(method, url, body, accept)
                    .newBuilder()
                    .tag(ConnectTracker.class, tracker)
                    .build();
            long started = System.nanoTime();
            requests.incrementAndGet();
            if (log.isDebugEnabled()) {
                log.debug(method + " " + url + " (" + operation.noun() + ", attempt " + number + ")");
            }
            Attempt attempt = new Attempt(number, http.newCall(httpRequest));
            Response response;
            try {
                response = attempt.call().execute();
            } catch (IOException e) {
                // An export that reached the server may be running there: sent again, it would run twice. A read
                // (the job list) is safe to send again, also where okhttp's own retry would have covered a pooled
                // connection the server had closed.
                boolean safeToRepeat = !tracker.connected || method.equals("GET");
                if (!safeToRepeat
                        || e instanceof SSLException
                        || attempt.call().isCanceled()
                        || Thread.currentThread().isInterrupted()
                        || number > retryPolicy.retries()) {
                    throw failure(operation, url, attempt, tracker.connected, e);
                }
                Duration wait = retryPolicy.backoff(number);
                previousEnded = System.nanoTime();
                if (log.isDebugEnabled()) {
                    log.debug((tracker.connected ? "The connection failed" : "Could not connect") + " for "
                            + operation.noun() + " (" + transport.redactor().describe(e) + "); retrying in "
                            + wait.toMillis() + " ms");
                }
                sleep(wait);
                continue;
            }
            Duration wait;
            try (response) {
                if (log.isDebugEnabled()) {
                    log.debug("HTTP " + response.code() + " for " + operation.noun() + " in "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, Content-Type "
                            + shown(response.header("Content-Type", "none")) + requestIdSuffix(response));
                }
                if (response.isSuccessful()) {
                    return onSuccess.handle(response, attempt);
                }
                wait = retryWait(operation, response, number);
            }
            previousEnded = System.nanoTime();
            if (response.code() == 429) {
                pauseAll(wait); // the next attempt waits in awaitPause, as every other call does
            } else {
                sleep(wait);
            }
        }
    }

    /** Waits while a 429 asked this client to hold back. */
    private void awaitPause() throws InterruptedIOException {
        long remaining;
        synchronized (pauseLock) {
            remaining = pausedUntil - System.nanoTime();
        }
        if (remaining > 0) {
            sleep(Duration.ofNanos(remaining));
        }
    }

    private void pauseAll(Duration wait) {
        synchronized (pauseLock) {
            pausedUntil = Math.max(pausedUntil, System.nanoTime() + wait.toNanos());
        }
    }

    /** The request with the current authentication: an AK/SK signature or an IAM token. */
    private Request authenticated(String method, HttpUrl url, byte[] body, String accept) throws IOException {
        Authentication current = authentication.current();
        current.secrets().forEach(transport.redactor()::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Project-Id", projectId);
        if (workspace != null) {
            headers.put("workspace", workspace);
        }
        Request.Builder builder = new Request.Builder()
                .url(url)
                .method(method, body == null ? null : RequestBody.create(body, JSON_TYPE));
        if (current instanceof Authentication.Signed signed) {
            Credentials credentials = signed.credentials();
            headers.put("Host", hostHeader(url));
            headers.put(AkSkSigner.DATE_HEADER, AkSkSigner.sdkDate(clock.instant()));
            credentials.securityToken().ifPresent(token -> headers.put("X-Security-Token", token));
            List<Map.Entry<String, String>> query = new ArrayList<>();
            for (int i = 0; i < url.querySize(); i++) {
                query.add(Map.entry(
                        url.queryParameterName(i), Objects.requireNonNullElse(url.queryParameterValue(i), "")));
            }
            builder.header(
                    "Authorization",
                    signer.authorization(
                            new SignableRequest(method, url.pathSegments(), query, headers, body), credentials));
        } else if (current instanceof Authentication.Token token) {
            builder.header("X-Auth-Token", token.token());
        }
        headers.forEach(builder::header);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.header("Accept", accept).build();
    }

    /** The Host header exactly as okhttp would send it, because it is signed. */
    static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    /** Returns how long to wait before the next attempt, or throws when this answer is final. */
    private Duration retryWait(Operation operation, Response response, int attempt)
            throws IOException, DlfApiException {
        int status = response.code();
        String redirect = HttpTransport.redirect(response);
        if (redirect != null) {
            // Followed, it would carry the credentials to wherever it points: a captive portal, or worse.
            // Its body is not quoted: a portal's page may carry the address it redirects to, session and all.
            throw new DlfApiException(
                    operation.label(),
                    operation.jobName(),
                    status,
                    null,
                    null,
                    redact(requestId(response, null)),
                    "DLF never redirects, so a proxy or a login portal may stand"
                            + " between this build and DLF (" + redirect
                            + "); the plugin follows no redirect, so no credential"
                            + " went there.");
        }
        if (!RetryPolicy.isRetryableStatus(status)) {
            throw apiError(operation, response, null);
        }
        if (attempt > retryPolicy.retries()) {
            throw apiError(operation, response, attempt > 1 ? "Gave up after " + attempt + " attempts." : null);
        }
        Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock.instant());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(retryPolicy.maxRetryAfter()) > 0) {
            throw apiError(
                    operation,
                    response,
                    "The server asked to wait " + retryAfter.get().toSeconds()
                            + " s before trying again, longer than the "
                            + retryPolicy.maxRetryAfter().toSeconds()
                            + " s this plugin waits; try again later.");
        }
        Duration wait = retryAfter.orElseGet(() -> retryPolicy.backoff(attempt));
        if (log.isDebugEnabled()) {
            log.debug("HTTP " + status + " for " + operation.noun() + "; retrying in " + wait.toMillis() + " ms"
                    + (retryAfter.isPresent() ? " as Retry-After asks" : "")
                    + (status == 429 ? ", all calls paused" : ""));
        }
        return wait;
    }

    private ExportResponse.Archive download(
            Operation operation, Response response, Path file, long maxBytes, Attempt attempt)
            throws IOException, DlfApiException {
        ResponseBody body = response.body();
        long total = 0;
        try (InputStream in = body.byteStream();
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    String why = attempt.call().isCanceled()
                            ? "the whole request took longer than " + names.name(Setting.CALL_TIMEOUT)
                            : transport.redactor().describe(e) + ". Check the network and "
                                    + names.name(Setting.READ_TIMEOUT);
                    throw new IOException(
                            capitalized(operation.noun()) + " broke off after " + total + " bytes: " + why
                                    + ", then run the build again.",
                            e);
                }
                if (read == -1) {
                    break;
                }
                total += read;
                if (total > maxBytes) {
                    throw new IOException(capitalized(operation.noun()) + " is larger than " + maxBytes + " bytes, the"
                            + " most this export takes for it; raise " + names.name(Setting.MAX_EXTRACTED_BYTES)
                            + " (per job) or " + names.name(Setting.MAX_TOTAL_BYTES)
                            + " (for the whole export) if the jobs really are that big.");
                }
                // A write failure (disk full, say) keeps its own message: it is not the network's fault.
                out.write(buffer, 0, read);
            }
        }
        String contentType = response.header("Content-Type", "");
        if (!startsWithZipHeader(file)) {
            // DLF reports some errors with HTTP 200 and a JSON body; anything else is described, redacted.
            String head = readHead(file, (int) Math.min(total, SMALL_BODY_LIMIT));
            JsonNode error = parseJson(head);
            if (error != null && error.hasNonNull("error_code")) {
                throw new DlfApiException(
                        operation.label(),
                        operation.jobName(),
                        response.code(),
                        redact(text(error, "error_code")),
                        redact(text(error, "error_msg")),
                        redact(requestId(response, error)),
                        null);
            }
            throw new DlfApiException(
                    operation.label(),
                    operation.jobName(),
                    response.code(),
                    null,
                    "the server sent " + total + " bytes of " + BodyPreview.describe(redact(head))
                            + (contentType.isEmpty() ? "" : " (Content-Type " + shown(contentType) + ")")
                            + " instead of a zip archive",
                    redact(requestId(response, null)),
                    "A proxy or a login portal may stand between this build and DLF.");
        }
        return new ExportResponse.Archive(file, total, contentType, attempt.number());
    }

    private ExportResponse obsLocation(Operation operation, ExportRequest request, Response response, Attempt attempt)
            throws IOException, DlfApiException {
        String text = response.peekBody(SMALL_BODY_LIMIT).string();
        JsonNode json = parseJson(text);
        if (json != null && json.hasNonNull("error_code")) {
            throw new DlfApiException(
                    operation.label(),
                    operation.jobName(),
                    response.code(),
                    redact(text(json, "error_code")),
                    redact(text(json, "error_msg")),
                    redact(requestId(response, json)),
                    null);
        }
        // The shape of this answer is not documented; Terraform's provider reads a string field "obsPath".
        String location = json == null ? null : text(json, "obsPath");
        return location != null
                ? new ExportResponse.ObsLocation(location, true, attempt.number())
                : new ExportResponse.ObsLocation(request.obsPath(), false, attempt.number());
    }

    private DlfApiException apiError(Operation operation, Response response, String extraHint) throws IOException {
        String text = response.peekBody(SMALL_BODY_LIMIT).string();
        JsonNode json = parseJson(text);
        String code = json == null ? null : firstText(json, "error_code", "code", "errorCode");
        String message = json == null ? null : firstText(json, "error_msg", "message", "errorMsg");
        if (json == null && !text.isBlank()) {
            // Redact before the preview cuts the text: a secret cut in two would no longer be recognised.
            message = "the server sent " + shown(response.header("Content-Type", "no Content-Type"))
                    + " instead of a DLF error: " + BodyPreview.of(redact(text));
        }
        String hint = switch (response.code()) {
            case 401 ->
                "The request carried the credentials from " + authentication.description()
                        + ". Check that they are right and active (an access key pair, or an IAM token that has not expired),"
                        + " and that this machine's clock is correct (signatures are valid for 15 minutes); see the plugin's"
                        + " README on credentials.";
            case 407 ->
                "The proxy " + transport.proxy().map(String::valueOf).orElse("of the JVM's settings")
                        + " refused the request: check the <proxy> username and password in"
                        + " settings.xml.";
            case 403 ->
                "The credentials from " + authentication.description() + " were accepted but are not allowed to"
                        + " do this: give the IAM user DataArts Studio permissions in project " + projectId
                        + (workspace == null ? "" : " and workspace " + workspace) + ".";
            default -> null;
        };
        if (extraHint != null) {
            hint = hint == null ? extraHint : hint + " " + extraHint;
        }
        return new DlfApiException(
                operation.label(),
                operation.jobName(),
                response.code(),
                redact(code),
                redact(message),
                redact(requestId(response, json)),
                hint);
    }

    private IOException failure(
            Operation operation, HttpUrl url, Attempt attempt, boolean connected, IOException cause) {
        String where = url.scheme() + "://" + hostHeader(url)
                + transport.proxy().map(p -> " through the proxy " + p).orElse("");
        if (cause instanceof SSLException && !connected) {
            // Only a failed handshake is about certificates; a TLS error later in the request is not.
            return new IOException(
                    operation.label() + " failed: the TLS handshake with " + where + " failed ("
                            + transport.redactor().describe(cause)
                            + "). If the server uses a private certificate authority, point "
                            + names.name(Setting.TRUST_STORE) + " at a"
                            + " trust store holding it.",
                    cause);
        }
        String what = connected
                ? "the connection to " + where + " failed during the request"
                : "could not connect to " + where;
        String tries = attempt.number() > 1 ? " after " + attempt.number() + " attempts" : "";
        String detail = attempt.call().isCanceled()
                ? "the whole request took longer than " + names.name(Setting.CALL_TIMEOUT)
                : transport.redactor().describe(cause);
        return new IOException(
                operation.label() + " failed" + tries + ": " + what + " (" + detail
                        + "). Check " + names.name(Setting.ENDPOINT) + " or " + names.name(Setting.REGION)
                        + ", the network and the timeouts.",
                cause);
    }

    /** Defence in depth: a server or proxy that echoes the request must not make us print a secret. */
    private String redact(String text) {
        return transport.redactor().redact(text);
    }

    /** A header value from the server, redacted and escaped, for a message. */
    private String shown(String value) {
        return LogText.escape(redact(value));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String requestIdSuffix(Response response) {
        String id = response.header("X-Request-Id");
        return id == null ? "" : ", request id " + shown(id);
    }

    private static String requestId(Response response, JsonNode json) {
        String header = response.header("X-Request-Id");
        return header != null ? header : json == null ? null : text(json, "request_id");
    }

    private static String readHead(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
        }
    }

    private static boolean startsWithZipHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    private static JsonNode parseJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstText(JsonNode json, String... names) {
        for (String name : names) {
            String value = text(json, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Remembers whether a call got as far as a connection. */
    private static final class ConnectTracker extends EventListener {
        private volatile boolean connected;

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            connected = true;
        }
    }

    /** Settings of a client; all but the endpoint, project and authentication have defaults. */
    public static final class Builder {
        private final URI endpoint;
        private final String projectId;
        private AuthenticationSource authentication;
        private String workspace;
        private HttpTransport transport;
        private HttpTransport.Builder transportSettings = HttpTransport.builder();
        private RetryPolicy retryPolicy = RetryPolicy.of(3);
        private Clock clock = Clock.systemUTC();
        private Log log = Log.NONE;
        private SettingNames names = SettingNames.PLAIN;

        private Builder(URI endpoint, String projectId) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.projectId = Objects.requireNonNull(projectId, "projectId");
        }

        /** Signs every request with this access key pair. */
        public Builder credentials(Credentials credentials) {
            return authentication(AuthenticationSource.fixed(new Authentication.Signed(credentials)));
        }

        /** Asks this source before every request, for credentials that are renewed (IAM tokens, instance metadata). */
        public Builder authentication(AuthenticationSource authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /**
         * A transport (timeouts, proxy, trust store) to send through, shared with the credential sources that talk
         * to IAM or the metadata service; its owner closes it.
         */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The settings of a transport of the client's own, which it closes; without any, the defaults. */
        public Builder transport(HttpTransport.Builder settings) {
            this.transportSettings = Objects.requireNonNull(settings, "settings");
            this.transport = null;
            return this;
        }

        /** Sent as the {@code workspace} header; null for the default workspace. */
        public Builder workspace(String workspace) {
            this.workspace = workspace;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** The clock that dates signatures. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder log(Log log) {
            this.log = log;
            return this;
        }

        /** How the front end spells settings in messages. */
        public Builder names(SettingNames names) {
            this.names = names;
            return this;
        }

        public DlfClient build() {
            Objects.requireNonNull(authentication, "authentication");
            return new DlfClient(this);
        }
    }
}
