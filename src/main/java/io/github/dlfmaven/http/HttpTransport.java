package io.github.dlfmaven.http;

import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.log.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The HTTP policy of every request the plugin sends, to DLF, IAM and the instance metadata service alike:
 *
 * <ul>
 *   <li>Redirects are never followed. OkHttp would follow them to any host, re-sending {@code X-Auth-Token},
 *       {@code X-Security-Token} and, for 307 and 308, the body (for IAM: the user's password), and from https
 *       to http. None of these APIs redirects, so a 3xx is an error; {@link #redirect(Response)} describes it.
 *   <li>OkHttp's own retry of failed connections is off: it would send an export the server already received a
 *       second time, unseen. {@link RetryPolicy} is the only retry layer, and its attempt count is the truth.
 *   <li>Three timeouts: connecting, the longest silence while reading, and the whole call, body included, so that a
 *       server trickling one byte per read timeout cannot hold a thread forever.
 *   <li>The settings.xml proxy (Basic authentication, {@code CONNECT} for https) and a trust store, set on these
 *       clients only: nothing JVM-wide is touched.
 *   <li>One {@code User-Agent}, and the run's {@link Redactor}, told every secret sent through the transport.
 * </ul>
 *
 * <p>The clients share one connection pool; {@link #close()} releases it.
 */
public final class HttpTransport implements AutoCloseable {

    public static final String USER_AGENT = "dlf-maven-plugin/" + pluginVersion();
    /** How long an idle connection is kept for reuse. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(4);

    private final OkHttpClient client;
    private final ProxyRoutes proxies;
    private final Redactor redactor;

    private HttpTransport(Builder b) {
        this.proxies = b.direct ? new ProxyRoutes(Map.of(), null) : new ProxyRoutes(b.proxyFor, b.proxy);
        this.redactor = b.redactor;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                // Kept short: with okhttp's own retry off, a pooled connection the server has closed in the meantime
                // fails the request, and common servers close idle connections after five seconds.
                .connectionPool(new ConnectionPool(5, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("User-Agent", USER_AGENT)
                        .build()));
        // Without a proxy of its own the client follows the JVM's proxy settings, as okhttp does by default.
        if (b.direct) {
            http.proxy(Proxy.NO_PROXY);
        } else {
            http.proxySelector(proxies.selector()).proxyAuthenticator(proxies.authenticator());
            for (ProxySettings proxy : proxies.all()) {
                if (proxy.authenticates()) {
                    String basic = ProxyRoutes.basic(proxy);
                    redactor.add(proxy.password());
                    redactor.add(basic);
                    redactor.add(basic.substring("Basic ".length()));
                }
            }
        }
        if (b.trustManager != null) {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {b.trustManager}, null);
                http.sslSocketFactory(tls.getSocketFactory(), b.trustManager);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Every Java runtime supports TLS", e);
            }
        }
        this.client = http.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The client for DLF and IAM: the proxy, trust store and timeouts of this transport. */
    public OkHttpClient client() {
        return client;
    }

    /**
     * A client for a service on the instance's own link (the metadata service): never through a proxy, and with
     * short timeouts, since it answers at once or not at all.
     */
    public OkHttpClient direct(Duration connectTimeout, Duration readTimeout) {
        return client.newBuilder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(connectTimeout.plus(readTimeout).multipliedBy(2))
                .build();
    }

    /** The proxy requests to {@code url} go through; empty where they go direct (or by the JVM's settings). */
    public Optional<ProxySettings> proxyFor(URI url) {
        return proxies.forUrl(url);
    }

    /** Knows every secret sent through this transport; give it each one before it is sent. */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * For an answer with a 3xx status: which status and which host it pointed to (never the path or query, which
     * may carry a token), for a message; null for any other answer.
     */
    public static String redirect(Response response) {
        if (response.code() < 300 || response.code() > 399) {
            return null;
        }
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        String where = target == null
                ? "no location"
                : target.scheme() + "://" + target.host()
                        + (target.port() == HttpUrl.defaultPort(target.scheme()) ? "" : ":" + target.port());
        return "a redirect (HTTP " + response.code() + ") to " + where;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static String pluginVersion() {
        try (InputStream in =
                HttpTransport.class.getResourceAsStream("/io/github/dlfmaven/dlf-maven-plugin.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Settings of a transport; everything has a default. */
    public static final class Builder {
        private Duration connectTimeout = seconds(Defaults.CONNECT_TIMEOUT);
        private Duration readTimeout = seconds(Defaults.READ_TIMEOUT);
        private Duration callTimeout = seconds(Defaults.CALL_TIMEOUT);
        private ProxySettings proxy;
        private final Map<URI, Optional<ProxySettings>> proxyFor = new LinkedHashMap<>();
        private boolean direct;
        private X509TrustManager trustManager;
        private Redactor redactor = new Redactor();

        private Builder() {}

        /**
         * The run's redactor, which the goal's log and failure messages share, so that every secret this transport
         * learns (a proxy password, the credentials it signs with) is masked there too; by default one of its own.
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** How long connecting may take, and the longest silence while sending or receiving. */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.readTimeout = Objects.requireNonNull(read, "read");
            return this;
        }

        /** How long one request may take as a whole, response body included. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
            return this;
        }

        /** The proxy for every service not given one of its own; without it the JVM's settings apply (usually: none). */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /** The proxy for the service at {@code url} (its scheme, host and port); empty: none, whatever the default. */
        public Builder proxyFor(URI url, Optional<ProxySettings> proxy) {
            this.proxyFor.put(url, proxy);
            return this;
        }

        /**
         * No proxy at all, not even the JVM's: for an offline build, which may reach nothing but this machine, where
         * a proxy would be a remote host.
         */
        public Builder direct() {
            this.direct = true;
            this.proxy = null;
            this.proxyFor.clear();
            return this;
        }

        /** Trusts only the certificates this manager trusts, e.g. a private cloud's CA (see {@link TrustStores}). */
        public Builder trustManager(X509TrustManager trustManager) {
            this.trustManager = trustManager;
            return this;
        }

        public HttpTransport build() {
            return new HttpTransport(this);
        }

        private static Duration seconds(String value) {
            return Duration.ofSeconds(Defaults.number(value));
        }
    }
}
