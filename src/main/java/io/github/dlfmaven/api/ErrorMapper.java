package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.auth.SigningInterceptor;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.text.BodyPreview;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Turns what went wrong with a call into the exception a user reads: a {@link DlfApiException} for an answer, an
 * {@link IOException} for a network failure, each with the hint that helps. The one place where text from the
 * server enters a message, so the one place that redacts it (a server or proxy echoing the request must not make
 * us print a secret) and escapes it.
 */
final class ErrorMapper {

    /** Error bodies and OBS answers are small; anything bigger is not what we expect and is cut. */
    static final long SMALL_BODY_LIMIT = 1 << 20;

    private final HttpTransport transport;
    private final String credentialsSource;
    private final String projectId;
    private final String workspace;
    private final SettingNames names;

    ErrorMapper(
            HttpTransport transport, String credentialsSource, String projectId, String workspace, SettingNames names) {
        this.transport = transport;
        this.credentialsSource = credentialsSource;
        this.projectId = projectId;
        this.workspace = workspace;
        this.names = names;
    }

    /** An error answer, with the hint its status calls for and {@code extraHint} (null for none) after it. */
    DlfApiException apiError(Operation operation, Response response, String extraHint) throws IOException {
        String text = response.peekBody(SMALL_BODY_LIMIT).string();
        JsonNode json = JsonFields.object(text);
        String code = json == null ? null : JsonFields.firstText(json, "error_code", "code", "errorCode");
        String message = json == null ? null : JsonFields.firstText(json, "error_msg", "message", "errorMsg");
        if (json == null && !text.isBlank()) {
            // Redact before the preview cuts the text: a secret cut in two would no longer be recognised.
            message = "the server sent " + shown(response.header("Content-Type", "no Content-Type"))
                    + " instead of a DLF error: " + BodyPreview.of(redact(text));
        }
        String hint = statusHint(response.code(), response.request().url().uri());
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

    /** DLF's error object in an answer whose status said success, as some of its APIs send. */
    DlfApiException embeddedError(Operation operation, Response response, JsonNode error) {
        return new DlfApiException(
                operation.label(),
                operation.jobName(),
                response.code(),
                redact(JsonFields.text(error, "error_code")),
                redact(JsonFields.text(error, "error_msg")),
                redact(requestId(response, error)),
                null);
    }

    /** A successful status with a body that is not what the call expects. */
    DlfApiException unexpectedBody(Operation operation, Response response, String what, String hint) {
        return new DlfApiException(
                operation.label(),
                operation.jobName(),
                response.code(),
                null,
                what,
                redact(requestId(response, null)),
                hint);
    }

    /**
     * A redirect: followed, it would carry the credentials to wherever it points, a captive portal or worse. Its
     * body is not quoted: a portal's page may carry the address it redirects to, session and all.
     */
    DlfApiException redirect(Operation operation, Response response, String redirect) {
        return unexpectedBody(
                operation,
                response,
                null,
                "DLF never redirects, so a proxy or a login portal may stand between this build and DLF (" + redirect
                        + "); the plugin follows no redirect, so no credential went there.");
    }

    /** The call failed before an answer came: connecting, TLS, or the connection broke during the request. */
    IOException failure(Operation operation, HttpUrl url, Attempt attempt, boolean connected, IOException cause) {
        String where = url.scheme() + "://" + SigningInterceptor.hostHeader(url)
                + transport
                        .proxyFor(url.uri())
                        .map(p -> " through the proxy " + p)
                        .orElse("");
        if (cause instanceof SSLException && !connected) {
            // Only a failed handshake is about certificates; a TLS error later in the request is not.
            return new NotSentException(
                    operation.label() + " failed: the TLS handshake with " + where + " failed (" + describe(cause)
                            + "). If the server uses a private certificate authority, point "
                            + names.name(Setting.TRUST_STORE) + " at a trust store holding it.",
                    cause);
        }
        String what = connected
                ? "the connection to " + where + " failed during the request"
                : "could not connect to " + where;
        String tries = attempt.number() > 1 ? " after " + attempt.number() + " attempts" : "";
        String message = operation.label() + " failed" + tries + ": " + what + " (" + cutShort(attempt, cause)
                + "). Check " + names.name(Setting.ENDPOINT) + " or " + names.name(Setting.REGION)
                + ", the network and the timeouts.";
        return connected ? new IOException(message, cause) : new NotSentException(message, cause);
    }

    /** The answer's body broke off after {@code bytes}. */
    IOException brokeOff(Operation operation, Attempt attempt, long bytes, IOException cause) {
        String why = attempt.call().isCanceled()
                ? "the whole request took longer than " + names.name(Setting.CALL_TIMEOUT)
                : describe(cause) + ". Check the network and " + names.name(Setting.READ_TIMEOUT);
        return new IOException(
                operation.subject() + " broke off after " + bytes + " bytes: " + why + ", then run the build again.",
                cause);
    }

    /** A failure, redacted, for a message or a debug line. */
    String describe(Throwable failure) {
        return transport.redactor().describe(failure);
    }

    String redact(String text) {
        return transport.redactor().redact(text);
    }

    /** A header value from the server, redacted and escaped, for a message. */
    String shown(String value) {
        return LogText.escape(redact(value));
    }

    /** {@code , request id ...} for a debug line, or nothing. */
    String requestIdSuffix(Response response) {
        String id = response.header("X-Request-Id");
        return id == null ? "" : ", request id " + shown(id);
    }

    private String cutShort(Attempt attempt, IOException cause) {
        return attempt.call().isCanceled()
                ? "the whole request took longer than " + names.name(Setting.CALL_TIMEOUT)
                : describe(cause);
    }

    private String statusHint(int status, java.net.URI url) {
        return switch (status) {
            case 401 ->
                "The request carried the credentials from " + credentialsSource
                        + ". Check that they are right and active (an access key pair, or an IAM token that has not"
                        + " expired), and that this machine's clock is correct (signatures are valid for 15 minutes);"
                        + " see the plugin's README on credentials.";
            case 407 ->
                "The proxy " + transport.proxyFor(url).map(String::valueOf).orElse("of the JVM's settings")
                        + " refused the request: check the <proxy> username and password in settings.xml.";
            case 403 ->
                "The credentials from " + credentialsSource + " were accepted but are not allowed to do this: give"
                        + " the IAM user DataArts Studio permissions in project " + projectId
                        + (workspace == null ? "" : " and workspace " + workspace) + ".";
            default -> null;
        };
    }

    private static String requestId(Response response, JsonNode json) {
        String header = response.header("X-Request-Id");
        return header != null ? header : json == null ? null : JsonFields.text(json, "request_id");
    }
}
