package io.github.dlfmaven.auth;

import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Where a build's credentials come from. The first of these sources that has credentials is used:
 *
 * <ol>
 *   <li>the front end's credential entry (a settings.xml {@code <server>}): an access key pair, an IAM token, or an
 *       IAM user whose password gets a token from IAM;
 *   <li>the environment's access key pair: {@code HUAWEICLOUD_SDK_AK}, {@code HUAWEICLOUD_SDK_SK} and, for temporary
 *       keys, {@code HUAWEICLOUD_SDK_SECURITY_TOKEN};
 *   <li>the environment's IAM token: {@value #AUTH_TOKEN};
 *   <li>OIDC federation: {@value OidcCredentials#IDP_ID} and {@value OidcCredentials#ID_TOKEN_FILE};
 *   <li>the instance metadata service, only when enabled;
 *   <li>the demo credentials of an emulator that this build started for this very endpoint.
 * </ol>
 *
 * <p>Offline, a source that needs a service of its own (IAM, the metadata service) is refused rather than asked.
 */
public final class CredentialChain {

    /** Environment variable with a pre-obtained IAM token, sent as {@code X-Auth-Token}. */
    public static final String AUTH_TOKEN = "DLF_AUTH_TOKEN";

    private final ConnectionSettings config;
    private final HttpTransport transport;
    private final Optional<ServerCredentials> server;
    private final Map<String, String> environment;
    private final Optional<Credentials> emulatorDemo;
    private final Clock clock;
    private final Log log;

    /**
     * @param server what the front end's credential entry holds, if there is one
     * @param emulatorDemo the demo credentials of an emulator this build started for {@code config}'s endpoint
     */
    public CredentialChain(
            ConnectionSettings config,
            HttpTransport transport,
            Optional<ServerCredentials> server,
            Map<String, String> environment,
            Optional<Credentials> emulatorDemo,
            Clock clock,
            Log log) {
        this.config = config;
        this.transport = transport;
        this.server = server;
        this.environment = Map.copyOf(environment);
        this.emulatorDemo = emulatorDemo;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The credentials of the first source that has any; empty when none has.
     *
     * @throws CredentialsException a source has credentials that cannot be used as they are
     */
    public Optional<AuthenticationSource> resolve() {
        if (server.isPresent()) {
            return Optional.of(fromServer(server.get()));
        }
        Optional<Credentials> keys = EnvironmentCredentials.from(environment);
        if (keys.isPresent()) {
            return Optional.of(AuthenticationSource.fixed(new Authentication.Signed(keys.get())));
        }
        String token = environment.get(AUTH_TOKEN);
        if (token != null && !token.isBlank()) {
            return Optional.of(AuthenticationSource.fixed(
                    new Authentication.Token(token.strip(), "environment (" + AUTH_TOKEN + ")")));
        }
        Optional<AuthenticationSource> federation = federation();
        if (federation.isPresent()) {
            return federation;
        }
        if (config.metadataCredentials()) {
            refuseOffline("the only credentials are those of the instance metadata service at "
                    + config.metadataUrl().getHost());
            return Optional.of(new MetadataCredentials(
                    transport, config.metadataUrl(), MetadataCredentials.REFRESH_BEFORE, clock, log, config.names()));
        }
        return emulatorDemo.map(demo -> AuthenticationSource.fixed(new Authentication.Signed(demo)));
    }

    /**
     * The access key pair that an emulator should accept so that an export signs as it expects: the credential
     * entry's, when it holds one, else the environment's.
     */
    public static Optional<Credentials> accessKeyPair(
            Optional<ServerCredentials> server, Map<String, String> environment) {
        if (server.isPresent()) {
            return server.get() instanceof ServerCredentials.AccessKeyPair pair
                    ? Optional.of(pair.credentials())
                    : Optional.empty();
        }
        return EnvironmentCredentials.from(environment);
    }

    private AuthenticationSource fromServer(ServerCredentials entry) {
        if (entry instanceof ServerCredentials.AccessKeyPair pair) {
            return AuthenticationSource.fixed(new Authentication.Signed(pair.credentials()));
        }
        if (entry instanceof ServerCredentials.IamToken token) {
            return AuthenticationSource.fixed(
                    new Authentication.Token(token.token().strip(), token.source()));
        }
        ServerCredentials.IamUser user = (ServerCredentials.IamUser) entry;
        URI iam = iamEndpoint("The IAM user of " + user.source());
        refuseOffline("the IAM user of " + user.source() + " needs a token from IAM at " + iam);
        config.iamEndpointWarning().ifPresent(log::warn);
        return new IamTokenSource(
                transport,
                iam,
                user.user(),
                user.password(),
                user.domain(),
                config.projectId(),
                user.source(),
                IamTokenSource.RENEW_BEFORE,
                clock,
                log,
                config.names());
    }

    private Optional<AuthenticationSource> federation() {
        String idp = blank(environment.get(OidcCredentials.IDP_ID));
        String file = blank(environment.get(OidcCredentials.ID_TOKEN_FILE));
        if (idp == null && file == null) {
            return Optional.empty();
        }
        if (idp == null || file == null) {
            throw new CredentialsException((idp == null ? OidcCredentials.ID_TOKEN_FILE : OidcCredentials.IDP_ID)
                    + " is set but " + (idp == null ? OidcCredentials.IDP_ID : OidcCredentials.ID_TOKEN_FILE)
                    + " is not: OIDC federation needs both, the identity provider configured in IAM and the file"
                    + " holding the ID token.");
        }
        URI iam = iamEndpoint("OIDC federation");
        refuseOffline("OIDC federation needs IAM at " + iam);
        config.iamEndpointWarning().ifPresent(log::warn);
        return Optional.of(new OidcCredentials(
                transport,
                iam,
                idp,
                Path.of(file),
                config.projectId(),
                OidcCredentials.RENEW_BEFORE,
                clock,
                log,
                config.names()));
    }

    private URI iamEndpoint(String who) {
        return config.iamEndpoint()
                .orElseThrow(() -> new CredentialsException(who + " needs the IAM endpoint: set "
                        + config.names().where(Setting.REGION) + ", or "
                        + config.names().where(Setting.IAM_ENDPOINT)
                        + ", e.g. https://iam.cn-north-4.myhuaweicloud.com."));
    }

    private void refuseOffline(String why) {
        if (config.offline()) {
            throw new CredentialsException(
                    "Maven runs offline (-o), and " + why + ". Run without -o, or use an access" + " key pair.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
