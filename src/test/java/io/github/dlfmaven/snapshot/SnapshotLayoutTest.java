package io.github.dlfmaven.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotLayoutTest {

    @ParameterizedTest
    @CsvSource({
        "jobs/a.job, jobs/a.job",
        "a.job, jobs/a.job",
        "x/y/z.SCRIPT, scripts/z.SCRIPT",
        "jobs/b/r.Resource, resources/r.Resource",
        "jobs/.job, jobs/.job",
        "jobs/a.job.bak, jobs/a.job.bak",
        "cdm/x.json, cdm/x.json",
        "other/readme.txt, other/readme.txt"
    })
    void destinationIsChosenByExtension(String name, String destination) {
        assertEquals(destination, SnapshotLayout.INSTANCE.destination(name));
    }

    @ParameterizedTest
    @CsvSource({
        "jobs/a.job, true",
        "scripts/s.SCRIPT, true",
        "resources/r.resource, true",
        "jobs/.job, true",
        "cdm/x.JSON, true",
        "jobs/a.job.bak, false",
        "other/readme.txt, false",
        "other/json, false"
    })
    void definitionsAndJsonFilesAreNormalized(String destination, boolean normalized) {
        assertEquals(normalized, SnapshotLayout.INSTANCE.normalizes(destination));
    }

    @Test
    void eachKindHasOneFolderAndExtension() {
        assertEquals("jobs/a.job", SnapshotLayout.jobFile("a"));
        assertEquals("scripts/s.script", DefinitionKind.SCRIPT.path("s"));
        assertEquals("r.resource", DefinitionKind.RESOURCE.fileName("r"));
        assertEquals(Optional.of(DefinitionKind.JOB), DefinitionKind.of("A.JOB"));
        assertEquals(Optional.empty(), DefinitionKind.of(".job"));
        assertEquals(Optional.empty(), DefinitionKind.of("a.jobs"));
        assertEquals("daily", DefinitionKind.JOB.nameOf("daily.job"));
    }
}
