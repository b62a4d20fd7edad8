package io.github.dlfmaven.log;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Forms an echo may quote a secret in, which the redactor should mask too. */
class RedactorFormsTest {

    private static final String TOKEN = "echo/Test+Security=Token0000000000";

    private static String redacted(String secret, String text) {
        Redactor redactor = new Redactor();
        redactor.add(secret);
        return redactor.redact(text);
    }

    @Test
    void lowerCaseHexUrlEncoding() {
        String lower = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        // %2f, %2b, %3d as many servers (and Go's, Python's quoting of some) write them
        String echoed = "token=" + TOKEN.replace("/", "%2f").replace("+", "%2b").replace("=", "%3d");
        String shown = redacted(TOKEN, echoed);
        assertFalse(shown.contains("Security%3dToken0000000000"), shown);
    }

    @Test
    void jsonUnicodeEscapes() {
        // Gson and some JSON writers escape '=' (and < > & ') as \\u003d
        String echoed = "{\"msg\": \"" + TOKEN.replace("=", "\\u003d") + "\"}";
        String shown = redacted(TOKEN, echoed);
        assertFalse(shown.contains("Security\\u003dToken0000000000"), shown);
    }

    @Test
    void pathEncodingKeepsSlash() {
        // RFC 3986 path encoding leaves '/' and '=' as they are but encodes '+'
        String echoed = "GET /v1/x/" + TOKEN.replace("+", "%2B");
        String shown = redacted(TOKEN, echoed);
        assertFalse(shown.contains("Security=Token0000000000"), shown);
    }

    @Test
    void base64() {
        String echoed = "X-Debug: " + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        String shown = redacted(TOKEN, echoed);
        assertFalse(shown.contains(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))), shown);
    }

    @Test
    void upperCaseHexSignature() {
        Redactor redactor = new Redactor();
        String signature = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        redactor.addSignature(signature);
        String shown = redactor.redact("expected signature " + signature.toUpperCase(Locale.ROOT));
        assertFalse(shown.contains(signature.toUpperCase(Locale.ROOT)), shown);
    }

    @Test
    void urlEncodedObsSignature() {
        Redactor redactor = new Redactor();
        String signature = "ab+cd/efghijklmnopqrstuvwxy="; // 27 + '=' : an HMAC-SHA1 in base64
        redactor.addSignature(signature);
        String shown = redactor.redact("<SignatureProvided>" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "</SignatureProvided> and JSON " + signature.replace("/", "\\/"));
        assertFalse(shown.contains("efghijklmnopqrstuvwxy"), shown);
    }
}
