package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.log.LogText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds a new snapshot beside the old one and swaps it in only when everything succeeded.
 *
 * <p>All work happens in a hidden folder inside the output folder ({@code .dlf-work-*}), so nothing is
 * ever written outside it, and the swap is a handful of renames on one file system, recorded in a journal
 * ({@link CommitJournal}) so that an interrupted swap is undone by the next export before anything else. The
 * folder is locked for the whole export ({@link OutputLock}). Until {@link #commit()} the output folder keeps its
 * old content; {@link #close()} without a commit removes every trace, including the output folder itself if this
 * writer created it. After a commit only the snapshot is left: no lock file, no work folder.
 *
 * <p>The output folder belongs to the plugin: a commit replaces everything in it.
 */
public final class SnapshotWriter implements AutoCloseable {

    static final String WORK_PREFIX = ".dlf-work-";

    private final Path output;
    private final Path work;
    private final Path tree;
    private final OutputLock lock;
    private final CommitJournal journal;
    private final List<Path> createdDirectories;
    private final Map<String, Origin> origins = new HashMap<>();
    private int folders;
    private boolean committed;
    private boolean closed;
    private boolean keepWork;

    private record Origin(String job, String sha256) {}

    private SnapshotWriter(
            Path output, Path work, OutputLock lock, List<Path> createdDirectories, CommitJournal.Renamer renamer)
            throws IOException {
        this.output = output;
        this.work = work;
        this.lock = lock;
        this.tree = Files.createDirectory(work.resolve(CommitJournal.TREE));
        this.journal = new CommitJournal(output, work, renamer);
        this.createdDirectories = createdDirectories;
    }

    /**
     * Prepares a new snapshot of {@code outputDirectory}, creating the folder if needed, after locking it and
     * undoing whatever an interrupted earlier export left half done.
     *
     * @throws OutputLockedException another export is writing to the folder
     */
    public static SnapshotWriter open(Path outputDirectory) throws IOException {
        return open(outputDirectory, SettingNames.PLAIN);
    }

    /** @param names how the front end spells the output folder's setting in messages */
    public static SnapshotWriter open(Path outputDirectory, SettingNames names) throws IOException {
        return open(outputDirectory, names, CommitJournal.Renamer.FILES);
    }

    static SnapshotWriter open(Path outputDirectory, CommitJournal.Renamer renamer) throws IOException {
        return open(outputDirectory, SettingNames.PLAIN, renamer);
    }

    static SnapshotWriter open(Path outputDirectory, SettingNames names, CommitJournal.Renamer renamer)
            throws IOException {
        Path output = outputDirectory.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = output; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(0, p);
        }
        OutputLock lock;
        try {
            lock = OutputLock.acquire(output, names);
        } catch (IOException e) {
            removeCreated(created);
            throw e;
        }
        try {
            recover(output, renamer);
            Path work = Files.createDirectory(output.resolve(WORK_PREFIX + UUID.randomUUID()));
            return new SnapshotWriter(output, work, lock, created, renamer);
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
     * Moves one job's extracted files into the new snapshot. A file another job already brought with the
     * same content is written once; different content for the same path is a conflict, and so are two paths
     * the file system cannot hold apart (names differing only in case on macOS or Windows, a file where
     * another job needs a folder).
     *
     * @param folder where {@code files} were extracted
     * @return how many of the files were new to the snapshot
     */
    public synchronized int add(String job, Path folder, List<ExtractedFile> files)
            throws IOException, SnapshotConflictException {
        int added = 0;
        for (ExtractedFile file : files) {
            if (file.path().startsWith(WORK_PREFIX) || file.path().equals(OutputLock.FILE_NAME)) {
                throw new SnapshotConflictException(
                        "Job '" + LogText.escape(job) + "' brings " + LogText.escape(file.path())
                                + ", a name this plugin reserves for its work folder; rename it in DataArts Factory.");
            }
            Origin earlier = origins.get(file.path());
            if (earlier != null) {
                if (!earlier.sha256().equals(file.sha256())) {
                    throw new SnapshotConflictException(
                            "Jobs '" + LogText.escape(earlier.job()) + "' and '"
                                    + LogText.escape(job) + "' bring different content for "
                                    + LogText.escape(file.path())
                                    + "; export them in separate executions or make the two definitions agree in DataArts Factory.");
                }
                continue;
            }
            Path target = tree.resolve(file.path());
            try {
                Files.createDirectories(target.getParent());
                Files.move(folder.resolve(file.path()), target);
            } catch (FileSystemException e) {
                // FileAlreadyExists, NotDirectory and the like: the path is taken by another job's file or folder.
                Map.Entry<String, Origin> clash = clashing(file.path());
                if (clash == null) {
                    throw e;
                }
                throw new SnapshotConflictException(
                        "Jobs '" + LogText.escape(clash.getValue().job()) + "' and '"
                                + LogText.escape(job) + "' bring " + LogText.escape(clash.getKey()) + " and "
                                + LogText.escape(file.path())
                                + ", which this file system cannot hold side by side (a file and a"
                                + " folder of the same name, or names that differ only in case); rename one in DataArts Factory.");
            }
            origins.put(file.path(), new Origin(job, file.sha256()));
            added++;
        }
        return added;
    }

    /** The file already in the snapshot that {@code path} collides with: same name but for case, or a folder of it. */
    private Map.Entry<String, Origin> clashing(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Origin> entry : origins.entrySet()) {
            String other = entry.getKey().toLowerCase(Locale.ROOT);
            if (other.equals(lower) || lower.startsWith(other + "/") || other.startsWith(lower + "/")) {
                return entry;
            }
        }
        return null;
    }

    /** Replaces the output folder's content with the new snapshot. On failure the old content is put back. */
    public synchronized void commit() throws IOException {
        try {
            journal.commit(entries(output));
        } catch (CommitJournal.IncompleteRollbackException e) {
            keepWork = true; // it holds the previous snapshot's files, and the journal that restores them
            throw e;
        }
        committed = true;
    }

    /** Entries of a folder other than the plugin's own (work folders, the lock), in name order. */
    private static List<String> entries(Path folder) throws IOException {
        return names(folder).stream()
                .filter(name -> !name.startsWith(WORK_PREFIX) && !name.equals(OutputLock.FILE_NAME))
                .toList();
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
            Files.delete(folder);
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
