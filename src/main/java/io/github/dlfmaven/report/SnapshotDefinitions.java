package io.github.dlfmaven.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.secrets.SecretPolicy;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.JobReferences;
import io.github.dlfmaven.snapshot.SnapshotFiles;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The jobs and scripts of a snapshot, parsed and with what looks like a secret masked ({@link SecretPolicy}), and which
 * jobs use each script.
 */
final class SnapshotDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, JsonNode> jobs = new TreeMap<>();
    final Map<String, JsonNode> scripts = new TreeMap<>();
    final Map<String, TreeSet<String>> scriptUsers = new TreeMap<>();

    SnapshotDefinitions(Path snapshot, Log log) throws IOException {
        read(snapshot, log);
    }

    private void read(Path snapshot, Log log) throws IOException {
        for (Map.Entry<String, Path> file : SnapshotFiles.of(snapshot).files().entrySet()) {
            String path = file.getKey();
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            DefinitionKind kind = DefinitionKind.ofSnapshotPath(path).orElse(null);
            if (kind == null || kind == DefinitionKind.RESOURCE) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(Files.readAllBytes(file.getValue()));
            } catch (IOException e) {
                log.warn("Left out of the report, as it is not valid JSON (dlf:validate says more): "
                        + LogText.escape(path));
                continue;
            }
            // Masked before anything is drawn or written, so that no page can show a secret, whatever it shows.
            JsonNode before =
                    (kind == DefinitionKind.JOB ? jobs : scripts).put(kind.nameOf(fileName), SecretPolicy.mask(json));
            if (before != null) {
                // A.JOB and A.job: one name, two files, which no export writes; the later file (by path) is shown.
                log.warn("Two files define " + kind.name().toLowerCase(java.util.Locale.ROOT) + " '"
                        + LogText.escape(kind.nameOf(fileName)) + "'; the report shows " + LogText.escape(path) + ".");
            }
        }
        for (Map.Entry<String, JsonNode> job : jobs.entrySet()) {
            for (String script : JobReferences.scriptsOfJob(job.getValue())) {
                scriptUsers.computeIfAbsent(script, s -> new TreeSet<>()).add(job.getKey());
            }
        }
    }
}
