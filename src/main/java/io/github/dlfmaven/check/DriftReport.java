package io.github.dlfmaven.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.report.Markdown;
import io.github.dlfmaven.report.ReportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Diff lines in {@code drift.md}, all files together: a pull-request comment holds about 65,000 characters. */
    static final int MARKDOWN_DIFF_LINES = 600;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftReport() {}

    /** Writes both reports into {@code folder}; {@code snapshotName} names the committed snapshot in the Markdown. */
    public static void write(Drift drift, Path folder, String snapshotName) throws IOException {
        ReportFile.write(folder.resolve(JSON_FILE), json(drift));
        ReportFile.write(
                folder.resolve(MARKDOWN_FILE), markdown(drift, snapshotName).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(Drift drift) throws IOException {
        ObjectNode root = JSON.createObjectNode();
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
        byte[] bytes = JSON.writeValueAsBytes(root);
        byte[] withNewline = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
        withNewline[bytes.length] = '\n';
        return withNewline;
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
        for (FileDrift file : drift.files()) {
            md.append("| ")
                    .append(file.change().label())
                    .append(" | ")
                    .append(Markdown.code(file.path()))
                    .append(" |\n");
        }
        int budget = MARKDOWN_DIFF_LINES;
        for (FileDrift file : drift.files()) {
            if (file.change() != Change.CHANGED) {
                continue;
            }
            md.append("\n### ").append(Markdown.code(file.path())).append("\n\n");
            if (!file.jsonPaths().isEmpty()) {
                md.append("Changed: ");
                List<String> paths = file.jsonPaths();
                for (int i = 0; i < paths.size(); i++) {
                    md.append(i == 0 ? "" : ", ").append(Markdown.code(paths.get(i)));
                }
                md.append("\n\n");
            }
            if (file.diff().isEmpty()) {
                md.append("A binary file.\n");
            } else if (budget <= 0) {
                md.append("Diff left out: the report shows ")
                        .append(MARKDOWN_DIFF_LINES)
                        .append(" diff lines at most.\n");
            } else {
                List<String> shown =
                        file.diff().subList(0, Math.min(budget, file.diff().size()));
                budget -= shown.size();
                md.append("<details><summary>diff</summary>\n\n")
                        .append(Markdown.block("diff", String.join("\n", shown)));
                if (shown.size() < file.diff().size()) {
                    md.append("\n").append(file.diff().size() - shown.size()).append(" more diff lines left out.\n");
                }
                md.append("\n</details>\n");
            }
        }
        return md.toString();
    }
}
