package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the SDK comparison cannot show: the SDK always sends {@code Date}, the plugin sends {@code x-obs-date}. */
class ObsSignerTest {

    @Test
    void withXObsDateTheDateLineIsEmptyAndTheHeaderIsSigned() {
        String signed = ObsSigner.stringToSign(
                "put",
                "/bucket/key.zip",
                Map.of(
                        "Date", "ignored",
                        "X-Obs-Date", " Tue, 01 Dec 2026 10:15:00 GMT ",
                        "Content-Type", "application/zip",
                        "x-obs-meta-b", "2",
                        "X-OBS-META-A", "1",
                        "Host", "bucket.obs.example.test"));

        assertEquals(
                "PUT\n\napplication/zip\n\nx-obs-date:Tue, 01 Dec 2026 10:15:00 GMT\nx-obs-meta-a:1\nx-obs-meta-b:2\n"
                        + "/bucket/key.zip",
                signed);
    }

    @Test
    void theSignatureIsBase64OfHmacSha1() {
        // RFC 2202 test case 2: HMAC-SHA1("Jefe", "what do ya want for nothing?").
        assertEquals("7/zfauXrL6LSdBbV8YTfnCWafHk=", ObsSigner.signature("what do ya want for nothing?", "Jefe"));
    }

    @Test
    void datesAreRfc1123InGmt() {
        assertEquals("Tue, 01 Dec 2026 10:15:00 GMT", ObsSigner.date(Instant.parse("2026-12-01T10:15:00Z")));
    }
}
