package io.github.dlfmaven.archive;

/**
 * One file written by {@link SafeUnzipper}.
 *
 * @param path where it went, relative to the extraction folder, with {@code /} separators
 * @param size its size on disk
 * @param sha256 lower-hex SHA-256 of what is on disk
 * @param normalized false when a JSON definition could not be parsed and was kept byte for byte
 */
public record ExtractedFile(String path, long size, String sha256, boolean normalized) {}
