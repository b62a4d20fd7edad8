package io.github.dlfmaven.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes request paths and queries the way the gateway reads them before checking a signature. Not
 * {@code URLDecoder}: in a path a {@code +} is a plus sign, not a space.
 */
final class PercentDecoding {

    private PercentDecoding() {}

    /** {@code /v1/p/jobs/daily%20load/export} → {@code [v1, p, jobs, daily load, export]}. */
    static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        for (String segment : path.substring(1).split("/", -1)) {
            segments.add(decode(segment, false));
        }
        return segments;
    }

    /** Query pairs in request order; {@code +} is a space there, as in forms. */
    static List<Map.Entry<String, String>> query(String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(Map.entry(decode(name, true), decode(value, true)));
        }
        return pairs;
    }

    private static String decode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(c);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
