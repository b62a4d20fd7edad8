package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forbidden development bucket written so that only an exact prefix test misses it. */
class ForbidTest {

    @TempDir
    Path tmp;

    @Test
    void aForbiddenBucketInAnOptionOrWithALeadingSpaceIsStillFound() throws Exception {
        EnvironmentMapping mapping = EnvironmentMapping.read(Files.writeString(
                tmp.resolve("prod.json"),
                "{\"obsPaths\": {\"obs://dev-bucket/\": \"obs://prod-bucket/\"},"
                        + " \"forbid\": [\"obs://dev-bucket/\"]}"));
        ObjectNode job = (ObjectNode) new ObjectMapper()
                .readTree("{\"nodes\": [{\"name\": \"spark\", \"properties\": ["
                        + "{\"name\": \"parameters\", \"value\": \"--input obs://dev-bucket/in --output obs://dev-bucket/out\"},"
                        + "{\"name\": \"resourcePath\", \"value\": \" obs://dev-bucket/jars/a.jar\"}]}],"
                        + "\"params\": [{\"name\": \"src\", \"value\": \"OBS://dev-bucket/x\"}]}");
        EnvironmentMapping.Session session = mapping.start();
        session.apply(DefinitionKind.JOB, "jobs/a.job", job);
        assertEquals(3, session.forbiddenLeft().size(), session.forbiddenLeft().toString());
    }

    @Test
    void aForbiddenBucketInAScriptsSqlIsFound() throws Exception {
        EnvironmentMapping mapping = EnvironmentMapping.read(
                Files.writeString(tmp.resolve("prod.json"), "{\"forbid\": [\"obs://dev-bucket/\"]}"));
        ObjectNode script = (ObjectNode) new ObjectMapper()
                .readTree("{\"name\": \"s\", \"content\": \"CREATE TABLE t LOCATION 'obs://dev-bucket/t/'\"}");
        EnvironmentMapping.Session session = mapping.start();

        session.apply(DefinitionKind.SCRIPT, "scripts/s.script", script);

        assertEquals(
                java.util.List.of("scripts/s.script content is still 'CREATE TABLE t LOCATION 'obs://dev-bucket/t/''"),
                session.forbiddenLeft());
    }
}
