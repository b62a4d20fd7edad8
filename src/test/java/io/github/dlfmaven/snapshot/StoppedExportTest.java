package io.github.dlfmaven.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlfmaven.testing.ChildJvm;
import io.github.dlfmaven.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build stopped in the middle of an export (Ctrl-C, a CI cancel) leaves the output folder as it was. */
class StoppedExportTest {

    @TempDir
    Path temp;

    /** An export that has staged a file and is still downloading the rest when it is stopped. */
    public static final class Exporting {
        public static void main(String[] args) throws Exception {
            SnapshotWriter writer = SnapshotWriter.open(Path.of(args[0]));
            byte[] content = "{\"new\":1}\n".getBytes(UTF_8);
            writer.target("a", writer.newWorkFolder())
                    .write("jobs/a.job", "jobs/a.job", content, FileTrees.sha256(content));
            System.out.println("staged");
            Thread.sleep(60_000);
        }
    }

    @Test
    void stoppingTheBuildRemovesTheWorkAreaAndTheLock() throws Exception {
        Path output = Files.createDirectories(temp.resolve("dlf/jobs")).getParent();
        Files.writeString(output.resolve("jobs/a.job"), "{\"old\":1}\n");
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (ChildJvm child = ChildJvm.start(Exporting.class, List.of(), output.toString())) {
            assertEquals("staged", child.readLine());
            child.stop();
        }

        assertEquals(before, FileTrees.state(output, true));
    }
}
