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
        "other/readme.txt, other/readme.txt",
        // the definition's name escaped where Windows or macOS cannot hold it, the extension as the entry has it
        "jobs/CON.job, jobs/CO%4E.job",
        "jobs/a:b/a:b.job, jobs/a%3Ab.job",
        "jobs/x/nul.txt.SCRIPT, scripts/nu%6C.txt.SCRIPT",
        "resources/50%.resource, resources/50%25.resource",
        "jobs/销售日报.job, jobs/销售日报.job"
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

    @Test
    void aPackageHasTheNamesAsTheyAreAndASnapshotHasThemEscaped() {
        assertEquals("jobs/CON.job", DefinitionKind.JOB.packageEntry("CON"));
        assertEquals("a:b.script", DefinitionKind.SCRIPT.packageFileName("a:b"));
        assertEquals("a%3Ab", DefinitionKind.SCRIPT.nameOfPackageFile("a%3Ab.script"));
        assertEquals("jobs/CO%4E.job", SnapshotLayout.jobFile("CON"));
        assertEquals("CON", DefinitionKind.JOB.nameOf("CO%4E.job"));
    }
}
