package io.github.dlfmaven.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An HTTP answer of the emulator: status, content type, body and extra headers, in the API's error shapes. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "X-Request-Id";

    static Answer json(int status, JsonNode json) {
        try {
            return new Answer(status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(json), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same answer with one more header. */
    Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, body, Map.copyOf(more));
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("error_msg", message);
    }

    static Answer dlfError(String code, String message) {
        return Answer.json(400, error(code, message));
    }

    /** An error of the API gateway; its {@code request_id} is the one the {@code X-Request-Id} header carries. */
    static Answer gatewayError(int status, String code, String message) {
        String id = requestId();
        return Answer.json(status, error(code, message).put("request_id", id)).withHeader(REQUEST_ID, id);
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static Answer notFound() {
        return gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment");
    }

    /**
     * Sends the answer, with a request id of its own as the API gateway does. The answer to a {@code HEAD} is the
     * head alone, errors too: HTTP gives it no body, and the length it would have is a header of the answer's own.
     */
    void send(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (!headers.containsKey(REQUEST_ID)) {
            exchange.getResponseHeaders().set(REQUEST_ID, requestId());
        }
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }
}
