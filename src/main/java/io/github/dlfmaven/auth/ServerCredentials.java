package io.github.dlfmaven.auth;

import java.util.Objects;

/**
 * What the front end's credential entry holds (for Maven: a settings.xml {@code <server>}), already decrypted:
 * the front end reads it, {@link CredentialChain} turns it into an authentication. Never prints a secret.
 */
public sealed interface ServerCredentials {

    /** Where it was found, safe to print: {@code settings.xml server 'dlf'}. */
    String source();

    /** An access key pair (and security token, if any). */
    record AccessKeyPair(Credentials credentials) implements ServerCredentials {
        public AccessKeyPair {
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public String source() {
            return credentials.source();
        }
    }

    /** A pre-obtained IAM token, sent as {@code X-Auth-Token}. */
    record IamToken(String token, String source) implements ServerCredentials {
        @Override
        public String toString() {
            return "IamToken[source=" + source + ", token=****]";
        }
    }

    /** An IAM user whose password gets a token from IAM. */
    record IamUser(String user, String password, String domain, String source) implements ServerCredentials {
        @Override
        public String toString() {
            return "IamUser[source=" + source + ", user=" + user + ", domain=" + domain + ", password=****]";
        }
    }
}
