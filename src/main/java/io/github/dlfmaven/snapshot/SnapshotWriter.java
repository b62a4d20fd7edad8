package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.archive.ExtractedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds a new snapshot beside the old one and swaps it in only when everything succeeded.
 *
 * <p>All work happens in a hidden folder inside the output folder ({@code .dlf-work-*}), so nothing is
 * ever written outside it, and the swap is a handful of renames on one file system. Until
 * {@link #commit()} the output folder keeps its old content; {@link #close()} without a commit removes
 * every trace, including the output folder itself if this writer created it.
 *
 * <p>The output folder belongs to the plugin: a commit replaces everything in it.
 */
public final class SnapshotWriter implements AutoCloseable {

    static final String WORK_PREFIX = ".dlf-work-";
    static final String RESCUE_PREFIX = ".dlf-rescue-";

    private final Path output;
    private final Path work;
    private final Path tree;
    private final List<Path> createdDirectories;
    private final Map<String, Origin> origins = new HashMap<>();
    private int folders;
    private boolean committed;
    private boolean closed;
    private boolean keepWork;

    private record Origin(String job, String sha256) {}

    private SnapshotWriter(Path output, Path work, List<Path> createdDirectories) throws IOException {
        this.output = output;
        this.work = work;
        this.tree = Files.createDirectory(work.resolve("tree"));
        this.createdDirectories = createdDirectories;
    }

    /** Prepares a new snapshot of {@code outputDirectory}, creating the folder if needed. */
    public static SnapshotWriter open(Path outputDirectory) throws IOException {
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
        try (DirectoryStream<Path> rescued = Files.newDirectoryStream(output, RESCUE_PREFIX + "*")) {
            for (Path folder : rescued) {
                throw new IOException("An earlier export could not restore " + output + " and left the previous snapshot's"
                        + " files in " + folder + ". Move them back by hand and delete that folder before exporting again.");
            }
        }
        removeStaleWork(output);
        Path work = Files.createDirectory(output.resolve(WORK_PREFIX + UUID.randomUUID()));
        return new SnapshotWriter(output, work, created);
    }

    /** A crashed earlier run can leave its work folder behind; it never holds anything worth keeping. */
    private static void removeStaleWork(Path output) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(output, WORK_PREFIX + "*")) {
            for (Path folder : stale) {
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
     * same content is written once; different content for the same path is a conflict.
     *
     * @param folder where {@code files} were extracted
     * @return how many of the files were new to the snapshot
     */
    public synchronized int add(String job, Path folder, List<ExtractedFile> files)
            throws IOException, SnapshotConflictException {
        int added = 0;
        for (ExtractedFile file : files) {
            if (file.path().startsWith(WORK_PREFIX) || file.path().startsWith(RESCUE_PREFIX)) {
                throw new SnapshotConflictException("Job '" + job + "' brings " + file.path() + ", a name this plugin"
                        + " reserves for its work folder; rename it in DataArts Factory.");
            }
            Origin earlier = origins.get(file.path());
            if (earlier != null) {
                if (!earlier.sha256().equals(file.sha256())) {
                    throw new SnapshotConflictException("Jobs '" + earlier.job() + "' and '" + job
                            + "' bring different content for " + file.path()
                            + "; export them in separate executions or make the two definitions agree in DataArts Factory.");
                }
                continue;
            }
            Path target = tree.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.move(folder.resolve(file.path()), target);
            origins.put(file.path(), new Origin(job, file.sha256()));
            added++;
        }
        return added;
    }

    /**
     * Replaces the output folder's content with the new snapshot. On failure the old content is put back.
     */
    public synchronized void commit() throws IOException {
        Path old = Files.createDirectory(work.resolve("old"));
        List<Path> previous = entries(output);
        List<Path[]> done = new ArrayList<>();
        try {
            for (Path entry : previous) {
                Path parked = old.resolve(entry.getFileName().toString());
                Files.move(entry, parked);
                done.add(new Path[] {entry, parked});
            }
            for (Path entry : entries(tree)) {
                Path placed = output.resolve(entry.getFileName().toString());
                Files.move(entry, placed);
                done.add(new Path[] {entry, placed});
            }
        } catch (IOException e) {
            for (int i = done.size() - 1; i >= 0; i--) {
                try {
                    Files.move(done.get(i)[1], done.get(i)[0]);
                } catch (IOException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            if (e.getSuppressed().length > 0) {
                // Some of the old snapshot may still be parked in the work folder: keep it, under a name that
                // later exports neither clean up nor replace, and that makes them stop until someone looks.
                keepWork = true;
                Path rescue = output.resolve(RESCUE_PREFIX + work.getFileName().toString().substring(WORK_PREFIX.length()));
                try {
                    Files.move(work, rescue);
                } catch (IOException notMoved) {
                    e.addSuppressed(notMoved);
                    rescue = work;
                }
                throw new IOException("Replacing " + output + " failed and could not be fully undone; the previous"
                        + " snapshot's remaining files are in " + rescue.resolve("old")
                        + ": move them back by hand, then delete " + rescue + ".", e);
            }
            throw e;
        }
        committed = true;
    }

    /** Entries of a folder other than work folders, in name order. */
    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(WORK_PREFIX)
                    && !p.getFileName().toString().startsWith(RESCUE_PREFIX)).sorted().toList();
        }
    }

    /** Removes the work area; without a commit also the folders {@link #open} created. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (keepWork) {
            return;
        }
        deleteTree(work);
        if (!committed) {
            for (Path created : createdDirectories) {
                try (Stream<Path> list = Files.list(created)) {
                    if (list.findAny().isPresent()) {
                        break;
                    }
                }
                Files.delete(created);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
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
