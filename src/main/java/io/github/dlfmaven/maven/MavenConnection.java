package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.ProxySettings;
import io.github.dlfmaven.http.TrustStores;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.Redactor;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What a goal's connection to DLF takes from Maven: the settings.xml proxy (never offline), the trust store's password
 * from its settings.xml server, the credentials of the settings.xml server, and the demo credentials of an emulator
 * this build started. The order of the credential sources is the core's ({@link io.github.dlfmaven.auth.CredentialChain}).
 */
final class MavenConnection {

    private final MavenSession session;
    private final SettingsDecrypter settingsDecrypter;
    private final String serverId;
    private final String trustStoreServerId;

    MavenConnection(
            MavenSession session, SettingsDecrypter settingsDecrypter, String serverId, String trustStoreServerId) {
        this.session = session;
        this.settingsDecrypter = settingsDecrypter;
        this.serverId = serverId;
        this.trustStoreServerId = trustStoreServerId;
    }

    /**
     * The transport with Maven's proxy and the trust store, and the credentials of the first source that has any.
     *
     * @param moreServices the goal's services besides DLF and IAM (OBS for an import), each by its own proxy
     * @param redactor the run's, told every secret the transport sends
     */
    DlfConnection open(
            ConnectionSettings config,
            List<URI> moreServices,
            Map<String, String> environment,
            Optional<EmulatorContext> emulator,
            Redactor redactor,
            Log log)
            throws MojoFailureException, IOException {
        HttpTransport.Builder network = DlfConnection.transport(config).redactor(redactor);
        if (config.offline()) {
            // Offline the only endpoint allowed is this build's emulator, and a proxy would be another host.
            network.direct();
        } else {
            // Each service by the proxy settings.xml chooses for its own host: IAM's password and tokens go only
            // where nonProxyHosts lets them.
            List<URI> services = new ArrayList<>(List.of(config.endpoint()));
            config.iamEndpoint().ifPresent(services::add);
            services.addAll(moreServices);
            for (URI service : services) {
                Optional<ProxySettings> proxy = MavenProxies.forEndpoint(session, service);
                proxy.ifPresent(p -> log.debug("Using the settings.xml proxy " + p + " for " + service));
                network.proxyFor(service, proxy);
            }
        }
        if (config.trustStore().isPresent()) {
            try {
                network.trustManager(TrustStores.load(
                        config.trustStore().get(), config.trustStoreType().orElse(null), trustStorePassword()));
            } catch (IOException e) {
                throw new MojoFailureException(
                        e.getMessage() + " (" + MavenSettingNames.INSTANCE.where(Setting.TRUST_STORE) + ")", e);
            }
            log.debug("Trusting the certificate authorities in "
                    + config.trustStore().get());
        }
        config.endpointWarning().ifPresent(log::warn);
        Optional<Credentials> demo = emulator.filter(running -> running.demoCredentials()
                        && running.emulator().endpoint().equals(config.endpoint()))
                .map(running -> running.emulator().credentials());
        return DlfConnection.open(
                config,
                network,
                MavenServerCredentials.read(session.getSettings(), settingsDecrypter, serverId),
                environment,
                demo,
                () -> MavenServerCredentials.notFound(serverId),
                log);
    }

    /** The trust store's password from its settings.xml server, decrypted; null without that server. */
    private char[] trustStorePassword() {
        Server server =
                session.getSettings() == null ? null : session.getSettings().getServer(trustStoreServerId);
        if (server == null) {
            return null;
        }
        String password =
                MavenServerCredentials.decrypted(server, settingsDecrypter).getPassword();
        return password == null ? null : password.toCharArray();
    }
}
