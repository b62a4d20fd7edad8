package io.github.dlfmaven.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether bytes are a zip archive, decided one way for the download and the extraction alike. */
public final class ZipSniffer {

    /** Enough of a body to tell what it is, and to describe it when it is not a zip. */
    public static final int HEAD_BYTES = 512;

    private ZipSniffer() {}

    /** A local file header ({@code PK\3\4}), or the end record of an empty archive ({@code PK\5\6}). */
    public static boolean isZip(byte[] head) {
        return head.length >= 4
                && head[0] == 'P'
                && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /** The first {@link #HEAD_BYTES} bytes of a file (fewer when it is shorter). */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }
}
