package io.github.dlfmaven.maven;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.auth.EnvironmentCredentials;
import io.github.dlfmaven.auth.ServerCredentials;
import io.github.dlfmaven.config.Setting;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads a settings.xml {@code <server>} into the core's {@link ServerCredentials}, its password decrypted with
 * Maven's own {@link SettingsDecrypter}: by default an access key pair ({@code <username>} = AK, {@code <password>} =
 * SK); with {@code <configuration><authentication>token</authentication></configuration>} an IAM token; with
 * {@code password} and a {@code <domain>}, an IAM user. Credentials are never goal parameters, because Maven prints
 * parameters with {@code -X}.
 */
final class MavenServerCredentials {

    private MavenServerCredentials() {}

    /**
     * @return empty without such a server
     * @throws CredentialsException the server is incomplete, or its password cannot be decrypted
     */
    static Optional<ServerCredentials> read(Settings settings, SettingsDecrypter decrypter, String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        String where = "settings.xml server '" + server.getId() + "'";
        Server decrypted = decrypted(server, decrypter);
        switch (kind(server)) {
            case "token" -> {
                String token = decrypted.getPassword();
                if (isBlank(token)) {
                    throw new CredentialsException(
                            where + " is for an IAM token but has no <password>; put the token there.");
                }
                return Optional.of(new ServerCredentials.IamToken(token.strip(), where));
            }
            case "password" -> {
                String domain = configuration(server, "domain");
                if (isBlank(decrypted.getUsername()) || isBlank(decrypted.getPassword()) || isBlank(domain)) {
                    throw new CredentialsException(where + " is for an IAM user: it needs <username>, <password> and"
                            + " <configuration><domain>account name</domain></configuration>.");
                }
                return Optional.of(new ServerCredentials.IamUser(
                        decrypted.getUsername().strip(), decrypted.getPassword(), domain.strip(), where));
            }
            default -> {
                if (isBlank(decrypted.getUsername())) {
                    throw new CredentialsException(where + " has no <username>; put the access key (AK) there.");
                }
                if (isBlank(decrypted.getPassword())) {
                    throw new CredentialsException(where + " has no <password>; put the secret key (SK) there,"
                            + " encrypted with mvn --encrypt-password.");
                }
                return Optional.of(new ServerCredentials.AccessKeyPair(Credentials.of(
                        decrypted.getUsername().trim(), decrypted.getPassword().trim(), where)));
            }
        }
    }

    /** Why no credentials were found and how to provide them. */
    static CredentialsException notFound(String serverId) {
        return new CredentialsException("No DLF credentials found. Either add a <server> with <id>" + serverId
                + "</id> to settings.xml, with the access key (AK) as <username> and the secret key (SK) as"
                + " <password> (encrypt it with mvn --encrypt-password), or set the environment variables "
                + EnvironmentCredentials.ACCESS_KEY + " and " + EnvironmentCredentials.SECRET_KEY
                + " (or DLF_AUTH_TOKEN"
                + " for an IAM token, HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE for OIDC federation, or "
                + MavenSettingNames.INSTANCE.assignment(Setting.METADATA_CREDENTIALS, "true")
                + " on a Huawei Cloud instance with an agency). Another server id can be chosen with "
                + MavenSettingNames.INSTANCE.where(Setting.SERVER_ID) + ".");
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
                throw new CredentialsException("Cannot decrypt the password of settings.xml server '" + server.getId()
                        + "': " + withoutEncryptedValues(problem.getMessage())
                        + ". Check the master password in settings-security.xml (-Dsettings.security points to"
                        + " another file) and re-encrypt the password with mvn --encrypt-password.");
            }
        }
        return result.getServer();
    }

    /** {@code aksk} (the default), {@code token} or {@code password}, from {@code <configuration><authentication>}. */
    private static String kind(Server server) {
        String kind = configuration(server, "authentication");
        if (isBlank(kind)) {
            return "aksk";
        }
        String normalized = kind.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("aksk") && !normalized.equals("token") && !normalized.equals("password")) {
            throw new CredentialsException("settings.xml server '" + server.getId() + "' has <authentication>"
                    + kind.strip() + "</authentication>; use aksk (access key pair), token (an IAM token) or password"
                    + " (an IAM user).");
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

    /** Decryption messages may quote the {@code {...}} value; it is not the secret, but it does not belong in a log. */
    private static String withoutEncryptedValues(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\{[^}]*}", "{****}");
    }
}
