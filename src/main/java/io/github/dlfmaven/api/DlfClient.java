package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.JobNames;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.text.BodyPreview;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The endpoints of the DataArts Factory (DLF) V1 API this plugin calls: export, batch export and the job list. What
 * every call shares lives beside it: the retry loop and throttle ({@link CallRunner}), signing
 * ({@link io.github.dlfmaven.auth.SigningInterceptor}), error messages and redaction ({@link ErrorMapper}) and the
 * package download ({@link PackageDownload}). One instance per run; it is thread-safe and reuses connections across
 * jobs. Knows nothing of Maven.
 */
public final class DlfClient implements AutoCloseable {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpTransport transport;
    /** Whether this client made its transport, and so closes it. */
    private final boolean ownsTransport;

    private final HttpUrl endpoint;
    private final String projectId;
    private final String workspace;
    private final AuthenticationSource authentication;
    final ErrorMapper errors;
    private final PackageDownload download;
    final CallRunner calls;

    private DlfClient(Builder b) {
        this.endpoint = HttpUrl.get(b.endpoint.toString());
        this.projectId = b.projectId;
        this.workspace = b.workspace;
        this.authentication = b.authentication;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? b.transportSettings.build() : b.transport;
        this.errors = new ErrorMapper(transport, authentication.description(), projectId, workspace, b.names);
        this.download = new PackageDownload(errors, b.names);
        this.calls = new CallRunner(transport, authentication, b.retryPolicy, errors, b.clock, b.log);
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
        ObjectNode body = JsonFields.JSON
                .createObjectNode()
                .put("exportDepend", request.exportDepend())
                .put("exportStatus", request.exportStatus());
        request.obsPathIfSet().ifPresent(path -> body.put("obsPath", path));
        Operation operation =
                new Operation("Export of job '" + LogText.escape(request.jobName()) + "'", request.jobName());
        if (request.obsPathIfSet().isPresent()) {
            return calls.run(
                    operation,
                    request("POST", url, body, "application/json"),
                    (response, attempt) -> obsLocation(operation, request, response, attempt));
        }
        return calls.run(
                operation,
                request("POST", url, body, "application/octet-stream"),
                (response, attempt) -> download.receive(operation, response, attempt, packageFile, maxBodyBytes));
    }

    /**
     * Exports several jobs in one request ({@code POST /v1/{project_id}/jobs/batch-export}, at most 100 jobs).
     * The package holds one folder per job.
     */
    public ExportResponse.Archive batchExport(
            List<String> jobNames, boolean exportDepend, Path packageFile, long maxBodyBytes)
            throws IOException, DlfApiException {
        HttpUrl url = jobsUrl().addPathSegment("batch-export").build();
        jobNames.forEach(JobNames::requireValid);
        ObjectNode body = JsonFields.JSON.createObjectNode();
        jobNames.forEach(body.putArray("jobList")::add);
        body.put("exportDepend", exportDepend);
        List<String> first = jobNames.subList(0, Math.min(3, jobNames.size())).stream()
                .map(LogText::escape)
                .toList();
        String shown = "'" + String.join("', '", first) + "'" + (jobNames.size() > 3 ? ", ..." : "");
        Operation operation = new Operation("Batch export of " + jobNames.size() + " jobs (" + shown + ")", null);
        return calls.run(
                operation,
                request("POST", url, body, "application/octet-stream"),
                (response, attempt) -> download.receive(operation, response, attempt, packageFile, maxBodyBytes));
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
        return calls.run(operation, request("GET", url, null, "application/json"), (response, attempt) -> {
            JsonNode json = JsonFields.object(
                    response.peekBody(ErrorMapper.SMALL_BODY_LIMIT).string());
            if (json == null || !json.path("jobs").isArray()) {
                throw new IOException(operation.label() + " returned no job list but "
                        + BodyPreview.describe(
                                errors.redact(response.peekBody(512).string())) + ".");
            }
            return JobPage.of(json, jobType);
        });
    }

    /** Where the credentials come from, safe to print. */
    public String credentialsSource() {
        return authentication.description();
    }

    /** How many HTTP requests this client has sent, retries included. */
    public int requestCount() {
        return calls.requestCount();
    }

    HttpUrl.Builder jobsUrl() {
        return projectUrl().addPathSegment("jobs");
    }

    /** {@code /v1/{project_id}} of the endpoint. */
    HttpUrl.Builder projectUrl() {
        return endpoint.newBuilder().addPathSegment("v1").addPathSegment(projectId);
    }

    /** Reads of single scripts and resources, through this client's connection, credentials and retries. */
    public DefinitionReads reads() {
        return new DefinitionReads(this);
    }

    /** The import of packages from OBS, through this client's connection, credentials and retries. */
    public JobImports imports() {
        return new JobImports(this);
    }

    /** A request to the API, before authentication: the project and workspace headers, the body as JSON. */
    Request request(String method, HttpUrl url, ObjectNode body, String accept) throws IOException {
        Request.Builder builder = new Request.Builder()
                .url(url)
                .method(
                        method,
                        body == null ? null : RequestBody.create(JsonFields.JSON.writeValueAsBytes(body), JSON_TYPE))
                .header("X-Project-Id", projectId);
        if (workspace != null) {
            builder.header("workspace", workspace);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.header("Accept", accept).build();
    }

    private ExportResponse obsLocation(Operation operation, ExportRequest request, Response response, Attempt attempt)
            throws IOException, DlfApiException {
        JsonNode json = JsonFields.object(
                response.peekBody(ErrorMapper.SMALL_BODY_LIMIT).string());
        if (json != null && json.hasNonNull("error_code")) {
            throw errors.embeddedError(operation, response, json);
        }
        // The shape of this answer is not documented; Terraform's provider reads a string field "obsPath".
        String location = json == null ? null : JsonFields.text(json, "obsPath");
        return location != null
                ? new ExportResponse.ObsLocation(location, true, attempt.number())
                : new ExportResponse.ObsLocation(request.obsPath(), false, attempt.number());
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
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
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
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
