package io.github.dlfmaven.archive;

/**
 * One file written by {@link SafeUnzipper}.
 *
 * @param path where it went, relative to the extraction folder, with {@code /} separators
 * @param size its size on disk
 * @param sha256 lower-hex SHA-256 of what is on disk
 * @param normalized false when a JSON definition was kept byte for byte
 * @param keptBecause why it was kept byte for byte (such as "not valid JSON"); null when normalized
 */
public record ExtractedFile(String path, long size, String sha256, boolean normalized, String keptBecause) {

    /** A file that was normalized, or kept byte for byte for not being JSON. */
    public ExtractedFile(String path, long size, String sha256, boolean normalized) {
        this(path, size, sha256, normalized, normalized ? null : "not valid JSON");
    }
}
