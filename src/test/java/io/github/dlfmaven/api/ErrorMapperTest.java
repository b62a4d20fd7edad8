package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** How failed calls become messages: the hint for each status, the request id, quoted error pages, and no secret in any message or debug line. */
class ErrorMapperTest extends ApiServerTest {

    @Test
    void unauthorizedNamesCredentialsSourceAndClock() {
        server.enqueue(json(
                401,
                "{\"error_code\":\"APIGW.0301\","
                        + "\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("APIGW.0301"), e.getMessage());
        assertTrue(e.getMessage().contains("verify aksk signature fail"), e.getMessage());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
        assertTrue(e.getMessage().contains("clock"), e.getMessage());
    }

    @Test
    void forbiddenMentionsPermissions() {
        server.enqueue(json(403, "{\"error_code\":\"DLF.6888\",\"error_msg\":\"Invalid account permissions\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("permissions in project " + PROJECT), e.getMessage());
        assertTrue(e.getMessage().contains("workspace " + WORKSPACE), e.getMessage());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
    }

    @Test
    void requestIdHeaderSurfaces() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "req-7f3a9c")
                .body("{\"error_code\":\"DLF.3051\",\"error_msg\":\"The request parameter is invalid.\"}")
                .build());

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals("req-7f3a9c", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("(request id req-7f3a9c)"), e.getMessage());
    }

    @Test
    void requestIdFromGatewayBody() {
        server.enqueue(json(
                404,
                "{\"error_code\":\"APIGW.0101\",\"error_msg\":\"The API does not exist\","
                        + "\"request_id\":\"b0d5e4\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals("b0d5e4", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("(request id b0d5e4)"), e.getMessage());
    }

    @Test
    void htmlErrorPageIsQuoted() {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>")
                .build());

        DlfApiException e =
                assertThrows(DlfApiException.class, () -> client(fast(0)).export(job("myJob"), packageFile, MAX));

        assertEquals(502, e.httpStatus());
        assertEquals(1, server.getRequestCount());
        assertTrue(e.getMessage().contains("the server sent text/html instead of a DLF error"), e.getMessage());
        assertTrue(e.getMessage().contains("'<html> <head><title>502 Bad Gateway</title>"), e.getMessage());
        assertFalse(e.getMessage().contains("Gave up"), e.getMessage());
    }

    @Test
    void errorMessagesNeverHoldSecrets() {
        String echo = "Incorrect IAM authentication information: sk=" + SK + " token=" + TOKEN
                + " Authorization: SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=host, Signature=abcdef0123";
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"" + echo + "\"}")
                .build());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX));

        for (String text :
                List.of(e.getMessage(), e.toString(), e.errorMessage().orElseThrow())) {
            assertFalse(text.contains(SK), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("abcdef0123"), text);
        }
        assertTrue(e.getMessage().contains("Signature=****"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void errorPagePreviewNeverHoldsPartOfASecret() {
        // A proxy page that echoes the request; the secret key straddles the preview's cut-off.
        String page = "<html><body>" + "x".repeat(170) + " " + SK + " " + TOKEN + " Signature=abcdef0123</body></html>";
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "text/html")
                .body(page)
                .build());

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        assertFalse(e.getMessage().contains("exampleSecretKey"), e.getMessage());
        assertFalse(e.getMessage().contains("exampleSecurity"), e.getMessage());
        assertFalse(e.getMessage().contains("abcdef"), e.getMessage());
    }

    @Test
    void debugLogNeverHoldsSecrets() throws Exception {
        server.enqueue(status(503));
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX);

        assertFalse(debugLines().isEmpty());
        for (String line : debugLines()) {
            assertFalse(line.contains(SK), line);
            assertFalse(line.contains(TOKEN), line);
            assertFalse(line.contains("Signature="), line);
        }
    }
}
