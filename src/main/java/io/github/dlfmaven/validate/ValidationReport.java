package io.github.dlfmaven.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.report.ReportFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code report.json}: {@code summary} ({@code files}, {@code errors}, {@code warnings}), {@code problems} (each with
 * {@code path}, {@code rule}, {@code severity}, {@code message}) and {@code notes}.
 */
public final class ValidationReport {

    public static final String FILE = "report.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ValidationReport() {}

    public static void write(Validation validation, Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("files", validation.files());
        summary.put("errors", validation.errors());
        summary.put("warnings", validation.warnings());
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : validation.problems()) {
            problems.addObject()
                    .put("path", problem.path())
                    .put("rule", problem.rule().id())
                    .put("severity", problem.rule().severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("message", problem.message());
        }
        ArrayNode notes = root.putArray("notes");
        validation.notes().forEach(notes::add);
        ReportFile.write(
                folder.resolve(FILE),
                (JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
