package io.github.dlfmaven.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.files.ReportFile;
import io.github.dlfmaven.text.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The drift as files for machines and people: {@code drift.json} ({@code summary} with the counts, {@code files} with
 * each file's path and change) and {@code drift.md}, the same as Markdown ready to paste into a pull-request comment.
 * Paths are relative to the snapshot root, with {@code /}; no absolute path of the machine goes into either.
 */
public final class DriftReport {

    public static final String JSON_FILE = "drift.json";
    public static final String MARKDOWN_FILE = "drift.md";

    /** Diff lines in {@code drift.md}, all files together. */
    static final int MARKDOWN_DIFF_LINES = 600;
    /** A pull-request comment holds 65,536 characters (GitHub's limit); the report stays below with room to spare. */
    static final int MARKDOWN_CHARS = 60_000;
    /** Rows of the file table and JSON paths per file in {@code drift.md}; {@code drift.json} has them all. */
    static final int MARKDOWN_ROWS = 200;

    static final int MARKDOWN_PATHS = 20;

    private DriftReport() {}

    /** Removes the reports of an earlier run, so that a run that fails before comparing leaves none to misread. */
    public static void clear(Path folder) throws IOException {
        Files.deleteIfExists(folder.resolve(JSON_FILE));
        Files.deleteIfExists(folder.resolve(MARKDOWN_FILE));
    }

    /** Writes both reports into {@code folder}; {@code snapshotName} names the committed snapshot in the Markdown. */
    public static void write(Drift drift, Path folder, String snapshotName) throws IOException {
        ReportFile.writeJson(folder.resolve(JSON_FILE), json(drift));
        ReportFile.write(
                folder.resolve(MARKDOWN_FILE), markdown(drift, snapshotName).getBytes(StandardCharsets.UTF_8));
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static ObjectNode json(Drift drift) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("added", drift.count(Change.ADDED));
        summary.put("changed", drift.count(Change.CHANGED));
        summary.put("removed", drift.count(Change.REMOVED));
        summary.put("unchanged", drift.unchanged());
        ArrayNode files = root.putArray("files");
        for (FileDrift file : drift.files()) {
            ObjectNode entry = files.addObject();
            entry.put("path", file.path());
            entry.put("change", file.change().label());
            if (!file.jsonPaths().isEmpty()) {
                ArrayNode paths = entry.putArray("jsonPaths");
                file.jsonPaths().forEach(paths::add);
            }
        }
        return root;
    }

    static String markdown(Drift drift, String snapshotName) {
        StringBuilder md = new StringBuilder("## DLF drift\n\n");
        if (drift.none()) {
            md.append("No drift: the cloud matches ")
                    .append(Markdown.code(snapshotName))
                    .append(" (")
                    .append(Drift.files(drift.unchanged()))
                    .append(" unchanged).\n");
            return md.toString();
        }
        md.append("**")
                .append(drift.counts())
                .append("** between the cloud and ")
                .append(Markdown.code(snapshotName))
                .append(".\n\n| change | file |\n|---|---|\n");
        List<FileDrift> files = drift.files();
        for (FileDrift file : files.subList(0, Math.min(MARKDOWN_ROWS, files.size()))) {
            md.append("| ")
                    .append(file.change().label())
                    .append(" | ")
                    .append(Markdown.code(file.path()))
                    .append(" |\n");
        }
        if (files.size() > MARKDOWN_ROWS) {
            md.append("\n")
                    .append(files.size() - MARKDOWN_ROWS)
                    .append(" more files: ")
                    .append(JSON_FILE)
                    .append(" lists them all.\n");
        }
        int lines = MARKDOWN_DIFF_LINES;
        for (FileDrift file : files) {
            if (file.change() != Change.CHANGED) {
                continue;
            }
            StringBuilder section = new StringBuilder("\n### ")
                    .append(Markdown.code(file.path()))
                    .append("\n\n");
            List<String> paths = file.jsonPaths();
            if (!paths.isEmpty()) {
                section.append("Changed: ");
                for (int i = 0; i < Math.min(MARKDOWN_PATHS, paths.size()); i++) {
                    section.append(i == 0 ? "" : ", ").append(Markdown.code(paths.get(i)));
                }
                section.append(paths.size() > MARKDOWN_PATHS ? " and " + (paths.size() - MARKDOWN_PATHS) + " more" : "")
                        .append("\n\n");
            }
            if (file.diff().isEmpty()) {
                section.append(capitalized(file.diffNote())).append(".\n");
            } else if (lines <= 0) {
                section.append("Diff left out: the report shows ")
                        .append(MARKDOWN_DIFF_LINES)
                        .append(" diff lines at most.\n");
            } else {
                List<String> shown =
                        file.diff().subList(0, Math.min(lines, file.diff().size()));
                lines -= shown.size();
                section.append("<details><summary>diff</summary>\n\n")
                        .append(Markdown.block("diff", String.join("\n", shown)));
                if (shown.size() < file.diff().size()) {
                    section.append("\n")
                            .append(file.diff().size() - shown.size())
                            .append(" more diff lines left out.\n");
                }
                section.append("\n</details>\n");
            }
            if (md.length() + section.length() > MARKDOWN_CHARS) {
                md.append("\nThe rest is left out to keep this report short enough for a pull-request comment; ")
                        .append(JSON_FILE)
                        .append(" and the build log have it.\n");
                break;
            }
            md.append(section);
        }
        return md.toString();
    }
}
