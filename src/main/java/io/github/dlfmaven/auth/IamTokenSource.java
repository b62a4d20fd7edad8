package io.github.dlfmaven.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Gets an IAM token with a user's password ({@code POST {iam}/v3/auth/tokens}, scoped to the project), keeps
 * it for the build and gets a new one before it expires. The password is sent to IAM only.
 */
public final class IamTokenSource extends RenewedAuthentication {

    /** Tokens live 24 hours; renewing an hour early leaves room for a long export and for clock skew. */
    public static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private final IamClient iam;
    private final String user;
    private final String password;
    private final String domain;
    private final String projectId;
    private final String description;
    private final Log log;

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
            Log log,
            SettingNames names) {
        super(renewBefore, clock);
        this.iam = new IamClient(transport, iamEndpoint, names);
        iam.secret(password);
        this.user = user;
        this.password = password;
        this.domain = domain;
        this.projectId = projectId;
        this.description = description;
        this.log = log;
    }

    @Override
    public String description() {
        return "an IAM token for user '" + user + "' of " + description;
    }

    @Override
    Fetched fetch() throws IOException {
        ObjectNode body = IamClient.object();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        identity.putObject("password")
                .putObject("user")
                .put("name", user)
                .put("password", password)
                .putObject("domain")
                .put("name", domain);
        auth.putObject("scope").putObject("project").put("id", projectId);
        IamClient.Answer answer =
                iam.post("v3/auth/tokens", Map.of(), body, "the token request for user '" + user + "'");
        if (answer.status() != 201 && answer.status() != 200 || answer.subjectToken() == null) {
            throw new IamClient.IamException("IAM at " + iam.host() + " refused a token for user '" + user
                    + "' of domain '" + domain + "' (HTTP " + answer.status() + iam.shown(answer.detail())
                    + "). Check the user, password and domain in " + description
                    + ", and that the user has programmatic access.");
        }
        Instant expiry;
        try {
            expiry = Instant.parse(
                    answer.body() == null
                            ? ""
                            : answer.body().path("token").path("expires_at").asText(""));
        } catch (DateTimeParseException e) {
            // Not documented for every deployment: without an expiry, assume the documented 24 hours.
            expiry = clock().instant().plus(Duration.ofHours(24));
        }
        log.debug("Got an IAM token for user '" + user + "', valid until " + expiry);
        return new Fetched(new Authentication.Token(answer.subjectToken(), description()), expiry);
    }
}
