package io.github.dlfmaven.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.files.ReportFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code report.json}: {@code summary} ({@code files}, {@code errors}, {@code warnings}), {@code problems} (each with
 * {@code path}, {@code rule}, {@code severity}, {@code message}) and {@code notes}.
 */
public final class ValidationReport {

    public static final String FILE = "report.json";

    private ValidationReport() {}

    public static void write(Validation validation, Path folder) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("files", validation.files());
        summary.put("errors", validation.errors());
        summary.put("warnings", validation.warnings());
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : validation.problems()) {
            problems.addObject()
                    .put("path", problem.path())
                    .put("rule", problem.rule().id())
                    .put("severity", problem.rule().severity().name().toLowerCase(Locale.ROOT))
                    .put("message", problem.message());
        }
        ArrayNode notes = root.putArray("notes");
        validation.notes().forEach(notes::add);
        ReportFile.writeJson(folder.resolve(FILE), root);
    }
}
