package io.github.dlfmaven.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HeaderValues;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Keyless credentials through OIDC federation, as Huawei's SDKs take them from the environment: an ID token (a CCE
 * pod's projected service-account token, a GitHub Actions or GitLab OIDC token written to a file) is traded at IAM
 * for a token scoped to the project ({@code POST /v3.0/OS-AUTH/id-token/tokens} with {@code X-Idp-Id}, the identity
 * provider configured in IAM), and that for temporary keys ({@code POST /v3.0/OS-CREDENTIAL/securitytokens}). They
 * are renewed before they expire; the file is read again each time, since CI rotates the token.
 */
public final class OidcCredentials extends RenewedAuthentication {

    /** Environment variables of Huawei's SDKs: the identity provider's id, and the file holding the ID token. */
    public static final String IDP_ID = "HUAWEICLOUD_SDK_IDP_ID";

    public static final String ID_TOKEN_FILE = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";
    /** Temporary keys are asked for six hours, as the official SDKs ask, and renewed an hour before. */
    public static final Duration RENEW_BEFORE = Duration.ofHours(1);

    static final long DURATION_SECONDS = 6 * 60 * 60;

    private final IamClient iam;
    private final String idp;
    private final Path tokenFile;
    private final String projectId;
    private final Log log;

    public OidcCredentials(
            HttpTransport transport,
            URI iamEndpoint,
            String idp,
            Path tokenFile,
            String projectId,
            Duration renewBefore,
            Clock clock,
            Log log,
            SettingNames names) {
        super(renewBefore, clock);
        this.iam = new IamClient(transport, iamEndpoint, names);
        this.idp = idp;
        this.tokenFile = tokenFile;
        this.projectId = projectId;
        this.log = log;
    }

    @Override
    public String description() {
        return "OIDC federation (identity provider '" + LogText.escape(idp) + "', ID token in " + tokenFile + ")";
    }

    @Override
    Fetched fetch() throws IOException {
        String idToken = idToken();
        ObjectNode exchange = IamClient.object();
        ObjectNode auth = exchange.putObject("auth");
        auth.putObject("id_token").put("id", idToken);
        auth.putObject("scope").putObject("project").put("id", projectId);
        IamClient.Answer scoped = iam.post(
                "v3.0/OS-AUTH/id-token/tokens",
                Map.of("X-Idp-Id", idp),
                exchange,
                "the ID token for identity provider '" + LogText.escape(idp) + "'");
        if (scoped.status() != 200 && scoped.status() != 201 || scoped.subjectToken() == null) {
            throw new IamClient.IamException("IAM at " + iam.host() + " refused the ID token in " + tokenFile
                    + " for identity provider '" + LogText.escape(idp) + "' (HTTP " + scoped.status()
                    + iam.shown(scoped.detail()) + "). Check that the identity provider is set up in IAM for this"
                    + " token's issuer and audience, maps it to a user with DataArts Studio permissions in project "
                    + projectId + ", and that the token has not expired.");
        }
        ObjectNode keys = IamClient.object();
        ObjectNode identity = keys.putObject("auth").putObject("identity");
        identity.putArray("methods").add("token");
        identity.putObject("token").put("id", scoped.subjectToken()).put("duration_seconds", DURATION_SECONDS);
        IamClient.Answer temporary = iam.post(
                "v3.0/OS-CREDENTIAL/securitytokens",
                Map.of("X-Auth-Token", scoped.subjectToken()),
                keys,
                "temporary keys for the federated token");
        JsonNode credential = temporary.body() == null ? null : temporary.body().get("credential");
        if (temporary.status() != 200 && temporary.status() != 201
                || credential == null
                || credential.path("access").asText("").isEmpty()
                || credential.path("secret").asText("").isEmpty()) {
            throw new IamClient.IamException("IAM at " + iam.host() + " gave no temporary keys for the federated"
                    + " token of identity provider '" + LogText.escape(idp) + "' (HTTP " + temporary.status()
                    + iam.shown(temporary.detail()) + ").");
        }
        Credentials credentials = Credentials.temporary(
                credential.path("access").asText(),
                credential.path("secret").asText(),
                credential.path("securitytoken").asText(null),
                description());
        Authentication.Signed signed = new Authentication.Signed(credentials);
        signed.secrets().forEach(iam::secret);
        Instant expiry;
        try {
            expiry = Instant.parse(credential.path("expires_at").asText(""));
        } catch (DateTimeParseException e) {
            expiry = clock().instant().plus(Duration.ofMinutes(15)); // the shortest lifetime IAM gives
        }
        log.debug("Traded the ID token of identity provider '" + LogText.escape(idp)
                + "' for temporary keys, valid until " + expiry);
        return new Fetched(signed, expiry);
    }

    /** The ID token as the file holds it now. */
    private String idToken() throws IOException {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IamClient.IamException("The ID token file " + tokenFile + " named by " + ID_TOKEN_FILE
                    + " does not exist; write the CI's OIDC token there before the build.");
        }
        if (!HeaderValues.sendable(token)) {
            throw new IamClient.IamException("The ID token file " + tokenFile + " named by " + ID_TOKEN_FILE
                    + " is empty or holds more than one token; write just the token there.");
        }
        iam.secret(token);
        return token;
    }
}
