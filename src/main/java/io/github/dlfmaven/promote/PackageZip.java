package io.github.dlfmaven.promote;

import io.github.dlfmaven.archive.Sha256;
import java.util.Arrays;

/**
 * The import package's bytes, fixed when it is packed, with their SHA-256: the plan names the hash, the upload sends
 * exactly these bytes and logs the hash again, so what was reviewed is what is imported, byte for byte, whatever
 * happens to the files in the work folder meanwhile.
 */
public final class PackageZip {

    private final byte[] bytes;
    private final String sha256;

    PackageZip(byte[] bytes) {
        this.bytes = bytes.clone();
        this.sha256 = Sha256.hex(this.bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The SHA-256 of the bytes, in lower-case hex. */
    public String sha256() {
        return sha256;
    }

    public long size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PackageZip zip && Arrays.equals(bytes, zip.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PackageZip[" + bytes.length + " bytes, sha256 " + sha256 + "]";
    }
}
