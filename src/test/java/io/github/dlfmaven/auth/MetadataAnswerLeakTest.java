package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** A metadata answer that is almost JSON: the failure quotes what the parser stumbled on, the secret key. */
class MetadataAnswerLeakTest {

    @Test
    void aMalformedAnswerDoesNotQuoteTheSecretKey() throws Exception {
        String secret = "MetadataSecretKeyValue0000000000000000001";
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(404).build()); // no session tokens
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .body("{\"credential\": {\"access\": \"TEMPAK\", \"secret\": " + secret
                            + ", \"securitytoken\": \"t\"}}")
                    .build());
            server.start(InetAddress.getLoopbackAddress(), 0);
            HttpTransport transport = HttpTransport.builder().direct().build();
            MetadataCredentials metadata = new MetadataCredentials(
                    transport,
                    URI.create(server.url("/openstack/latest/securitykey").toString()),
                    Duration.ofHours(1),
                    Clock.systemUTC(),
                    Log.NONE);
            IOException e = assertThrows(IOException.class, metadata::current);
            String shown = transport.redactor().redact(e.getMessage());
            assertFalse(shown.contains(secret), shown);
        }
    }
}
