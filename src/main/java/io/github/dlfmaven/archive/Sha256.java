package io.github.dlfmaven.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash that tells two files apart: lower-hex SHA-256. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    public static String hex(byte[] content) {
        return HEX.formatHex(newDigest().digest(content));
    }

    static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
