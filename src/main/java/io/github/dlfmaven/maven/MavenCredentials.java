package io.github.dlfmaven.maven;

import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.auth.EnvironmentCredentials;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Finds the AK/SK pair: first the settings.xml {@code <server>} named by {@code serverId} (username = AK,
 * password = SK, decrypted with Maven's own {@link SettingsDecrypter}), else the {@code HUAWEICLOUD_SDK_*}
 * environment variables. Credentials are never mojo parameters, because Maven prints parameters with {@code -X}.
 */
final class MavenCredentials {

    private MavenCredentials() {}

    /** Environment variable with a pre-obtained IAM token, sent as {@code X-Auth-Token}. */
    static final String AUTH_TOKEN = "DLF_AUTH_TOKEN";

    /**
     * The access key pair from the settings.xml server (when it holds one) or else the environment.
     *
     * @return empty when neither source has an access key pair
     * @throws CredentialsException found but incomplete or not decryptable
     */
    static Optional<Credentials> find(
            Settings settings, SettingsDecrypter decrypter, String serverId, Map<String, String> environment) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server != null) {
            return kind(server).equals("aksk") ? Optional.of(fromServer(server, decrypter)) : Optional.empty();
        }
        return EnvironmentCredentials.from(environment);
    }

    /**
     * Every way the export can authenticate, first match wins: the settings.xml server (an access key pair, an
     * IAM token, or an IAM user whose password gets a token), the environment's access key pair, the
     * environment's IAM token, then the instance metadata service when enabled.
     *
     * @param iam makes the token source for an IAM user: (user, password, domain, description) to source
     * @param metadata the instance metadata source, or null when not enabled
     * @return empty when no source has credentials
     */
    static Optional<AuthenticationSource> authentication(
            Settings settings,
            SettingsDecrypter decrypter,
            String serverId,
            Map<String, String> environment,
            IamUser iam,
            AuthenticationSource metadata) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server != null) {
            String where = "settings.xml server '" + server.getId() + "'";
            switch (kind(server)) {
                case "token" -> {
                    String token = decrypted(server, decrypter).getPassword();
                    if (token == null || token.isBlank()) {
                        throw new CredentialsException(
                                where + " is for an IAM token but has no <password>; put the token there.");
                    }
                    return Optional.of(AuthenticationSource.fixed(new Authentication.Token(token.strip(), where)));
                }
                case "password" -> {
                    Server decrypted = decrypted(server, decrypter);
                    String domain = configuration(server, "domain");
                    if (isBlank(decrypted.getUsername()) || isBlank(decrypted.getPassword()) || isBlank(domain)) {
                        throw new CredentialsException(
                                where + " is for an IAM user: it needs <username>, <password> and"
                                        + " <configuration><domain>account name</domain></configuration>.");
                    }
                    return Optional.of(iam.source(
                            decrypted.getUsername().strip(), decrypted.getPassword(), domain.strip(), where));
                }
                default -> {
                    return Optional.of(
                            AuthenticationSource.fixed(new Authentication.Signed(fromServer(server, decrypter))));
                }
            }
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
        return Optional.ofNullable(metadata);
    }

    /** Makes the token source for an IAM user. */
    @FunctionalInterface
    interface IamUser {
        AuthenticationSource source(String user, String password, String domain, String description);
    }

    /** {@code aksk} (the default), {@code token} or {@code password}, from {@code <configuration><authentication>}. */
    private static String kind(Server server) {
        String kind = configuration(server, "authentication");
        if (kind == null || kind.isBlank()) {
            return "aksk";
        }
        String normalized = kind.strip().toLowerCase(java.util.Locale.ROOT);
        if (!normalized.equals("aksk") && !normalized.equals("token") && !normalized.equals("password")) {
            throw new CredentialsException(
                    "settings.xml server '" + server.getId() + "' has <authentication>" + kind.strip()
                            + "</authentication>; use aksk (access key pair), token (an IAM token) or password (an IAM user).");
        }
        return normalized;
    }

    private static String configuration(Server server, String name) {
        if (server.getConfiguration() instanceof Xpp3Dom dom && dom.getChild(name) != null) {
            return dom.getChild(name).getValue();
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Why no credentials were found and how to provide them. */
    static CredentialsException notFound(String serverId) {
        return new CredentialsException("No DLF credentials found. Either add a <server> with <id>" + serverId
                + "</id> to settings.xml,"
                + " with the access key (AK) as <username> and the secret key (SK) as <password>"
                + " (encrypt it with mvn --encrypt-password), or set the environment variables "
                + EnvironmentCredentials.ACCESS_KEY + " and " + EnvironmentCredentials.SECRET_KEY
                + " (or " + AUTH_TOKEN + " for an IAM token, or -Ddlf.metadataCredentials=true on a Huawei Cloud"
                + " instance with an agency). Another server id can be chosen with <serverId> or -Ddlf.serverId.");
    }

    /**
     * The server with its password decrypted by Maven's {@link SettingsDecrypter}.
     *
     * @throws CredentialsException the password cannot be decrypted
     */
    static Server decrypted(Server server, SettingsDecrypter decrypter) {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() == SettingsProblem.Severity.ERROR
                    || problem.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new CredentialsException(
                        "Cannot decrypt the password of settings.xml server '" + server.getId() + "': "
                                + withoutEncryptedValues(problem.getMessage())
                                + ". Check the master password in settings-security.xml (-Dsettings.security points to"
                                + " another file) and re-encrypt the password with mvn --encrypt-password.");
            }
        }
        return result.getServer();
    }

    private static Credentials fromServer(Server server, SettingsDecrypter decrypter) {
        String where = "settings.xml server '" + server.getId() + "'";
        Server decrypted = decrypted(server, decrypter);
        String ak = decrypted.getUsername();
        String sk = decrypted.getPassword();
        if (ak == null || ak.isBlank()) {
            throw new CredentialsException(where + " has no <username>; put the access key (AK) there.");
        }
        if (sk == null || sk.isBlank()) {
            throw new CredentialsException(where + " has no <password>; put the secret key (SK) there,"
                    + " encrypted with mvn --encrypt-password.");
        }
        return Credentials.of(ak.trim(), sk.trim(), where);
    }

    /** Decryption messages may quote the {@code {...}} value; it is not the secret, but it does not belong in a log. */
    private static String withoutEncryptedValues(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\{[^}]*}", "{****}");
    }
}
