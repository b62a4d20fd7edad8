package io.github.dlfmaven.http;

import java.util.Objects;

/**
 * An HTTP proxy for the client's requests (HTTPS goes through it with CONNECT), optionally with Basic
 * authentication. {@link #toString()} never shows the password.
 *
 * @param username null for a proxy without authentication
 * @param password the proxy password, decrypted
 */
public record ProxySettings(String host, int port, String username, String password) {

    public ProxySettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port " + port);
        }
    }

    public boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return host + ":" + port + (authenticates() ? " (as " + username + ")" : "");
    }
}
