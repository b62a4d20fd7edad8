package io.github.dlfmaven.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Authenticator;

/**
 * Which proxy each service is reached through. Settings.xml chooses a proxy per host ({@code nonProxyHosts}), and DLF
 * and IAM are different hosts, so each gets its own: the IAM password and tokens never pass a proxy the settings keep
 * them away from, and an IAM host the settings route through a proxy is reached through it. A URL of no known service
 * follows the default (the JVM's proxy settings unless one is set).
 */
final class ProxyRoutes {

    /** By origin ({@code https://host:443}); an empty value: no proxy for that service. */
    private final Map<String, Optional<ProxySettings>> byOrigin;

    private final ProxySettings fallback;

    ProxyRoutes(Map<URI, Optional<ProxySettings>> byService, ProxySettings fallback) {
        this.byOrigin = new LinkedHashMap<>();
        byService.forEach((url, proxy) -> byOrigin.put(origin(url), proxy));
        this.fallback = fallback;
    }

    /** The proxy for requests to {@code url}; empty where they go direct (or by the JVM's settings). */
    Optional<ProxySettings> forUrl(URI url) {
        Optional<ProxySettings> known = byOrigin.get(origin(url));
        return known != null ? known : Optional.ofNullable(fallback);
    }

    /** Every proxy a request may go through. */
    List<ProxySettings> all() {
        List<ProxySettings> all = new ArrayList<>();
        byOrigin.values().forEach(proxy -> proxy.ifPresent(all::add));
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    /** Chooses per request, as okhttp asks for each route. */
    ProxySelector selector() {
        ProxySelector jvm = ProxySelector.getDefault();
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (fallback == null && !byOrigin.containsKey(origin(uri))) {
                    return jvm == null ? List.of(Proxy.NO_PROXY) : jvm.select(uri);
                }
                return forUrl(uri)
                        .map(p -> List.of(
                                new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port()))))
                        .orElse(List.of(Proxy.NO_PROXY));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        };
    }

    /** Answers a proxy's 407 with the credentials of that proxy, once; none for a proxy without them. */
    Authenticator authenticator() {
        return (route, response) -> {
            if (route == null || response.request().header("Proxy-Authorization") != null) {
                return null; // refused already: fail with the proxy's 407
            }
            if (!(route.proxy().address() instanceof InetSocketAddress address)) {
                return null;
            }
            for (ProxySettings proxy : all()) {
                if (proxy.authenticates()
                        && proxy.host().equalsIgnoreCase(address.getHostString())
                        && proxy.port() == address.getPort()) {
                    return response.request()
                            .newBuilder()
                            .header("Proxy-Authorization", basic(proxy))
                            .build();
                }
            }
            return null;
        };
    }

    static String basic(ProxySettings proxy) {
        return okhttp3.Credentials.basic(proxy.username(), Objects.requireNonNullElse(proxy.password(), ""));
    }

    private static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
