package io.github.dlfmaven.log;

import io.github.dlfmaven.text.LogText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * into a message, also with {@code -X}. Thread-safe.
 *
 * <p>An echo may have encoded the secret: each of its characters is recognised as itself or in any of the escapes
 * servers write (percent-encoding in either case, JSON's {@code \/}, {@code \"} and {@code \\u002f}, HTML's numeric
 * entities, {@code +} for a space), and the secret in base64 too. A text cut before it was redacted (the first bytes of
 * an answer) may end in the first part of a secret: that part is masked as well.
 */
public final class Redactor {

    private static final String MASK = "****";
    private static final Pattern SIGNATURE_FIELD = Pattern.compile("Signature=[0-9a-fA-F]+");
    private static final Pattern BASIC = Pattern.compile("(?i)\\bBasic [A-Za-z0-9+/]{8,}=*");
    /**
     * What a signature looks like on its own: the hex HMAC-SHA256 of DLF's signing, in either case. Only remembered
     * signatures are masked, so a hash the plugin prints on purpose (a package's SHA-256) stays.
     */
    private static final Pattern SIGNATURE_SHAPE = Pattern.compile("(?<![0-9A-Za-z])[0-9a-fA-F]{64}(?![0-9A-Za-z])");
    /** Signatures are remembered for as many recent requests; an older one has long expired (15 minutes). */
    private static final int SIGNATURES_KEPT = 4096;
    /**
     * A secret shorter than this is masked only where it stands as a word of its own: a short password would
     * otherwise turn every word it is part of into {@code ****}, a printed hash among them.
     */
    private static final int WHOLE_WORDS_BELOW = 8;
    /** The shortest start of a secret that is masked at the end of a cut text. */
    private static final int SHORTEST_CUT = 6;

    /** A secret's patterns: anywhere in a text, and its start at the very end of a cut one. */
    private record Known(int length, Pattern anywhere, Pattern cutAtEnd) {}

    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private volatile List<Known> known = List.of();
    private final Map<String, Boolean> signatures = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SIGNATURES_KEPT;
        }
    });

    /** Remembers a secret, in every form an echo may quote it; null and blank values are ignored. */
    public void add(String secret) {
        // Every request hands over its credentials again: the common case is one already known, without a lock.
        if (secret == null || secret.isBlank() || added.contains(secret)) {
            return;
        }
        synchronized (this) {
            if (!added.add(secret)) {
                return;
            }
            List<Known> more = new ArrayList<>(known);
            more.add(compile(secret));
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            if (secret.length() >= WHOLE_WORDS_BELOW) {
                more.add(new Known(
                        base64.length(), Pattern.compile(Pattern.quote(base64.replaceAll("=+$", "")) + "=*"), null));
            }
            // Longest first, so that a secret containing another one is masked whole.
            more.sort(Comparator.comparingInt(Known::length).reversed());
            known = List.copyOf(more);
        }
    }

    /**
     * Remembers the signature of a request about to be sent: valid for a while, it would let whoever reads it replay
     * that request. DLF's hex signatures, one per request, are kept for the most recent requests; any other (OBS's
     * base64, for the few uploads of a run) is remembered like a secret, in every form.
     */
    public void addSignature(String signature) {
        if (signature == null || signature.isBlank()) {
            return;
        }
        if (SIGNATURE_SHAPE.matcher(signature).matches()) {
            signatures.put(signature.toLowerCase(Locale.ROOT), Boolean.TRUE);
        } else {
            add(signature);
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
     * replaced by {@code ****}, and the start of a secret at its very end too; null stays null.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        List<Known> secrets = known;
        for (Known secret : secrets) {
            result = secret.anywhere().matcher(result).replaceAll(MASK);
        }
        if (!signatures.isEmpty()) {
            Matcher m = SIGNATURE_SHAPE.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                boolean known = signatures.containsKey(m.group().toLowerCase(Locale.ROOT));
                m.appendReplacement(out, known ? MASK : Matcher.quoteReplacement(m.group()));
            }
            m.appendTail(out);
            result = out.toString();
        }
        for (Known secret : secrets) {
            if (secret.cutAtEnd() != null) {
                Matcher cut = secret.cutAtEnd().matcher(result);
                // Only the end matters; a secret's start, each character escaped, takes at most 24 characters a piece.
                cut.region(Math.max(0, result.length() - secret.length() * 24), result.length());
                if (cut.find()) {
                    result = result.substring(0, cut.start()) + MASK;
                }
            }
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

    private static Known compile(String secret) {
        List<String> characters = new ArrayList<>();
        secret.codePoints().forEach(c -> characters.add(forms(c)));
        String whole = String.join("", characters);
        if (secret.length() < WHOLE_WORDS_BELOW) {
            return new Known(secret.length(), Pattern.compile("(?<![A-Za-z0-9])" + whole + "(?![A-Za-z0-9])"), null);
        }
        // The first SHORTEST_CUT characters, then each further one only if the one before it is there: linear.
        StringBuilder start = new StringBuilder();
        int shortest = Math.min(SHORTEST_CUT, characters.size());
        for (int i = 0; i < shortest; i++) {
            start.append(characters.get(i));
        }
        StringBuilder rest = new StringBuilder();
        for (int i = characters.size() - 1; i >= shortest; i--) {
            rest.insert(0, "(?:" + characters.get(i)).append(")?");
        }
        return new Known(secret.length(), Pattern.compile(whole), Pattern.compile(start + rest.toString() + "$"));
    }

    /** Every way an echo may write one character of a secret, as a regular expression. */
    private static String forms(int c) {
        List<String> forms = new ArrayList<>();
        // The longer forms first: an escaped backslash must be taken whole, not as the backslash it starts with.
        switch (c) {
            case '"', '/', '\\' -> forms.add("\\\\" + Pattern.quote(String.valueOf((char) c)));
            case ' ' -> forms.add("\\+");
            default -> {}
        }
        StringBuilder percent = new StringBuilder();
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
            percent.append('%').append(hexDigit((b >> 4) & 0xf)).append(hexDigit(b & 0xf));
        }
        forms.add(percent.toString());
        if (c < 0x10000) {
            forms.add("\\\\u" + hexDigit(c >> 12) + hexDigit((c >> 8) & 0xf) + hexDigit((c >> 4) & 0xf)
                    + hexDigit(c & 0xf));
        }
        forms.add("(?i:&#(?:x0*" + Integer.toHexString(c) + "|0*" + c + ");)");
        forms.add(Pattern.quote(new String(Character.toChars(c))));
        return "(?:" + String.join("|", forms) + ")";
    }

    /** A hex digit in either case. */
    private static String hexDigit(int value) {
        char digit = Character.forDigit(value, 16);
        return Character.isLetter(digit) ? "[" + digit + Character.toUpperCase(digit) + "]" : String.valueOf(digit);
    }
}
