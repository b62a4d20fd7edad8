package io.github.dlfmaven.maven;

import io.github.dlfmaven.http.ProxySettings;
import java.net.URI;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The settings.xml {@code <proxy>} for the DLF endpoint, chosen exactly as Maven chooses one for a
 * repository at that URL: Maven's own proxy selector applies {@code <active>}, {@code <protocol>} and
 * {@code <nonProxyHosts>}, and has already decrypted the proxy password.
 */
final class MavenProxies {

    private MavenProxies() {}

    /** @throws MojoFailureException the proxy Maven chose has a port no connection can use */
    static Optional<ProxySettings> forEndpoint(MavenSession session, URI endpoint) throws MojoFailureException {
        RepositorySystemSession repositorySession = session.getRepositorySession();
        ProxySelector selector = repositorySession == null ? null : repositorySession.getProxySelector();
        if (selector == null) {
            return Optional.empty();
        }
        RemoteRepository target = new RemoteRepository.Builder("dlf", "default", endpoint.toString()).build();
        Proxy proxy = selector.getProxy(target);
        if (proxy == null) {
            return Optional.empty();
        }
        String username = null;
        String password = null;
        RemoteRepository proxied =
                new RemoteRepository.Builder(target).setProxy(proxy).build();
        try (AuthenticationContext authentication = AuthenticationContext.forProxy(repositorySession, proxied)) {
            if (authentication != null) {
                username = authentication.get(AuthenticationContext.USERNAME);
                password = authentication.get(AuthenticationContext.PASSWORD);
            }
        }
        if (proxy.getPort() < 1 || proxy.getPort() > 65535) {
            throw new MojoFailureException("The settings.xml <proxy> for " + endpoint.getHost() + " has port "
                    + proxy.getPort() + ", which is not between 1 and 65535; correct its <port>.");
        }
        return Optional.of(new ProxySettings(proxy.getHost(), proxy.getPort(), username, password));
    }
}
