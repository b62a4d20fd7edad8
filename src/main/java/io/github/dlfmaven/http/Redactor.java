package io.github.dlfmaven.http;

import io.github.dlfmaven.log.LogText;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret the build sends over HTTP (secret keys, security tokens, IAM tokens and passwords, the proxy
 * password and its {@code Proxy-Authorization} form), so that text from outside, which a server or proxy may
 * have built by echoing the request, never carries one into a message or log line. Thread-safe.
 */
public final class Redactor {

    private static final String MASK = "****";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-fA-F]+");
    private static final Pattern BASIC = Pattern.compile("(?i)\\bBasic [A-Za-z0-9+/]{8,}=*");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Remembers a secret, and its form inside a JSON string; null and blank values are ignored. */
    public void add(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        secrets.add(secret);
        String quoted = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        if (!quoted.equals(secret)) {
            secrets.add(quoted);
        }
    }

    /**
     * What a failure says, for a message: its class and message, redacted and with control characters escaped,
     * since an HTTP library's exception may quote the server's words (a status line, a header).
     */
    public String describe(Throwable failure) {
        return LogText.escape(redact(failure.toString()));
    }

    /** The text with every known secret, signature and Basic credential replaced by {@code ****}; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        // Longest first, so that a secret containing another one is masked whole.
        for (String secret : secrets.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            result = result.replace(secret, MASK);
        }
        result = SIGNATURE.matcher(result).replaceAll("Signature=" + MASK);
        return BASIC.matcher(result).replaceAll("Basic " + MASK);
    }
}
