package io.github.dlfmaven.promote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.check.Change;
import io.github.dlfmaven.check.Drift;
import io.github.dlfmaven.check.FileDrift;
import io.github.dlfmaven.check.SnapshotComparison;
import io.github.dlfmaven.files.ReportFile;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.SnapshotFiles;
import io.github.dlfmaven.text.LogText;
import io.github.dlfmaven.text.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import would change in the target workspace: the mapped package compared, file by file and by JSON path,
 * with the target's own export of the same jobs, the comparison {@code dlf:check} makes. A file of the package the
 * target lacks is created; one that differs is changed, or, under {@code SKIP}, kept as the target has it; a file only
 * the target has (a script its version of a job uses) is not touched by an import and is left out.
 *
 * <p>A file to create has no counterpart in the target to compare with; what the plan shows of it is what the
 * environment mapping changed in it, compared with the snapshot: on a first promotion, the mapped values are what a
 * reviewer must see.
 *
 * @param create the files the import creates
 * @param change the files it changes (with {@code OVERWRITE}) or keeps as they are (with {@code SKIP})
 * @param mapped of the files to create, those the mapping changed: each compared with the snapshot's, by path
 * @param unchanged how many files of the package the target already has as they are
 * @param overwrite whether the import replaces what has the same name ({@code OVERWRITE})
 */
public record ImportPlan(
        List<FileDrift> create,
        List<FileDrift> change,
        Map<String, FileDrift> mapped,
        int unchanged,
        boolean overwrite) {

    public static final String JSON_FILE = "plan.json";
    public static final String MARKDOWN_FILE = "plan.md";

    /** Lines of diff per changed file in {@code plan.md} and the log. */
    private static final int DIFF_LINES = 60;

    public ImportPlan {
        create = List.copyOf(create);
        change = List.copyOf(change);
        mapped = Collections.unmodifiableMap(new TreeMap<>(mapped));
    }

    /** Compares the package in a folder with the target's current state. */
    public static ImportPlan of(Path current, Path packaged, boolean overwrite) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, Path> file : SnapshotFiles.of(packaged).files().entrySet()) {
            files.put(file.getKey(), Files.readAllBytes(file.getValue()));
        }
        return of(current, files, null, overwrite);
    }

    /**
     * Compares the package, as it is uploaded, with the target's current state, and each file it creates with the
     * snapshot's own.
     *
     * @param packaged the package's definitions by their path in the snapshot layout
     * @param snapshot the snapshot the package was made from, or null
     */
    public static ImportPlan of(Path current, SortedMap<String, byte[]> packaged, Path snapshot, boolean overwrite)
            throws IOException {
        SnapshotComparison comparison = new SnapshotComparison(3);
        Drift drift = comparison.compare(current, packaged);
        List<FileDrift> create = new ArrayList<>();
        List<FileDrift> change = new ArrayList<>();
        for (FileDrift file : drift.files()) {
            if (file.change() == Change.ADDED) {
                create.add(file);
            } else if (file.change() == Change.CHANGED) {
                change.add(file);
            }
        }
        Map<String, FileDrift> mapped = new TreeMap<>();
        if (snapshot != null && !create.isEmpty()) {
            Set<String> created = new HashSet<>();
            create.forEach(file -> created.add(file.path()));
            for (FileDrift file : comparison.compare(snapshot, packaged).files()) {
                if (file.change() == Change.CHANGED && created.contains(file.path())) {
                    mapped.put(file.path(), file);
                }
            }
        }
        return new ImportPlan(create, change, mapped, drift.unchanged(), overwrite);
    }

    /** Whether the import would change nothing in the target. */
    public boolean empty() {
        return create.isEmpty() && (change.isEmpty() || !overwrite);
    }

    /** {@code 2 to create, 1 to change, 5 unchanged}. */
    public String counts() {
        return create.size() + " to create, " + change.size()
                + (overwrite ? " to change" : " that differ but are kept" + " (sameNamePolicy SKIP)") + ", " + unchanged
                + " unchanged";
    }

    /**
     * Logs the plan: a summary, then each file; for a file to change, the JSON paths that change and the first lines of
     * its diff, for one to create, what the mapping changed in it.
     */
    public void log(Log log) {
        log.info("Import plan: " + counts() + ".");
        for (FileDrift file : create) {
            log.info("  create: " + LogText.escape(file.path()));
            FileDrift mapping = mapped.get(file.path());
            if (mapping != null) {
                logDetails(log, "mapped at ", mapping);
            }
        }
        for (FileDrift file : change) {
            log.info("  " + (overwrite ? "change" : "keep (differs)") + ": " + LogText.escape(file.path()));
            logDetails(log, "at ", file);
        }
    }

    private static void logDetails(Log log, String where, FileDrift file) {
        if (!file.jsonPaths().isEmpty()) {
            log.info("    " + where + LogText.escape(String.join(", ", file.jsonPaths())));
        }
        List<String> diff =
                file.diff().subList(0, Math.min(DIFF_LINES, file.diff().size()));
        diff.forEach(line -> log.info("    " + LogText.escape(line)));
        if (diff.size() < file.diff().size()) {
            log.info("    (" + (file.diff().size() - diff.size()) + " more diff lines in " + MARKDOWN_FILE + ")");
        }
    }

    /**
     * Writes {@code plan.json} and {@code plan.md} into {@code folder}, each naming where the import goes and the
     * SHA-256 of the package that the upload will send.
     */
    public void write(Path folder, ImportTarget target, String packageSha256) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("target", target.toJson());
        root.put("packageSha256", packageSha256);
        root.putObject("summary")
                .put("create", create.size())
                .put("change", overwrite ? change.size() : 0)
                .put("keep", overwrite ? 0 : change.size())
                .put("unchanged", unchanged);
        ArrayNode files = root.putArray("files");
        for (FileDrift file : create) {
            ObjectNode entry = files.addObject().put("path", file.path()).put("action", "create");
            if (mapped.containsKey(file.path())) {
                mapped.get(file.path()).jsonPaths().forEach(entry.withArray("mappedPaths")::add);
            }
        }
        for (FileDrift file : change) {
            ObjectNode entry = files.addObject().put("path", file.path()).put("action", overwrite ? "change" : "keep");
            file.jsonPaths().forEach(entry.withArray("jsonPaths")::add);
        }
        ReportFile.writeJson(folder.resolve(JSON_FILE), root);
        StringBuilder md = new StringBuilder("## DLF import plan\n\n**")
                .append(counts())
                .append(".**\n\n| into | |\n|---|---|\n| workspace | ")
                .append(Markdown.code(target.workspace().orElse("(the default workspace)")))
                .append(" |\n| project | ")
                .append(Markdown.code(target.projectId()))
                .append(" |\n| endpoint | ")
                .append(Markdown.code(target.endpoint().toString()))
                .append(" |\n| OBS | ")
                .append(Markdown.code(target.obsFolder() + " at " + target.obsEndpoint()))
                .append(" |\n| credentials | ")
                .append(Markdown.code(target.credentials()))
                .append(" |\n| package SHA-256 | ")
                .append(Markdown.code(packageSha256))
                .append(" |\n");
        if (!create.isEmpty() || !change.isEmpty()) {
            md.append("\n| action | file |\n|---|---|\n");
            create.forEach(f ->
                    md.append("| create | ").append(Markdown.code(f.path())).append(" |\n"));
            change.forEach(f -> md.append("| ")
                    .append(overwrite ? "change" : "keep")
                    .append(" | ")
                    .append(Markdown.code(f.path()))
                    .append(" |\n"));
        }
        for (FileDrift file : mapped.values()) {
            details(md, file, " (created; the environment mapping changed it from the snapshot's)", "Mapped at ");
        }
        for (FileDrift file : change) {
            details(md, file, "", "At ");
        }
        ReportFile.write(folder.resolve(MARKDOWN_FILE), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A file's section of {@code plan.md}: its JSON paths and the first lines of its diff. */
    private static void details(StringBuilder md, FileDrift file, String headingNote, String where) {
        md.append("\n### ")
                .append(Markdown.code(file.path()))
                .append(headingNote)
                .append("\n\n");
        if (!file.jsonPaths().isEmpty()) {
            md.append(where)
                    .append(Markdown.code(String.join(", ", file.jsonPaths())))
                    .append(".\n\n");
        }
        md.append(Markdown.block(
                "diff",
                String.join(
                        "\n",
                        file.diff().subList(0, Math.min(DIFF_LINES, file.diff().size())))));
    }
}
