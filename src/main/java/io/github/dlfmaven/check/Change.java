package io.github.dlfmaven.check;

import java.util.Locale;

/** How a file of the cloud's export differs from the committed snapshot. */
public enum Change {
    /** In the cloud, not in the snapshot. */
    ADDED,
    /** In both, with other bytes. */
    CHANGED,
    /** In the snapshot, not in the cloud. */
    REMOVED;

    /** As the reports write it: {@code added}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
