package io.github.dlfmaven.http;

/**
 * Whether a secret can travel in an HTTP header. Only visible ASCII can: anything else the HTTP library refuses,
 * quoting the whole value in its error, so every secret that goes into a header is checked with this first.
 */
public final class HeaderValues {

    private HeaderValues() {}

    /** Not empty, and nothing but visible ASCII (no space, no control character, nothing beyond ASCII). */
    public static boolean sendable(String value) {
        return value != null && !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
