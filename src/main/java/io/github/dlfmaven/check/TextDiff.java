package io.github.dlfmaven.check;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;
import java.util.Optional;

/**
 * Unified diffs of normalized definitions, as {@code git diff} shows them, with secret values masked and each line
 * cut to a readable length. The diff's time grows with the product of the two sizes when most lines differ, so files
 * beyond {@link #MAX_LINES} together get no diff (their JSON paths still say what changed).
 */
final class TextDiff {

    static final int MAX_LINES = 20_000;
    static final int MAX_LINE_CHARS = 400;

    private final int context;

    TextDiff(int context) {
        this.context = context;
    }

    /**
     * The diff from {@code before} to {@code after}, headed {@code --- a/path} and {@code +++ b/path}. Both are masked
     * as JSON when both are JSON, and line by line as text otherwise, so that the two sides are masked alike.
     */
    List<String> unified(String path, String before, String after) {
        Optional<List<String>> oldJson = SecretMask.json(before);
        Optional<List<String>> newJson = oldJson.isPresent() ? SecretMask.json(after) : Optional.empty();
        List<String> old = newJson.isPresent() ? oldJson.get() : SecretMask.text(before);
        List<String> now = newJson.isPresent() ? newJson.get() : SecretMask.text(after);
        return UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, old, DiffUtils.diff(old, now), context)
                .stream()
                .map(line -> line.length() <= MAX_LINE_CHARS
                        ? line
                        : line.substring(0, MAX_LINE_CHARS) + "... (" + line.length() + " characters)")
                .toList();
    }
}
