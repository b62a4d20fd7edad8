package io.github.dlfmaven.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HeaderValues;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few IAM calls the credential sources make (a token for a password or an ID token, temporary keys for a
 * token), with what they share: JSON bodies, no redirect followed (it would carry a password or a token along),
 * every secret given to the transport's redactor, and failures described in words no server can forge.
 */
final class IamClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json;charset=UTF-8");

    private final HttpTransport transport;
    private final HttpUrl endpoint;
    private final SettingNames names;

    IamClient(HttpTransport transport, URI endpoint, SettingNames names) {
        this.transport = transport;
        this.endpoint = HttpUrl.get(endpoint.toString());
        this.names = names;
    }

    String host() {
        return endpoint.host();
    }

    /** An answer of IAM: its status, the {@code X-Subject-Token} header (if any) and the JSON body (or null). */
    record Answer(int status, String subjectToken, JsonNode body) {

        /** IAM's own words about a refusal, empty when it gave none. */
        String detail() {
            if (body == null) {
                return "";
            }
            String message = body.path("error")
                    .path("message")
                    .asText(body.path("error_msg").asText(""));
            return message.isEmpty() ? "" : ": " + message;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * Posts {@code body} to {@code path} below the IAM endpoint.
     *
     * @param what the request in words, for messages: {@code the token request for user 'builder'}
     */
    Answer post(String path, Map<String, String> headers, ObjectNode body, String what) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(endpoint.newBuilder().addPathSegments(path).build())
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!HeaderValues.sendable(header.getValue())) {
                throw new IamException("Cannot ask IAM at " + endpoint.host() + " for " + what + ": the "
                        + header.getKey() + " it needs holds spaces, control characters or non-ASCII characters.");
            }
            request.header(header.getKey(), header.getValue());
        }
        Response response;
        try {
            response = transport.client().newCall(request.build()).execute();
        } catch (IOException e) {
            throw new IamException(
                    "Cannot reach IAM at " + endpoint.host() + " for " + what + " ("
                            + transport.redactor().describe(e) + "). Check " + names.name(Setting.IAM_ENDPOINT)
                            + ", the network and the proxy.",
                    e);
        }
        try (response) {
            String redirect = HttpTransport.redirect(response);
            if (redirect != null) {
                throw new IamException("IAM at " + endpoint.host() + " answered " + what + " with " + redirect
                        + ", which IAM never does: a proxy or a login portal may stand between this build and IAM."
                        + " Nothing was sent on; check " + names.name(Setting.IAM_ENDPOINT) + " and the network.");
            }
            String subjectToken = response.header("X-Subject-Token");
            if (subjectToken != null) {
                transport.redactor().add(subjectToken);
                if (!HeaderValues.sendable(subjectToken)) {
                    throw new IamException("IAM at " + endpoint.host() + " answered " + what + " with a token that"
                            + " cannot be sent in a header (it holds spaces, control characters or non-ASCII"
                            + " characters): a proxy may stand between this build and IAM.");
                }
            }
            return new Answer(
                    response.code(),
                    subjectToken,
                    parse(response.peekBody(1 << 20).string()));
        }
    }

    /** IAM's words, redacted and escaped, for a message. */
    String shown(String text) {
        return LogText.escape(transport.redactor().redact(text));
    }

    void secret(String value) {
        transport.redactor().add(value);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A failure whose message is complete and safe to print. */
    static final class IamException extends CredentialsUnavailableException {
        private static final long serialVersionUID = 1L;

        IamException(String message) {
            super(message);
        }

        IamException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
