package io.github.dlfmaven.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the AK/SK signature covers, in decoded form.
 *
 * @param method HTTP method, upper case
 * @param pathSegments the URL path split at {@code /}, each segment percent-decoded (as okhttp's
 *     {@code HttpUrl.pathSegments()} returns them)
 * @param query query parameters in request order, decoded
 * @param headers the headers to sign, first value of each; must include {@code Host} and {@code X-Sdk-Date}
 * @param body the exact body bytes sent, empty for none
 */
public record SignableRequest(
        String method,
        List<String> pathSegments,
        List<Map.Entry<String, String>> query,
        Map<String, String> headers,
        byte[] body) {

    public SignableRequest {
        Objects.requireNonNull(method, "method");
        pathSegments = List.copyOf(pathSegments);
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        // Headers may include X-Security-Token: never print them.
        return "SignableRequest[" + method + " /" + String.join("/", pathSegments) + "]";
    }
}
