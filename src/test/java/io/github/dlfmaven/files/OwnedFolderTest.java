package io.github.dlfmaven.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A goal's folder: what its marker claims is replaced, anything else is kept and makes the goal refuse. */
class OwnedFolderTest {

    @TempDir
    Path tmp;

    @Test
    void claimedFilesFoldersAndTemporaryNamesGoAndNothingElseDoes() throws IOException {
        Path folder = tmp.resolve("work");
        OwnedFolder owned = new OwnedFolder(folder, folder.resolve(".marker"), "dlf:import", "import");
        owned.replace();
        owned.record(List.of("plan.md", "current/", ".plan.md*"));
        Files.createDirectories(folder.resolve("current/jobs"));
        Files.writeString(folder.resolve("current/jobs/a.job"), "{}");
        Files.writeString(folder.resolve("plan.md"), "plan");
        Files.writeString(folder.resolve(".plan.md12345.tmp"), "left by a killed run");
        Path outside = Files.writeString(tmp.resolve("x"), "not the goal's");

        owned.replace();

        try (var left = Files.list(folder)) {
            assertEquals(
                    List.of(".marker"),
                    left.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.exists(outside));

        owned.record(List.of("plan.md"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, owned::replace);
        assertTrue(e.getMessage().contains("did not write (notes.txt)"), e.getMessage());
        assertTrue(Files.exists(folder.resolve("notes.txt")));
        assertFalse(Files.exists(folder.resolve("plan.md")));
    }
}
