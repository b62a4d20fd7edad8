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
import java.util.List;
import java.util.Optional;
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
        SnapshotFiles before = SnapshotFiles.of(committed);
        SnapshotFiles after = SnapshotFiles.of(cloud);
        TreeSet<String> paths = new TreeSet<>(before.files().keySet());
        paths.addAll(after.files().keySet());
        List<FileDrift> drift = new ArrayList<>();
        int unchanged = 0;
        int lineEndsOnly = 0;
        for (String path : paths) {
            Path old = before.files().get(path);
            Path now = after.files().get(path);
            if (old == null) {
                drift.add(FileDrift.of(path, Change.ADDED));
            } else if (now == null) {
                drift.add(FileDrift.of(path, Change.REMOVED));
            } else if (Files.mismatch(old, now) == -1) {
                unchanged++;
            } else {
                byte[] oldBytes = Files.readAllBytes(old);
                byte[] newBytes = Files.readAllBytes(now);
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
        leftOut.addAll(after.leftOut());
        return new Drift(drift, unchanged, lineEndsOnly, leftOut);
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
