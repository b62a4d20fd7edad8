package io.github.dlfmaven.log;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret of one goal's run: access and secret keys, security tokens, IAM tokens and passwords, an OIDC subject
 * token, the proxy password and its {@code Proxy-Authorization} form, and the signatures of recent requests. Text that
 * leaves the plugin (every log line, through {@link #log(Log)}, and every failure message, through the goal template)
 * passes through {@link #redact}, so that what a server or proxy built by echoing a request never carries a secret
 * into a message, also with {@code -X}. Each secret is known in its plain, JSON-escaped and URL-encoded forms, the
 * ways an echo may quote it. Thread-safe.
 */
public final class Redactor {

    private static final String MASK = "****";
    private static final Pattern SIGNATURE_FIELD = Pattern.compile("Signature=[0-9a-fA-F]+");
    private static final Pattern BASIC = Pattern.compile("(?i)\\bBasic [A-Za-z0-9+/]{8,}=*");
    /**
     * What a signature looks like on its own: the hex HMAC-SHA256 of DLF's signing, or the base64 HMAC-SHA1 of OBS's.
     * Only remembered signatures are masked, so a hash the plugin prints on purpose (a package's SHA-256) stays.
     */
    private static final Pattern SIGNATURE_SHAPE =
            Pattern.compile("(?<![0-9A-Za-z+/])(?:[0-9a-f]{64}|[A-Za-z0-9+/]{27}=)(?![0-9A-Za-z+/=])");
    /** Signatures are remembered for as many recent requests; an older one has long expired (15 minutes). */
    private static final int SIGNATURES_KEPT = 4096;

    /** The secrets as given. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Every form of each, written under this object's lock. */
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    private volatile List<String> longestFirst = List.of();
    private final Map<String, Boolean> signatures = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SIGNATURES_KEPT;
        }
    });

    /** Remembers a secret in every form an echo may quote it; null and blank values are ignored. */
    public void add(String secret) {
        // Every request hands over its credentials again: the common case is one already known, without a lock.
        if (secret == null || secret.isBlank() || known.contains(secret)) {
            return;
        }
        synchronized (this) {
            addForms(secret);
            known.add(secret);
        }
    }

    private void addForms(String secret) {
        String escaped = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        boolean added = false;
        // As written; in a JSON string (some encoders escape '/' too); in a URL or form (a space as '+' or %20).
        for (String form :
                List.of(secret, escaped, escaped.replace("/", "\\/"), encoded, encoded.replace("+", "%20"))) {
            added |= secrets.add(form);
        }
        if (added) {
            // Longest first, so that a secret containing another one is masked whole.
            longestFirst = secrets.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
        }
    }

    /**
     * Remembers the signature of a request about to be sent (hex or base64, without its scheme): valid for a while, it
     * would let whoever reads it replay that request.
     */
    public void addSignature(String signature) {
        if (signature != null && !signature.isBlank()) {
            signatures.put(signature, Boolean.TRUE);
        }
    }

    /**
     * What a failure says, for a message: its class and message, redacted and with control characters escaped,
     * since an HTTP library's exception may quote the server's words (a status line, a header).
     */
    public String describe(Throwable failure) {
        return LogText.escape(redact(failure.toString()));
    }

    /**
     * The text with every known secret, every remembered signature, any {@code Signature=} field and Basic credential
     * replaced by {@code ****}; null stays null.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : longestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        if (!signatures.isEmpty()) {
            Matcher m = SIGNATURE_SHAPE.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        out, signatures.containsKey(m.group()) ? MASK : Matcher.quoteReplacement(m.group()));
            }
            m.appendTail(out);
            result = out.toString();
        }
        result = SIGNATURE_FIELD.matcher(result).replaceAll("Signature=" + MASK);
        return BASIC.matcher(result).replaceAll("Basic " + MASK);
    }

    /** The log with every line redacted before it is written: the one way the core's lines reach the user. */
    public Log log(Log log) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                log.debug(redact(message));
            }

            @Override
            public void info(String message) {
                log.info(redact(message));
            }

            @Override
            public void warn(String message) {
                log.warn(redact(message));
            }

            @Override
            public void error(String message) {
                log.error(redact(message));
            }
        };
    }
}
