package io.github.dlfmaven.maven;

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

/**
 * Finds the AK/SK pair: first the settings.xml {@code <server>} named by {@code serverId} (username = AK,
 * password = SK, decrypted with Maven's own {@link SettingsDecrypter}), else the {@code HUAWEICLOUD_SDK_*}
 * environment variables. Credentials are never mojo parameters, because Maven prints parameters with {@code -X}.
 */
final class MavenCredentials {

    private MavenCredentials() {}

    /**
     * @return empty when neither source has credentials
     * @throws CredentialsException found but incomplete or not decryptable
     */
    static Optional<Credentials> find(Settings settings, SettingsDecrypter decrypter, String serverId,
            Map<String, String> environment) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server != null) {
            return Optional.of(fromServer(server, decrypter));
        }
        return EnvironmentCredentials.from(environment);
    }

    /** Why no credentials were found and how to provide them. */
    static CredentialsException notFound(String serverId) {
        return new CredentialsException(
                "No DLF credentials found. Either add a <server> with <id>" + serverId + "</id> to settings.xml,"
                        + " with the access key (AK) as <username> and the secret key (SK) as <password>"
                        + " (encrypt it with mvn --encrypt-password), or set the environment variables "
                        + EnvironmentCredentials.ACCESS_KEY + " and " + EnvironmentCredentials.SECRET_KEY
                        + ". Another server id can be chosen with <serverId> or -Ddlf.serverId.");
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
                throw new CredentialsException("Cannot decrypt the password of settings.xml server '" + server.getId() + "': "
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
