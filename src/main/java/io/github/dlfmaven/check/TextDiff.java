package io.github.dlfmaven.check;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

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
     * The diff from {@code before} to {@code after}, headed {@code --- a/path} and {@code +++ b/path}. Each side is
     * masked on its own: as JSON when it is JSON, as text when it is not (a merge conflict left in the committed file, a
     * key given twice), so that one broken side never leaves the other with less than its JSON masking.
     */
    List<String> unified(String path, String before, String after) {
        List<String> old = masked(before);
        List<String> now = masked(after);
        return UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, old, DiffUtils.diff(old, now), context)
                .stream()
                .map(line -> line.length() <= MAX_LINE_CHARS
                        ? line
                        : line.substring(0, MAX_LINE_CHARS) + "... (" + line.length() + " characters)")
                .toList();
    }

    private static List<String> masked(String text) {
        return SecretMask.json(text).orElseGet(() -> SecretMask.text(text));
    }
}
