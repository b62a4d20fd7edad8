package io.github.dlfmaven.api;

import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.CredentialChain;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.auth.ServerCredentials;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one goal's run talks to DLF with: one transport (timeouts, proxy, trust store), shared by the DLF client
 * and the credential sources that call IAM or the metadata service, and the credentials {@link CredentialChain}
 * chose. Closing it releases the transport's connections.
 */
public final class DlfConnection implements AutoCloseable {

    private final ConnectionSettings config;
    private final HttpTransport transport;
    private final AuthenticationSource authentication;
    private final Log log;

    private DlfConnection(
            ConnectionSettings config, HttpTransport transport, AuthenticationSource authentication, Log log) {
        this.config = config;
        this.transport = transport;
        this.authentication = authentication;
        this.log = log;
    }

    /** Transport settings with the configured timeouts; the front end adds a proxy or a trust store. */
    public static HttpTransport.Builder transport(ConnectionSettings config) {
        return HttpTransport.builder()
                .timeouts(config.connectTimeout(), config.readTimeout())
                .callTimeout(config.callTimeout());
    }

    /**
     * @param server what the front end's credential entry holds, if there is one
     * @param emulatorDemo the demo credentials of an emulator this build started for the configured endpoint
     * @param notFound the front end's advice when no source has credentials
     * @throws CredentialsException no source has usable credentials
     */
    public static DlfConnection open(
            ConnectionSettings config,
            HttpTransport.Builder network,
            Optional<ServerCredentials> server,
            Map<String, String> environment,
            Optional<Credentials> emulatorDemo,
            Supplier<CredentialsException> notFound,
            Log log) {
        HttpTransport transport = network.build();
        try {
            AuthenticationSource authentication = new CredentialChain(
                            config, transport, server, environment, emulatorDemo, Clock.systemUTC(), log)
                    .resolve()
                    .orElseThrow(notFound);
            return new DlfConnection(config, transport, authentication, log);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** The settings this connection was opened with. */
    public ConnectionSettings settings() {
        return config;
    }

    /** The transport, for the goal's other services (OBS): its proxies, trust store and redaction. */
    public HttpTransport transport() {
        return transport;
    }

    /** Where the credentials come from, safe to print. */
    public AuthenticationSource authentication() {
        return authentication;
    }

    /** A client of the configured endpoint on this connection; the caller closes it (the transport stays open). */
    public DlfClient.Builder client() {
        return DlfClient.builder(config.endpoint(), config.projectId())
                .workspace(config.workspace().orElse(null))
                .transport(transport)
                .authentication(authentication)
                .retryPolicy(RetryPolicy.of(config.retries()))
                .names(config.names())
                .log(log);
    }

    @Override
    public void close() {
        transport.close();
    }
}
