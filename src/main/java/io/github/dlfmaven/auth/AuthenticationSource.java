package io.github.dlfmaven.auth;

import java.io.IOException;

/**
 * Gives the authentication for the next request. Asked before every request, so that sources of
 * short-lived credentials (IAM tokens, instance metadata) can renew them during a long export.
 * Implementations are thread-safe.
 */
public interface AuthenticationSource {

    /**
     * @throws IOException the credentials could not be obtained or renewed; the message says from where and holds no secret
     */
    Authentication current() throws IOException;

    /** Where the credentials come from, for messages: {@code settings.xml server 'dlf'}. */
    String description();

    /** Always the same authentication. */
    static AuthenticationSource fixed(Authentication authentication) {
        return new AuthenticationSource() {
            @Override
            public Authentication current() {
                return authentication;
            }

            @Override
            public String description() {
                return authentication.source();
            }
        };
    }
}
