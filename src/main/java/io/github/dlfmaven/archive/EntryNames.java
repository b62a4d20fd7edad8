package io.github.dlfmaven.archive;

import io.github.dlfmaven.text.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/** The names of a package's entries, as the server chose them: untrusted, so checked before any is used. */
final class EntryNames {

    /** A Windows drive: {@code C:}. */
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:");

    private EntryNames() {}

    /**
     * The entry's name with {@code /} separators and without empty or {@code .} segments (a folder keeps its trailing
     * {@code /}), refused when it could point outside the target folder.
     */
    static String checked(ZipArchiveEntry entry) throws UnsafeArchiveException {
        String raw = entry.getName();
        String shown = LogText.escape(raw);
        if (raw.isEmpty() || raw.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("The archive has an entry with an empty or invalid name '" + shown + "'.");
        }
        if (entry.isUnixSymlink()) {
            throw new UnsafeArchiveException(
                    "Entry '" + shown + "' is a symbolic link; job packages never hold links.");
        }
        // Zips written on Windows may use backslashes; treat them as separators so "..\" is caught too.
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || DRIVE.matcher(name).lookingAt()) {
            throw new UnsafeArchiveException("Entry '" + shown + "' has an absolute path.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException(
                        "Entry '" + shown + "' contains '..' and would be written outside the output folder.");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("The archive has an entry with an empty name '" + shown + "'.");
        }
        return String.join("/", segments) + (entry.isDirectory() ? "/" : "");
    }

    /**
     * What a zip library's failure says, escaped: its messages quote entry names, which the server chose. The
     * innermost message is the telling one ("Error reading Zip content" wraps it).
     */
    static String reason(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() != null ? innermost.getMessage() : failure.getMessage();
        return LogText.escape(message == null ? innermost.getClass().getSimpleName() : message);
    }
}
