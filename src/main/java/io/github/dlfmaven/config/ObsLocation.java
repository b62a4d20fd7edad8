package io.github.dlfmaven.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OBS folder, {@code obs://bucket/prefix/}: where the plugin puts what DLF reads from OBS (the import package).
 *
 * @param bucket a valid OBS bucket name
 * @param prefix the key prefix, empty or ending with {@code /}
 */
public record ObsLocation(String bucket, String prefix) {

    /** OBS's bucket naming rules: 3 to 63 of lower-case letters, digits, hyphens and periods, no IP address. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    public ObsLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Parses {@code obs://bucket/} or {@code obs://bucket/some/folder/}; a prefix without its final {@code /} gets
     * one, since the plugin names the object inside it.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and how it should look
     */
    public static ObsLocation parse(String text) {
        String shape = " (an OBS folder such as obs://my-bucket/dlf-import/)";
        if (text == null || !text.startsWith("obs://")) {
            throw new IllegalArgumentException("does not start with obs://" + shape);
        }
        String rest = text.substring("obs://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches()
                || bucket.contains("..")
                || bucket.contains(".-")
                || bucket.contains("-.")
                || IP_ADDRESS.matcher(bucket).matches()) {
            throw new IllegalArgumentException(
                    "names no valid bucket: 3 to 63 lower-case letters, digits, hyphens" + " and periods" + shape);
        }
        if (prefix.startsWith("/") || prefix.contains("//") || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("has an empty folder name or a control character in its path" + shape);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new ObsLocation(bucket, prefix);
    }

    /** The key of a file named {@code name} in this folder. */
    public String key(String name) {
        return prefix + name;
    }

    /** {@code obs://bucket/key}, as DLF's import API takes it. */
    public String uri(String name) {
        return "obs://" + bucket + "/" + key(name);
    }

    @Override
    public String toString() {
        return "obs://" + bucket + "/" + prefix;
    }
}
