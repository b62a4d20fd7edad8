package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.archive.ExtractionTarget;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.files.FolderLock;
import io.github.dlfmaven.files.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds a new snapshot beside the old one and swaps it in only when everything succeeded.
 *
 * <p>All work happens in a hidden folder inside the output folder ({@code .dlf-work-*}), so nothing is
 * ever written outside it, and the swap is a handful of renames on one file system, recorded in a journal
 * ({@link CommitJournal}) so that an interrupted swap is undone by the next export before anything else. The
 * folder is locked for the whole export ({@link FolderLock}). Until {@link #commit()} the output folder keeps its
 * old content; {@link #close()} without a commit removes every trace, including the output folder itself if this
 * writer created it. After a commit only the snapshot is left: no lock file, no work folder.
 *
 * <p>The output folder belongs to the plugin: a commit replaces everything in it.
 */
public final class SnapshotWriter implements AutoCloseable {

    static final String WORK_PREFIX = ".dlf-work-";

    /** Whether an entry of the output folder is the plugin's own (a work folder, the lock) rather than the snapshot's. */
    static boolean reserved(String name) {
        return name.startsWith(WORK_PREFIX) || name.equals(FolderLock.FILE_NAME);
    }

    private final Path output;
    private final Path work;
    private final StagingTree tree;
    private final FolderLock lock;
    private final CommitJournal journal;
    private final List<Path> createdDirectories;
    private int folders;
    private boolean committed;
    private SnapshotChanges changes;
    private final Thread onShutdown;
    private boolean closed;
    private boolean keepWork;

    private SnapshotWriter(
            Path output,
            Path work,
            FolderLock lock,
            List<Path> createdDirectories,
            CommitJournal.Renamer renamer,
            SettingNames names)
            throws IOException {
        this.output = output;
        this.work = work;
        this.lock = lock;
        this.tree = new StagingTree(
                Files.createDirectory(work.resolve(CommitJournal.TREE)),
                new PreviousSnapshot(output.toRealPath()),
                names);
        this.journal = new CommitJournal(output, work, renamer);
        this.createdDirectories = createdDirectories;
        // A build stopped with Ctrl-C or by CI runs shutdown hooks: the work area and the lock go then too, as after a
        // failure. A commit under way finishes first (close waits for it), or its journal stays for the next export.
        this.onShutdown = new Thread(this::closeQuietly, "dlf-snapshot-cleanup");
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // The JVM is going down; what is left, the next export removes.
        }
    }

    /**
     * Prepares a new snapshot of {@code outputDirectory}, creating the folder if needed, after locking it and
     * undoing whatever an interrupted earlier export left half done.
     *
     * @throws io.github.dlfmaven.files.FolderLockedException another run is writing to the folder
     */
    public static SnapshotWriter open(Path outputDirectory) throws IOException {
        return open(outputDirectory, SettingNames.PLAIN);
    }

    /** @param names how the front end spells settings (the output folder, excludes) in messages */
    public static SnapshotWriter open(Path outputDirectory, SettingNames names) throws IOException {
        return open(outputDirectory, names, CommitJournal.Renamer.FILES);
    }

    static SnapshotWriter open(Path outputDirectory, CommitJournal.Renamer renamer) throws IOException {
        return open(outputDirectory, SettingNames.PLAIN, renamer);
    }

    static SnapshotWriter open(Path outputDirectory, SettingNames names, CommitJournal.Renamer renamer)
            throws IOException {
        Path output = outputDirectory.toAbsolutePath().normalize();
        // Modules of a parallel build may export into sibling folders of a parent that none has made yet.
        List<Path> created = Folders.create(output);
        FolderLock lock;
        try {
            lock = FolderLock.acquire(output, "dlf:export", names.where(Setting.OUTPUT_DIRECTORY));
        } catch (IOException e) {
            removeCreated(created);
            throw e;
        }
        try {
            recover(output, renamer);
            Path work = Files.createDirectory(output.resolve(WORK_PREFIX + UUID.randomUUID()));
            return new SnapshotWriter(output, work, lock, created, renamer, names);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Finishes what earlier exports left: an unfinished commit is rolled back, so the previous snapshot is whole
     * again; then the work folders go, which hold nothing of any snapshot any more.
     */
    private static void recover(Path output, CommitJournal.Renamer renamer) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(output, WORK_PREFIX + "*")) {
            for (Path folder : stale) {
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && CommitJournal.pending(folder)) {
                    try {
                        new CommitJournal(output, folder, renamer).rollBack();
                    } catch (IOException e) {
                        throw new IOException(
                                "An earlier export into " + output + " was interrupted while it replaced"
                                        + " the snapshot, and putting the previous snapshot back failed: "
                                        + e.getMessage(),
                                e);
                    }
                }
                deleteTree(folder);
            }
        }
    }

    /** A fresh, empty folder inside the work area, for a download or an extraction. */
    public synchronized Path newWorkFolder() throws IOException {
        return Files.createDirectory(work.resolve("part-" + (++folders)));
    }

    /**
     * Where the package of {@code job} (a job's name, or a label for a batch) is extracted to: straight into the new
     * snapshot, see {@link StagingTree} for what is a conflict.
     *
     * @param scratch a folder from {@link #newWorkFolder()}, for entries too large to hold in memory
     */
    public ExtractionTarget<SnapshotConflictException> target(String job, Path scratch) {
        return tree.target(job, scratch);
    }

    /** How many files the new snapshot holds so far. */
    public int files() {
        return tree.files();
    }

    /** How the new snapshot differs from the previous one; known once committed. */
    public synchronized SnapshotChanges changes() {
        if (changes == null) {
            throw new IllegalStateException("not committed");
        }
        return changes;
    }

    /** Replaces the output folder's content with the new snapshot. On failure the old content is put back. */
    public synchronized void commit() throws IOException {
        if (closed) {
            throw new IOException("The export was stopped before its snapshot was committed.");
        }
        List<String> previous = entries(output);
        int changed = tree.files(PreviousSnapshot.Kept.CHANGED);
        int unchanged = tree.files(PreviousSnapshot.Kept.LINKED) + tree.files(PreviousSnapshot.Kept.SAME);
        int removed = Math.max(0, countFiles(output, previous) - changed - unchanged);
        try {
            journal.commit(previous);
        } catch (CommitJournal.IncompleteRollbackException e) {
            keepWork = true; // it holds the previous snapshot's files, and the journal that restores them
            throw e;
        }
        committed = true;
        changes = new SnapshotChanges(changed, tree.files(PreviousSnapshot.Kept.ADDED), removed, unchanged);
    }

    /** The regular files below the named entries of a folder, links not followed. */
    private static int countFiles(Path folder, List<String> names) throws IOException {
        int[] count = {0};
        for (String name : names) {
            Files.walkFileTree(folder.resolve(name), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        count[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return count[0];
    }

    /** Entries of a folder other than the plugin's own (work folders, the lock), in name order. */
    private static List<String> entries(Path folder) throws IOException {
        return names(folder).stream().filter(name -> !reserved(name)).toList();
    }

    /** The names in a folder, in name order. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Removes the work area and the lock; without a commit also the folders {@link #open} created. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != onShutdown) {
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook will find this writer closed.
            }
        }
        // While a journal is pending the work folder may hold the only copy of the previous snapshot: it stays for the
        // next export to restore, whatever went wrong (an Error in the middle of a rollback included).
        boolean keep = keepWork || CommitJournal.pending(work);
        try {
            if (!keep) {
                deleteTree(work);
            }
        } finally {
            lock.close();
        }
        if (!committed && !keep) {
            removeCreated(createdDirectories);
        }
    }

    /** Removes the folders {@code open} created, innermost first, stopping at one that someone else filled meanwhile. */
    private static void removeCreated(List<Path> created) throws IOException {
        for (Path folder : created) {
            try (Stream<Path> list = Files.list(folder)) {
                if (list.findAny().isPresent()) {
                    break;
                }
            }
            try {
                Files.delete(folder);
            } catch (DirectoryNotEmptyException e) {
                break; // a parallel run wrote into it since the look
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
