package io.github.dlfmaven.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The emulator fixtures the workspace benchmarks export: a workspace of many small jobs sharing 50 scripts. */
final class BenchmarkWorkspace {

    static final int SHARED_SCRIPTS = 50;

    private BenchmarkWorkspace() {}

    /** Jobs of two nodes each, every one using one of 50 shared scripts, in ten folders. */
    static Path write(Path root, int jobs) throws IOException {
        Files.createDirectories(root.resolve("jobs"));
        Files.createDirectories(root.resolve("scripts"));
        for (int s = 0; s < SHARED_SCRIPTS; s++) {
            Files.writeString(
                    root.resolve("scripts/common_" + s + ".script"),
                    "{\n  \"content\": \"SELECT " + s
                            + " FROM dual WHERE dt = '${bizdate}';\\n\",\n  \"name\": \"common_" + s
                            + "\",\n  \"type\": \"HiveSQL\"\n}\n");
        }
        for (int i = 0; i < jobs; i++) {
            String name = jobName(i);
            Files.writeString(
                    root.resolve("jobs/" + name + ".job"),
                    "{\n  \"directory\": \"/team_" + (i % 10) + "\",\n"
                            + "  \"name\": \"" + name
                            + "\",\n  \"nodes\": [\n    {\n      \"name\": \"check\",\n      \"properties\": [\n"
                            + "        {\n          \"name\": \"scriptName\",\n          \"value\": \"common_"
                            + (i % SHARED_SCRIPTS) + "\"\n"
                            + "        }\n      ],\n      \"type\": \"HiveSQL\"\n    },\n    {\n      \"name\": \"load\",\n"
                            + "      \"preNodeName\": [\n        \"check\"\n      ],\n      \"type\": \"Dummy\"\n    }\n  ],\n"
                            + "  \"processType\": \"BATCH\"\n}\n");
        }
        return root;
    }

    static String jobName(int i) {
        return String.format(Locale.ROOT, "etl_job_%05d", i);
    }
}
