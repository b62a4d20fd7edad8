package io.github.dlfmaven.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names for pages about definitions, stable from run to run so that a pull request can link one: the name as it
 * is where it is made of letters, digits, {@code .}, {@code _} and {@code -} (in any script), otherwise with the rest
 * replaced and a short hash of the whole name added, so that two names never share a file.
 */
final class PageNames {

    private PageNames() {}

    static String file(String name, String extension) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (safe.equals(name) && !name.startsWith(".") && !name.isEmpty() && name.length() <= 120) {
            return name + extension;
        }
        return safe.substring(0, Math.min(safe.length(), 80)).replaceFirst("^\\.", "_") + "-" + hash(name) + extension;
    }

    /** The file name as it goes into an {@code href}. */
    static String href(String fileName) {
        return URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
