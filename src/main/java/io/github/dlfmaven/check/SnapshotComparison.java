package io.github.dlfmaven.check;

import io.github.dlfmaven.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Compares, file by file, a snapshot the cloud just exported with the committed one. Both were written by the same
 * normalization, so equal bytes mean the same definition, and a file of the same size is compared byte by byte
 * without being read into memory. Only changed files are read, to say what changed in them.
 */
public final class SnapshotComparison {

    private final JsonChanges jsonChanges = new JsonChanges();
    private final TextDiff textDiff;

    /** @param diffContext lines of context around each change in the unified diffs */
    public SnapshotComparison(int diffContext) {
        this.textDiff = new TextDiff(diffContext);
    }

    /**
     * @param committed the snapshot in git; a folder that does not exist is an empty snapshot
     * @param cloud what the cloud exported just now
     */
    public Drift compare(Path committed, Path cloud) throws IOException {
        SnapshotFiles after = SnapshotFiles.of(cloud);
        return compare(committed, after.files(), after.leftOut());
    }

    /**
     * Compares a snapshot on disk with one held in memory (an import's package, as it is uploaded), by path.
     *
     * @param other the files by their path in the snapshot layout, with {@code /}
     */
    public Drift compare(Path committed, SortedMap<String, byte[]> other) throws IOException {
        return compare(committed, other, List.of());
    }

    /** @param after each file as a {@link Path} to read, or its bytes */
    private Drift compare(Path committed, Map<String, ?> after, List<String> afterLeftOut) throws IOException {
        SnapshotFiles before = SnapshotFiles.of(committed);
        TreeSet<String> paths = new TreeSet<>(before.files().keySet());
        paths.addAll(after.keySet());
        List<FileDrift> drift = new ArrayList<>();
        int unchanged = 0;
        int lineEndsOnly = 0;
        for (String path : paths) {
            Path old = before.files().get(path);
            Object now = after.get(path);
            if (old == null) {
                drift.add(FileDrift.of(path, Change.ADDED));
            } else if (now == null) {
                drift.add(FileDrift.of(path, Change.REMOVED));
            } else if (same(old, now)) {
                unchanged++;
            } else {
                byte[] oldBytes = Files.readAllBytes(old);
                byte[] newBytes = now instanceof Path file ? Files.readAllBytes(file) : (byte[]) now;
                Optional<String> oldText = text(oldBytes);
                Optional<String> newText = text(newBytes);
                if (oldText.isPresent()
                        && newText.isPresent()
                        && lf(oldText.get()).equals(lf(newText.get()))) {
                    unchanged++;
                    lineEndsOnly++;
                } else {
                    drift.add(changed(path, oldText, newText));
                }
            }
        }
        List<String> leftOut = new ArrayList<>(before.leftOut());
        leftOut.addAll(afterLeftOut);
        return new Drift(drift, unchanged, lineEndsOnly, leftOut);
    }

    /** Equal bytes; a file of another size is not read at all, one of the same size compared without loading it. */
    private static boolean same(Path old, Object now) throws IOException {
        if (now instanceof Path file) {
            return Files.mismatch(old, file) == -1;
        }
        byte[] bytes = (byte[]) now;
        return Files.size(old) == bytes.length && Arrays.equals(Files.readAllBytes(old), bytes);
    }

    /** A checkout with git's core.autocrlf writes CRLF where the export wrote LF: the same definition. */
    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    private FileDrift changed(String path, Optional<String> oldText, Optional<String> newText) {
        if (oldText.isEmpty() || newText.isEmpty()) {
            return new FileDrift(path, Change.CHANGED, List.of(), List.of(), "a binary file");
        }
        List<String> jsonPaths = jsonChanges.paths(oldText.get(), newText.get());
        String before = lf(oldText.get());
        String after = lf(newText.get());
        long beforeLines = before.lines().count();
        long afterLines = after.lines().count();
        if (beforeLines + afterLines > TextDiff.MAX_LINES) {
            return new FileDrift(
                    path,
                    Change.CHANGED,
                    jsonPaths,
                    List.of(),
                    "too large to show as a diff (" + beforeLines + " and " + afterLines + " lines)");
        }
        List<String> diff = textDiff.unified(path, before, after);
        return new FileDrift(
                path,
                Change.CHANGED,
                jsonPaths,
                diff,
                diff.isEmpty() ? "only secret values, masked here, differ" : null);
    }

    /** The bytes as UTF-8 text, or empty for a binary file. */
    private static Optional<String> text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
