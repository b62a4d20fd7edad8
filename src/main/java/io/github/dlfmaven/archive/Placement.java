package io.github.dlfmaven.archive;

/**
 * Where the entries of a package go, decided by whoever extracts it (the snapshot's layout, say): the extraction
 * itself only makes sure that no entry leaves its target.
 */
public interface Placement {

    /**
     * The path an entry is written to, relative to the target, with {@code /} separators.
     *
     * @param entryName the entry's name, already checked: relative, no {@code ..}, {@code /} separators
     */
    String destination(String entryName);

    /** Whether the file at {@code destination} is a JSON document to be normalized (see {@link JsonNormalizer}). */
    boolean normalizes(String destination);

    /** Every entry at its own path, nothing normalized. */
    Placement AS_IS = new Placement() {
        @Override
        public String destination(String entryName) {
            return entryName;
        }

        @Override
        public boolean normalizes(String destination) {
            return false;
        }
    };
}
