package io.github.dlfmaven.check;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Unified diffs of normalized definitions, as {@code git diff} shows them. */
final class TextDiff {

    private final int context;

    TextDiff(int context) {
        this.context = context;
    }

    /** The diff from {@code before} to {@code after}, headed {@code --- a/path} and {@code +++ b/path}. */
    List<String> unified(String path, String before, String after) {
        List<String> old = before.lines().toList();
        List<String> now = after.lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, old, DiffUtils.diff(old, now), context);
    }
}
