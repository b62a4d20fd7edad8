package io.github.dlfmaven.promote;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.config.ObsLocation;
import io.github.dlfmaven.text.LogText;
import java.net.URI;
import java.util.Optional;

/**
 * Where an import writes: the DLF endpoint, project and workspace, the OBS endpoint and folder the package passes
 * through, and whose credentials. Named before anything is written, in the log and in the plan, so that whoever reads
 * either sees where it goes: with Maven a value in the pom wins over a {@code -D} property, and an import into the
 * wrong workspace must be seen before it happens.
 *
 * @param workspace the workspace id; empty for the project's default workspace
 * @param credentials where the credentials come from, as the credential chain says it, never a secret
 */
public record ImportTarget(
        URI endpoint,
        String projectId,
        Optional<String> workspace,
        URI obsEndpoint,
        ObsLocation obsFolder,
        String credentials) {

    /** {@code workspace 1c1f of project 0833 at https://...}. */
    public String workspaceText() {
        return workspace.map(w -> "workspace " + LogText.escape(w)).orElse("the default workspace") + " of project "
                + LogText.escape(projectId) + " at " + endpoint;
    }

    /** One line for the log. */
    public String describe() {
        return workspaceText() + ", through " + LogText.escape(obsFolder.toString()) + " at " + obsEndpoint
                + ", with the credentials from " + credentials;
    }

    ObjectNode toJson() {
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        target.put("endpoint", endpoint.toString()).put("projectId", projectId);
        if (workspace.isPresent()) {
            target.put("workspace", workspace.get());
        } else {
            target.putNull("workspace");
        }
        return target.put("obsEndpoint", obsEndpoint.toString())
                .put("obsFolder", obsFolder.toString())
                .put("credentials", credentials);
    }
}
