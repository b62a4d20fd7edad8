package io.github.dlfmaven.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Swaps a new snapshot into the output folder so that an interruption at any point (a crash, a kill, an error
 * in the middle of the renames) can be undone: before the first rename, the names of the entries that will be
 * moved out ({@code old}) and in ({@code new}) are written to a journal in the work folder. While the journal
 * exists, the work folder may hold the only copy of the previous snapshot; {@link #rollBack} then puts it back.
 * The journal is removed once every rename is done, and only then is the work folder deleted.
 *
 * <p>The commit moves every old entry into {@code work/old} first, then every new one from {@code work/tree}
 * into the output folder. So the state on disk is always one of: old entries partly parked (and no new one in
 * place), or all old entries parked and new ones partly in place. Rolling back moves the new entries back to
 * the tree, then the old ones back into the output folder; it can itself be interrupted and run again.
 */
final class CommitJournal {

    static final String FILE_NAME = "journal.json";
    static final String OLD = "old";
    static final String TREE = "tree";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rename; tests put their own in to see every state on the way. */
    @FunctionalInterface
    interface Renamer {
        Renamer FILES = (from, to) -> Files.move(from, to);

        void rename(Path from, Path to) throws IOException;
    }

    private final Path output;
    private final Path work;
    private final Renamer renamer;

    CommitJournal(Path output, Path work, Renamer renamer) {
        this.output = output;
        this.work = work;
        this.renamer = renamer;
    }

    /** Whether {@code work} holds an unfinished commit. */
    static boolean pending(Path work) {
        return Files.exists(work.resolve(FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Replaces the output folder's entries {@code previous} by the entries of {@code work/tree}. On any failure the
     * old content is put back; if even that fails, the journal stays for the next export to finish the job.
     *
     * @throws IncompleteRollbackException the commit failed and could not be fully undone
     */
    void commit(List<String> previous) throws IOException {
        List<String> fresh = SnapshotWriter.names(work.resolve(TREE));
        Files.createDirectory(work.resolve(OLD));
        write(previous, fresh);
        try {
            for (String name : previous) {
                renamer.rename(output.resolve(name), work.resolve(OLD).resolve(name));
            }
            for (String name : fresh) {
                renamer.rename(work.resolve(TREE).resolve(name), output.resolve(name));
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                rollBack();
            } catch (IOException | RuntimeException | Error rollback) {
                e.addSuppressed(rollback);
                throw new IncompleteRollbackException(
                        "Replacing " + output + " failed (" + e.getMessage() + ") and could"
                                + " not be fully undone; the previous snapshot's remaining files are kept in "
                                + work.resolve(OLD)
                                + ". The next export puts them back before it does anything else; to do it by hand, move them"
                                + " into " + output + " and delete " + work + ".",
                        e);
            }
            throw e;
        }
        Files.delete(work.resolve(FILE_NAME));
    }

    /**
     * Undoes an unfinished commit as the journal records it, leaving the output folder exactly as it was before.
     * Running it again after an interruption is safe.
     */
    void rollBack() throws IOException {
        JsonNode journal;
        try {
            journal = JSON.readTree(work.resolve(FILE_NAME).toFile());
        } catch (IOException e) {
            throw new IOException(
                    "The journal " + work.resolve(FILE_NAME) + " of an interrupted export cannot be read ("
                            + e.getMessage() + "); the previous snapshot's files may be in " + work.resolve(OLD)
                            + ": move them into " + output + " by hand and delete " + work + ".",
                    e);
        }
        List<String> old = names(journal, OLD);
        List<String> fresh = names(journal, "new");
        Path parked = work.resolve(OLD);
        Path tree = work.resolve(TREE);
        // A new entry is in the output folder only after all old ones were parked; one of a name the old snapshot
        // also had is new only while the old one is still parked.
        for (String name : reversed(fresh)) {
            Path placed = output.resolve(name);
            boolean isNew = !old.contains(name) || exists(parked.resolve(name));
            if (isNew && exists(placed) && !exists(tree.resolve(name))) {
                renamer.rename(placed, tree.resolve(name));
            }
        }
        for (String name : reversed(old)) {
            Path back = output.resolve(name);
            if (exists(parked.resolve(name))) {
                if (exists(back)) {
                    throw new IOException("Cannot put " + parked.resolve(name) + " back: " + back + " exists. Move the"
                            + " previous snapshot's files from " + parked + " into " + output + " by hand and delete "
                            + work + ".");
                }
                renamer.rename(parked.resolve(name), back);
            }
        }
        Files.delete(work.resolve(FILE_NAME));
    }

    private void write(List<String> old, List<String> fresh) throws IOException {
        ObjectNode journal = JSON.createObjectNode().put("format", 1);
        old.forEach(journal.putArray(OLD)::add);
        fresh.forEach(journal.putArray("new")::add);
        Path temporary = work.resolve(FILE_NAME + ".part");
        try (FileChannel channel =
                FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(journal)));
            channel.force(true);
        }
        // Appears whole or not at all; without it, the work folder holds nothing of the previous snapshot.
        Files.move(temporary, work.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The journal's names, each refused unless it is one plain name inside a folder. */
    private List<String> names(JsonNode journal, String field) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode name : journal.path(field)) {
            String text = name.asText("");
            // The same rule as for the names the commit wrote: one name inside the folder, whatever else it holds.
            if (text.isEmpty()
                    || text.equals(".")
                    || text.equals("..")
                    || text.contains("/")
                    || text.indexOf('\0') >= 0) {
                throw new IOException("The journal " + work.resolve(FILE_NAME) + " names '" + text
                        + "', which is not an"
                        + " entry of " + output + "; move the previous snapshot's files from " + work.resolve(OLD)
                        + " back by hand and delete " + work + ".");
            }
            names.add(text);
        }
        return names;
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.reverse(copy);
        return copy;
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** A failed commit whose rollback failed too; the journal stays, and the next export finishes the rollback. */
    static final class IncompleteRollbackException extends IOException {
        private static final long serialVersionUID = 1L;

        IncompleteRollbackException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
