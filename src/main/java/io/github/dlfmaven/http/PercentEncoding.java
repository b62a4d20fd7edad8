package io.github.dlfmaven.http;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of text as UTF-8, every byte but RFC 3986's unreserved characters encoded ({@code /} too). */
public final class PercentEncoding {

    private PercentEncoding() {}

    /** {@code 导入/a b.zip} becomes {@code %E5%AF%BC%E5%85%A5%2Fa%20b.zip}. */
    public static String strict(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
