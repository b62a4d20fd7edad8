package io.github.dlfmaven.promote;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ImportRequest;
import io.github.dlfmaven.api.JobImports;
import io.github.dlfmaven.api.NotSentException;
import io.github.dlfmaven.api.SystemTask;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The second half of an import, after the plan: upload the package to OBS, let DLF check it, import it, wait for the
 * system task with progress, and report each subtask. The package is deleted from OBS once DLF is known to be done
 * with it, never while the import may still read it.
 */
final class Delivery {

    /** Terraform's provider reads an import's task every 10 s; the first reads come sooner, for small imports. */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);

    private final ImportSettings config;
    private final SettingNames names;
    private final DlfClient client;
    private final ObsStore obs;
    private final Clock clock;
    private final Duration pollInterval;
    private final Log log;

    Delivery(
            ImportSettings config,
            SettingNames names,
            DlfClient client,
            ObsStore obs,
            Clock clock,
            Duration pollInterval,
            Log log) {
        this.config = config;
        this.names = names;
        this.client = client;
        this.obs = obs;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    /** Eight random hex digits: enough to keep apart the runs that may share an OBS folder at one time. */
    private static String randomRunId() {
        return HexFormat.of().toHexDigits(new SecureRandom().nextInt());
    }

    SystemTask run(ImportPackage.Contents contents) throws IOException, DlfApiException, ImportFailedException {
        PackageZip zip = contents.zip();
        // Named by its content and by this run: two runs never share an object, so none deletes one that another
        // run's import (or an earlier run's, still running after its timeout) may be reading.
        String name = "dlf-import-" + zip.sha256().substring(0, 16) + "-" + randomRunId() + ".zip";
        String path = config.obsFolder().uri(name);
        try {
            obs.put(config.obsFolder(), name, zip.bytes(), "application/zip");
        } catch (IOException e) {
            // OBS may have stored it before the answer was lost; the object is this run's alone, so it goes now.
            try {
                obs.delete(config.obsFolder(), name);
            } catch (IOException notDeleted) {
                log.warn("The upload failed and may have left " + LogText.escape(path) + " in OBS, which could not be"
                        + " deleted either: delete it by hand if it is there.");
            }
            throw e;
        }
        log.info("Uploaded the package (SHA-256 " + zip.sha256() + ") to " + LogText.escape(path) + ".");
        // Deleted only once DLF is known to be done with it: refused, or the task over. A call that may have started
        // the import (a 502 or 504, a broken connection, a failure while waiting) leaves it for the task to read.
        boolean done = false;
        try {
            JobImports imports = client.imports();
            ImportRequest.Contents seen;
            try {
                seen = imports.checkFile(path);
            } catch (DlfApiException | IOException | RuntimeException e) {
                done = true; // a check reads the package and starts nothing
                throw e;
            }
            List<String> unseen = contents.jobs().stream()
                    .filter(job -> !seen.jobs().contains(job))
                    .toList();
            if (!unseen.isEmpty()) {
                done = true;
                throw new ImportFailedException("DataArts Factory does not find the jobs "
                        + LogText.escape(String.join(", ", unseen)) + " in the package it read from " + path
                        + "; nothing was imported.");
            }
            List<String> unseenScripts = contents.scripts().stream()
                    .filter(script -> !seen.scripts().contains(script))
                    .toList();
            if (!unseenScripts.isEmpty()) {
                log.warn(
                        "DataArts Factory does not list the scripts " + LogText.escape(String.join(", ", unseenScripts))
                                + " in the package; it may not import them.");
            }
            String taskId;
            try {
                taskId = imports.start(new ImportRequest(
                        path,
                        config.sameNamePolicy(),
                        config.params(),
                        config.jobParams(),
                        config.executeUser().orElse(null),
                        config.targetStatus().orElse(null)));
            } catch (DlfApiException e) {
                done = e.httpStatus() != 502 && e.httpStatus() != 504;
                throw e;
            } catch (NotSentException e) {
                done = true; // the import call never reached DLF
                throw e;
            }
            log.info("Import started: system task " + LogText.escape(taskId) + " (sameNamePolicy "
                    + config.sameNamePolicy() + ").");
            Instant started = clock.instant();
            Progress progress = new Progress(started);
            SystemTask task =
                    imports.await(taskId, config.timeout(), pollInterval, MAX_POLL_INTERVAL, clock, running -> {
                        if (!running.finished() && progress.news(running.status(), clock.instant())) {
                            log.info("Import task " + LogText.escape(taskId) + ": " + LogText.escape(running.status())
                                    + " ("
                                    + Duration.between(started, clock.instant()).toSeconds() + " s).");
                        }
                    });
            if (!task.finished()) {
                throw new ImportFailedException("The import is still running after "
                        + config.timeout().toSeconds()
                        + " s (system task " + LogText.escape(taskId) + "): see its progress in DataArts Studio, or"
                        + " wait longer with " + names.where(Setting.TIMEOUT)
                        + ". The package stays at " + path + " for it.");
            }
            done = true;
            report(task, contents);
            return task;
        } finally {
            if (!done) {
                log.warn("The package stays at " + LogText.escape(path) + ", since the import may still read it;"
                        + " delete it once the import is over.");
            } else if (!config.keepPackage()) {
                try {
                    obs.delete(config.obsFolder(), name);
                    log.info("Deleted the package from OBS.");
                } catch (IOException e) {
                    // The import's own outcome is what the build reports; a package left behind is a warning.
                    log.warn("Could not delete the package " + LogText.escape(path) + " from OBS: " + e.getMessage()
                            + " Delete it by hand.");
                }
            }
        }
    }

    /**
     * The reads of a running task worth a line: a new status, or the same one after {@link #MAX_POLL_INTERVAL} without
     * a line, so that the first quick reads of a small import do not each say {@code RUNNING (0 s)}.
     */
    private static final class Progress {
        private String status;
        private Instant logged;

        Progress(Instant started) {
            this.logged = started;
        }

        boolean news(String now, Instant at) {
            if (now.equals(status) && Duration.between(logged, at).compareTo(MAX_POLL_INTERVAL) < 0) {
                return false;
            }
            status = now;
            logged = at;
            return true;
        }
    }

    /**
     * What a subtask's name stands for in the package: {@code job}, {@code script}, {@code resource}, or
     * {@code job or script} when a job and a script share the name; DataArts Factory's subtasks carry their name only.
     */
    private static String kind(String name, ImportPackage.Contents contents) {
        List<String> kinds = new ArrayList<>();
        if (contents.jobs().contains(name)) {
            kinds.add("job");
        }
        if (contents.scripts().contains(name)) {
            kinds.add("script");
        }
        if (contents.resources().contains(name)) {
            kinds.add("resource");
        }
        return kinds.isEmpty() ? "" : String.join(" or ", kinds) + " ";
    }

    private void report(SystemTask task, ImportPackage.Contents contents) throws ImportFailedException {
        for (SystemTask.Subtask sub : task.subtasks()) {
            String line = "  " + kind(sub.name(), contents) + LogText.escape(sub.name()) + ": "
                    + LogText.escape(sub.status())
                    + (sub.message().isEmpty() ? "" : " (" + LogText.escape(sub.message()) + ")");
            if (sub.status().equalsIgnoreCase("FAILED")) {
                log.error(line);
            } else {
                log.info(line);
            }
        }
        boolean anyFailed =
                task.subtasks().stream().anyMatch(sub -> sub.status().equalsIgnoreCase("FAILED"));
        if (!task.succeeded() || anyFailed) {
            List<String> failed = task.subtasks().stream()
                    .filter(s -> s.status().equalsIgnoreCase("FAILED"))
                    .map(s -> kind(s.name(), contents)
                            + LogText.escape(s.name())
                            + (s.message().isEmpty() ? "" : ": " + LogText.escape(s.message())))
                    .toList();
            throw new ImportFailedException("The import failed (system task " + LogText.escape(task.id()) + ", "
                    + LogText.escape(task.status()) + ")"
                    + (failed.isEmpty() ? "" : ": " + String.join("; ", failed).replaceFirst("[.!]+$", ""))
                    + ". Fix what the tasks say in DataArts Studio (a running job must be stopped first), then import"
                    + " again.");
        }
        log.info("Import done: " + task.subtasks().size() + " subtask(s) (system task " + LogText.escape(task.id())
                + ").");
    }
}
