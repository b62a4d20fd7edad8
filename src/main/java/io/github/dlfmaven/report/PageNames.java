package io.github.dlfmaven.report;

import io.github.dlfmaven.snapshot.PortableFileName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file names of the pages about one kind of definition, stable from run to run so that a pull request can link
 * one: the name as it is where it is made of letters, digits, {@code .}, {@code _} and {@code -} (in any script), fits
 * a file name and is no device name of Windows ({@code CON}, {@code nul.txt}), otherwise a shortened safe form with a
 * hash of the whole name (a device name's with a leading {@code _}). Names whose files would be the
 * same, also on a disk that ignores case ({@code Daily} and {@code daily}, or a name that looks like another's hashed
 * form), all get hashed forms, so no page ever replaces another.
 */
final class PageNames {

    /** Bytes of a base name: with {@code .html} it stays far below the 255 bytes file systems allow. */
    private static final int MAX_BYTES = 200;

    private static final int PREFIX_BYTES = 120;

    private final Map<String, String> files = new HashMap<>();

    private PageNames(Collection<String> names) {
        // Level 0 is the name itself, 1 a short hash, 2 the whole hash; a name climbs while its file is shared.
        Map<String, Integer> level = new HashMap<>();
        names.forEach(name -> level.put(name, plain(name) ? 0 : 1));
        while (true) {
            Map<String, List<String>> byFile = new TreeMap<>();
            for (String name : names) {
                byFile.computeIfAbsent(
                                base(name, level.get(name)).toLowerCase(Locale.ROOT), f -> new java.util.ArrayList<>())
                        .add(name);
            }
            boolean clashes = false;
            for (List<String> sharing : byFile.values()) {
                if (sharing.size() > 1) {
                    for (String name : sharing) {
                        if (level.get(name) < 2) {
                            level.put(name, level.get(name) + 1);
                            clashes = true;
                        }
                    }
                }
            }
            if (!clashes) {
                break;
            }
        }
        names.forEach(name -> files.put(name, base(name, level.get(name))));
    }

    static PageNames of(Collection<String> names) {
        return new PageNames(names);
    }

    /** The page's file name: {@code daily.html}. */
    String file(String name, String extension) {
        String base = files.get(name);
        if (base == null) {
            throw new IllegalArgumentException("no page for " + name);
        }
        return base + extension;
    }

    /** The file name as it goes into an {@code href}. */
    String href(String name, String extension) {
        return URLEncoder.encode(file(name, extension), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean plain(String name) {
        return !name.isEmpty()
                && !name.startsWith(".")
                && name.matches("[\\p{L}\\p{N}._-]+")
                && !PortableFileName.isWindowsDevice(name)
                && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private static String base(String name, int level) {
        if (level == 0) {
            return name;
        }
        String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceFirst("^\\.", "_");
        if (PortableFileName.isWindowsDevice(safe)) {
            safe = "_" + safe;
        }
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < safe.length(); ) {
            int c = safe.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > PREFIX_BYTES) {
                break;
            }
            prefix.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return prefix + "-" + hash(name, level == 1 ? 4 : 32);
    }

    private static String hash(String name, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
