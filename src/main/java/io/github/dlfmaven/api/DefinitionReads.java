package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * What a workspace holds of single scripts and resources ({@code GET /v1/{project_id}/scripts/{name}}, {@code GET
 * /v1/{project_id}/resources?resourceName=}), for the import's plan: the export brings only the scripts and resources
 * of the jobs it exports, and a workspace may hold others of the same names.
 */
public final class DefinitionReads {

    private final DlfClient client;

    DefinitionReads(DlfClient client) {
        this.client = client;
    }

    /** The script, or empty when the workspace has none of that name. */
    public Optional<JsonNode> script(String name) throws IOException, DlfApiException {
        HttpUrl url = client.projectUrl()
                .addPathSegment("scripts")
                .addPathSegment(name)
                .build();
        return absentIfRefused(new Operation("Reading script '" + LogText.escape(name) + "'", null), url);
    }

    /** The resource of exactly this name, or empty. */
    public Optional<JsonNode> resource(String name) throws IOException, DlfApiException {
        HttpUrl url = client.projectUrl()
                .addPathSegment("resources")
                .addQueryParameter("resourceName", name)
                .addQueryParameter("limit", "100")
                .build();
        Optional<JsonNode> list =
                absentIfRefused(new Operation("Reading resource '" + LogText.escape(name) + "'", null), url);
        if (list.isPresent()) {
            // The filter may match parts of names (not confirmed): only the exact name counts.
            for (JsonNode resource : list.get().path("resources")) {
                if (name.equals(JsonFields.text(resource, "name"))) {
                    return Optional.of(resource);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The answer's JSON; empty where DLF answers that it has no such definition: HTTP 400 or 404 (which error code it
     * uses for that is not confirmed). Any other refusal, a redirect, throttling once the retries are spent, an
     * answer that is no JSON, is an error: the plan must not call create what it could not read.
     */
    private Optional<JsonNode> absentIfRefused(Operation operation, HttpUrl url) throws IOException, DlfApiException {
        try {
            return Optional.of(client.calls.run(
                    operation, client.request("GET", url, null, "application/json"), (response, attempt) -> {
                        JsonNode json = JsonFields.object(
                                response.peekBody(ErrorMapper.SMALL_BODY_LIMIT).string());
                        if (json == null) {
                            throw new IOException(operation.subject() + " returned no JSON object.");
                        }
                        return json;
                    }));
        } catch (DlfApiException e) {
            if (e.httpStatus() == 400 || e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
