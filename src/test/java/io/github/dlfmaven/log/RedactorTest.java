package io.github.dlfmaven.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of secret, in each form an echo may quote it. */
class RedactorTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HPUAEXAMPLEAK00000001", // an access key
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", // a secret key, with / and +
                "gQpzZWN1cml0eS10b2tlbg==\"quoted\\", // a security token with quotes and a backslash
                "MIIEhwYJKoZIhvcNAQcCoIIEeDCCBHQCAQExDTALBglghkgBZQMEAgEwggLoBgkqhkiG9w0BBwGggg", // an IAM token
                "Pa ss/word+1", // a password with a space
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl" // an OIDC subject token
            })
    void everyFormOfASecretIsMasked(String secret) {
        Redactor redactor = new Redactor();
        redactor.add(secret);
        String escaped = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        List<String> forms = List.of(
                secret,
                escaped,
                escaped.replace("/", "\\/"),
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));

        for (String form : forms) {
            String redacted = redactor.redact("the server said: <" + form + "> and nothing more");
            assertEquals("the server said: <****> and nothing more", redacted, form);
        }
    }

    @Test
    void rememberedSignaturesAreMaskedOnTheirOwnButOtherHashesStay() {
        Redactor redactor = new Redactor();
        String dlf = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
        String obs = "Zm9vYmFyYmF6cXV4cXV1eHh4eHg=";
        String packageHash = "b".repeat(64);
        redactor.addSignature(dlf);
        redactor.addSignature(obs);

        String redacted = redactor.redact("sig " + dlf + ", obs " + obs + ", package " + packageHash);

        assertEquals("sig ****, obs ****, package " + packageHash, redacted);
    }

    @Test
    void theLogMasksEveryLevel() {
        Redactor redactor = new Redactor();
        redactor.add("s3cret-value");
        List<String> lines = new java.util.ArrayList<>();
        Log log = redactor.log(new Log() {
            @Override
            public boolean isDebugEnabled() {
                return true;
            }

            @Override
            public void debug(String message) {
                lines.add(message);
            }

            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add(message);
            }

            @Override
            public void error(String message) {
                lines.add(message);
            }
        });

        log.debug("d s3cret-value");
        log.info("i s3cret-value");
        log.warn("w s3cret-value");
        log.error("e s3cret-value");

        assertEquals(List.of("d ****", "i ****", "w ****", "e ****"), lines);
        assertFalse(String.join("", lines).contains("s3cret"));
    }

    @Test
    void aShortSecretIsMaskedOnlyAsAWordOfItsOwn() {
        Redactor redactor = new Redactor();
        redactor.add("a1");
        String hash = "0a1b" + "c".repeat(60);

        assertEquals(
                "password **** and workspace ba1c, sha256 " + hash,
                redactor.redact("password a1 and workspace ba1c, sha256 " + hash));
    }

    @Test
    void aTextCutBeforeItWasRedactedLosesTheStartOfASecretAtItsEnd() {
        Redactor redactor = new Redactor();
        String token = "echo/Test+Security=Token0000000000";
        redactor.add(token);

        assertEquals("the body began: ****", redactor.redact("the body began: " + token.substring(0, 20)));
        assertEquals("the body began: ****", redactor.redact("the body began: echo%2FTest%2BSecur"), "encoded too");
        assertEquals("ends with echo", redactor.redact("ends with echo"), "fewer than six characters stay");
    }
}
