package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.LogText;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Gets an IAM token with a user's password ({@code POST {iam}/v3/auth/tokens}, scoped to the project), keeps
 * it for the build and gets a new one before it expires. The password is sent to IAM only.
 */
public final class IamTokenSource implements AuthenticationSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens live 24 hours; renewing an hour early leaves room for a long export and for clock skew. */
    public static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private final HttpTransport transport;
    private final HttpUrl tokens;
    private final String user;
    private final String password;
    private final String domain;
    private final String projectId;
    private final String description;
    private final Duration renewBefore;
    private final Clock clock;
    private final Log log;
    private Authentication.Token token;
    private Instant expiresAt = Instant.MIN;

    /**
     * @param transport the build's transport (proxy, trust store, timeouts), which also learns the password and
     *     every token so that no message quotes them
     * @param iamEndpoint such as {@code https://iam.cn-north-4.myhuaweicloud.com}
     * @param description where the user and password come from, for messages
     */
    public IamTokenSource(
            HttpTransport transport,
            URI iamEndpoint,
            String user,
            String password,
            String domain,
            String projectId,
            String description,
            Duration renewBefore,
            Clock clock,
            Log log) {
        this.transport = transport;
        transport.redactor().add(password);
        this.tokens = HttpUrl.get(iamEndpoint.toString())
                .newBuilder()
                .addPathSegments("v3/auth/tokens")
                .build();
        this.user = user;
        this.password = password;
        this.domain = domain;
        this.projectId = projectId;
        this.description = description;
        this.renewBefore = renewBefore;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public String description() {
        return "an IAM token for user '" + user + "' of " + description;
    }

    @Override
    public synchronized Authentication current() throws IOException {
        if (token == null || clock.instant().isAfter(expiresAt.minus(renewBefore))) {
            fetch();
        }
        return token;
    }

    private void fetch() throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode userNode = identity.putObject("password").putObject("user");
        userNode.put("name", user).put("password", password).putObject("domain").put("name", domain);
        ((ObjectNode) body.get("auth")).putObject("scope").putObject("project").put("id", projectId);
        Request request = new Request.Builder()
                .url(tokens)
                .post(RequestBody.create(JSON.writeValueAsBytes(body), MediaType.get("application/json")))
                .build();
        try (Response response = send(request)) {
            String redirect = HttpTransport.redirect(response);
            if (redirect != null) {
                // Followed, a 307 or 308 would have sent the password along to wherever it points.
                throw new IamException(
                        "IAM at " + tokens.host() + " answered the token request for user '" + user + "' with "
                                + redirect
                                + ", which IAM never does: a proxy or a login portal may stand between this build and"
                                + " IAM. The password was not sent on; check iamEndpoint (-Ddlf.iamEndpoint) and the network.");
            }
            String subjectToken = response.header("X-Subject-Token");
            if (response.code() != 201 && response.code() != 200 || subjectToken == null) {
                JsonNode error = parse(response.peekBody(64 * 1024).string());
                String detail = error == null
                        ? ""
                        : ": "
                                + error.path("error")
                                        .path("message")
                                        .asText(error.path("error_msg").asText(""));
                throw new IamException(
                        "IAM at " + tokens.host() + " refused a token for user '" + user + "' of domain '"
                                + domain + "' (HTTP " + response.code()
                                + LogText.escape(transport.redactor().redact(detail))
                                + "). Check the user, password and domain in " + description
                                + ", and that the user has programmatic access.");
            }
            transport.redactor().add(subjectToken);
            JsonNode json = parse(response.peekBody(1 << 20).string());
            Instant expiry;
            try {
                expiry = Instant.parse(
                        json == null
                                ? ""
                                : json.path("token").path("expires_at").asText(""));
            } catch (DateTimeParseException e) {
                // Not documented for every deployment: without an expiry, assume the documented 24 hours.
                expiry = clock.instant().plus(Duration.ofHours(24));
            }
            token = new Authentication.Token(subjectToken, description());
            expiresAt = expiry;
            log.debug("Got an IAM token for user '" + user + "', valid until " + expiry);
        }
    }

    /** Sends the request; a failure of the connection says where it went, in words no server can forge. */
    private Response send(Request request) throws IOException {
        try {
            return transport.client().newCall(request).execute();
        } catch (IOException e) {
            throw new IamException(
                    "Cannot get a token from IAM at " + tokens.host() + " for user '" + user + "' ("
                            + transport.redactor().describe(e)
                            + "). Check iamEndpoint (-Ddlf.iamEndpoint), the network and the"
                            + " proxy.",
                    e);
        }
    }

    /** A failure whose message is complete and safe to print. */
    private static final class IamException extends IOException {
        private static final long serialVersionUID = 1L;

        IamException(String message) {
            super(message);
        }

        IamException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
