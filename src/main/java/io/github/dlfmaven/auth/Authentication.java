package io.github.dlfmaven.auth;

import io.github.dlfmaven.http.HeaderValues;
import java.util.List;
import java.util.Objects;

/** How one request proves who sends it: an AK/SK signature, or an IAM token. Never prints a secret. */
public sealed interface Authentication {

    /** Where it came from, safe to print. */
    String source();

    /** The values that must never appear in a message. */
    List<String> secrets();

    /** Sign the request with an access key pair (and send its security token, if any). */
    record Signed(Credentials credentials) implements Authentication {
        public Signed {
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public String source() {
            return credentials.source();
        }

        /** The access key too: not a secret on its own, but no line of the plugin's ever needs to show it. */
        @Override
        public List<String> secrets() {
            return credentials
                    .securityToken()
                    .map(t -> List.of(credentials.accessKey(), credentials.secretKey(), t))
                    .orElse(List.of(credentials.accessKey(), credentials.secretKey()));
        }
    }

    /** Send an IAM token as {@code X-Auth-Token}; no signature. */
    record Token(String token, String source) implements Authentication {
        public Token {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(source, "source");
            if (!HeaderValues.sendable(token)) {
                throw new CredentialsException("The IAM token from " + source
                        + " contains spaces, control characters or" + " non-ASCII characters; check how it is stored.");
            }
        }

        @Override
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public String toString() {
            return "Token[source=" + source + ", token=****]";
        }
    }
}
