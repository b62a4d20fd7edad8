package io.github.dlfmaven.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.log.LogText;
import io.github.dlfmaven.report.SecretNames;
import java.util.Iterator;
import java.util.Map;

/**
 * Warns of values that look like secrets in what a snapshot puts into git: node properties and job parameters
 * ({@code {name, value}} pairs) and a script's {@code configuration}. A value is suspect when its key says secret
 * ({@code password}, {@code secret}, {@code token}, {@code ak}, {@code sk}, ...) or when it has the shape of a Huawei
 * Cloud access key. A reference such as {@code ${db_password}} or {@code #{Job.getParam("pwd")}} is no secret. The
 * warning names the file and the key, never the value.
 */
final class SecretScan {

    private final SnapshotValidator.Findings findings;

    SecretScan(SnapshotValidator.Findings findings) {
        this.findings = findings;
    }

    void job(String path, JsonNode job) {
        if (!findings.checks(Rule.NO_SECRETS)) {
            return;
        }
        pairs(path, "parameter", job.path("params"));
        for (JsonNode node : job.path("nodes")) {
            pairs(
                    path,
                    "node '" + LogText.escape(node.path("name").asText("")) + "' property",
                    node.path("properties"));
        }
    }

    void script(String path, JsonNode script) {
        if (!findings.checks(Rule.NO_SECRETS)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        script.path("configuration").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            check(path, "configuration key", entry.getKey(), entry.getValue().asText(""));
        }
    }

    private void pairs(String path, String what, JsonNode list) {
        for (JsonNode pair : list) {
            check(path, what, pair.path("name").asText(""), pair.path("value").asText(""));
        }
    }

    private void check(String path, String what, String key, String value) {
        String literal = SecretNames.literal(value);
        if (literal.isEmpty()) {
            return;
        }
        boolean secretKey = SecretNames.secretKey(key);
        if (secretKey || SecretNames.accessKeyShaped(literal)) {
            findings.add(
                    path,
                    Rule.NO_SECRETS,
                    what + " '" + LogText.escape(key) + "' holds "
                            + (secretKey ? "a value" : "a value shaped like an access key") + " that may be a secret: "
                            + ADVICE);
            return;
        }
        for (String assigned : SecretNames.assignedSecrets(value)) {
            findings.add(
                    path,
                    Rule.NO_SECRETS,
                    what + " '" + LogText.escape(key) + "' sets '" + LogText.escape(assigned)
                            + "' to a value that may be a secret: " + ADVICE);
        }
    }

    private static final String ADVICE =
            "use a parameter or DataArts' connection management instead, and rotate it if it is real";
}
