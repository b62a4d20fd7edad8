package io.github.dlfmaven.site;

import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.report.SnapshotReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws the quick-start sample into the site with this build's own report code, so that the start page's picture
 * and the sample report linked from it are never older than the code. Run by the build at {@code pre-site}.
 */
public final class DrawQuickStart {

    private DrawQuickStart() {}

    /** @param args the snapshot to draw, and the folder the report goes to */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DrawQuickStart SNAPSHOT OUTPUT");
        }
        SnapshotReport.Summary summary = new SnapshotReport(Log.NONE).write(Path.of(args[0]), Path.of(args[1]), null);
        System.out.println("Drew " + summary.jobs() + " quick-start jobs into " + summary.index());
    }
}
