package io.github.dlfmaven.promote;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ImportRequest;
import io.github.dlfmaven.api.JobImports;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.api.SystemTask;
import io.github.dlfmaven.archive.Sha256;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ExportConfiguration;
import io.github.dlfmaven.config.ImportConfiguration;
import io.github.dlfmaven.config.OwnedFolder;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.LogText;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.validate.Problem;
import io.github.dlfmaven.validate.Rule;
import io.github.dlfmaven.validate.SnapshotValidator;
import io.github.dlfmaven.validate.Validation;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Promotes jobs of a snapshot into a workspace, each step logged: validate the snapshot (its errors stop here), pack
 * the selected jobs with their scripts and resources, mapped for the target environment, show the plan (the target's
 * own export of those jobs compared with the package), and unless it is a dry run or the plan is empty: upload the
 * package to OBS, let DLF check it, import it, and wait for the import's system task. The package is deleted from OBS
 * when the task is over, unless it is to be kept.
 */
public final class JobImport {

    /** Terraform's provider reads an import's task every 10 s; the first reads come sooner, for small imports. */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);

    private final ImportConfiguration config;
    private final ExportConfiguration export;
    private final DlfClient client;
    private final ObsStore obs;
    private final Clock clock;
    private final Duration pollInterval;
    private final Log log;

    /**
     * @param export the connection and limits, as {@code export} has them, for the plan's export of the target
     * @param pollInterval when the import's system task is first read; then ever less often, up to every 10 s
     */
    public JobImport(
            ImportConfiguration config,
            ExportConfiguration export,
            DlfClient client,
            ObsStore obs,
            Clock clock,
            Duration pollInterval,
            Log log) {
        this.config = config;
        this.export = export;
        this.client = client;
        this.obs = obs;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    /** How far the import got: the plan, and the finished task when it ran. */
    public record Result(ImportPlan plan, SystemTask task) {}

    public Result run() throws Exception {
        validate();
        EnvironmentMapping mapping = config.environment().isPresent()
                ? EnvironmentMapping.read(config.environment().get())
                : EnvironmentMapping.none();
        ImportPackage pack = new ImportPackage(config.snapshotDirectory(), export.ignoreFields());
        List<String> jobs = pack.select(config.jobs(), config.excludes());
        if (jobs.isEmpty()) {
            throw new ImportFailedException("No job of the snapshot " + config.snapshotDirectory() + " matches "
                    + export.names().where(io.github.dlfmaven.config.Setting.JOBS) + " (" + config.jobs()
                    + (config.excludes().isEmpty() ? "" : ", less " + config.excludes()) + "); nothing was imported.");
        }
        OwnedFolder work = config.work();
        work.replace();
        try {
            return promote(pack, jobs, mapping);
        } finally {
            work.recordAll();
        }
    }

    private Result promote(ImportPackage pack, List<String> jobs, EnvironmentMapping mapping) throws Exception {
        Files.createDirectories(config.packageDirectory());
        ImportPackage.Contents contents = pack.write(jobs, mapping, config.packageDirectory(), config.packageFile());
        log.info("Packed " + contents.jobs().size() + " job(s), "
                + contents.scripts().size() + " script(s) and "
                + contents.resources().size() + " resource(s), " + String.format("%,d", contents.zipBytes())
                + " bytes"
                + (mapping.isEmpty() ? "" : "; the environment mapping replaced " + contents.replaced() + " value(s)")
                + ".");
        if (!contents.missingScripts().isEmpty()) {
            log.warn("Not in the snapshot, so not imported; the workspace must have them: scripts "
                    + LogText.escape(String.join(", ", contents.missingScripts())) + ".");
        }
        contents.unusedMappings()
                .forEach(entry -> log.warn("The environment mapping's " + LogText.escape(entry)
                        + " matches nothing in the jobs imported: a typo, or a name they no longer use."));
        if (!contents.forbiddenLeft().isEmpty()) {
            throw new ImportFailedException("Development names would reach the target, which the environment mapping"
                    + " forbids: " + LogText.escape(String.join("; ", contents.forbiddenLeft())) + ". Map them in "
                    + config.environment().get() + "; nothing was imported.");
        }
        if (contents.zipBytes() > Defaults.MAX_IMPORT_PACKAGE_BYTES) {
            throw new ImportFailedException("The package is " + String.format("%,d", contents.zipBytes())
                    + " bytes, more than the 10 MB DataArts Factory imports from OBS: import the jobs in parts, each"
                    + " with a pattern of its own (" + export.names().where(io.github.dlfmaven.config.Setting.JOBS)
                    + ", such as ods_* then dwd_*); nothing was imported.");
        }
        ImportPlan plan = plan(jobs);
        if (config.dryRun()) {
            log.info("Dry run: nothing was uploaded or imported. The plan: "
                    + config.workDirectory().resolve(ImportPlan.MARKDOWN_FILE) + ".");
            return new Result(plan, null);
        }
        if (plan.empty()) {
            log.info("Nothing to import: the workspace has every job of the package as it is.");
            return new Result(plan, null);
        }
        return new Result(plan, importPackage(contents));
    }

    private void validate() throws Exception {
        Validation validation = new SnapshotValidator(Set.of()).validate(config.snapshotDirectory());
        List<String> errors = new ArrayList<>();
        for (Problem problem : validation.problems()) {
            if (problem.rule().severity() == Rule.Severity.ERROR) {
                log.error(problem.toString());
                errors.add(problem.toString());
            } else {
                log.warn(problem.toString());
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportFailedException("The snapshot " + config.snapshotDirectory() + " has " + errors.size()
                    + " error(s), listed above (dlf:validate checks the same): fix them before importing; nothing was"
                    + " imported.");
        }
        log.info("Validated the snapshot: " + validation.files() + " definitions, " + validation.warnings()
                + " warning(s).");
    }

    /** The target's own export of the jobs it has of those to import, compared with the package. */
    private ImportPlan plan(List<String> jobs) throws Exception {
        Set<String> existing = new HashSet<>();
        for (List<JobSummary> listed : new JobLister(client, log, export.threads())
                .listAll(List.of("BATCH", "REAL_TIME"))
                .values()) {
            listed.forEach(job -> existing.add(job.name()));
        }
        List<String> present = jobs.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            Files.createDirectories(config.currentDirectory());
        } else {
            new Exporter(export.of(present, config.currentDirectory()), client, log).run();
        }
        ImportPlan plan = ImportPlan.of(
                config.currentDirectory(),
                config.packageDirectory(),
                config.sameNamePolicy().equals("OVERWRITE"));
        plan.write(config.workDirectory());
        plan.log(log);
        return plan;
    }

    private SystemTask importPackage(ImportPackage.Contents contents) throws Exception {
        byte[] zip = Files.readAllBytes(config.packageFile());
        // Named by its content: the same snapshot and mapping upload to the same object.
        String name = "dlf-import-" + Sha256.hex(zip).substring(0, 16) + ".zip";
        String path = config.obsFolder().uri(name);
        obs.put(config.obsFolder(), name, zip, "application/zip");
        log.info("Uploaded the package to " + LogText.escape(path) + ".");
        boolean over = false;
        SystemTask task = null;
        try {
            JobImports imports = client.imports();
            ImportRequest.Contents seen = imports.checkFile(path);
            List<String> unseen = contents.jobs().stream()
                    .filter(job -> !seen.jobs().contains(job))
                    .toList();
            if (!unseen.isEmpty()) {
                over = true;
                throw new ImportFailedException("DataArts Factory does not find the jobs "
                        + LogText.escape(String.join(", ", unseen)) + " in the package it read from " + path
                        + "; nothing was imported.");
            }
            String taskId = imports.start(new ImportRequest(
                    path,
                    config.sameNamePolicy(),
                    config.params(),
                    config.jobParams(),
                    config.executeUser().orElse(null),
                    config.targetStatus().orElse(null)));
            log.info("Import started: system task " + LogText.escape(taskId) + " (sameNamePolicy "
                    + config.sameNamePolicy() + ").");
            Instant started = clock.instant();
            task = imports.await(taskId, config.timeout(), pollInterval, MAX_POLL_INTERVAL, clock, running -> {
                if (!running.finished()) {
                    log.info("Import task " + LogText.escape(taskId) + ": " + LogText.escape(running.status()) + " ("
                            + Duration.between(started, clock.instant()).toSeconds() + " s).");
                }
            });
            over = task.finished();
            if (!over) {
                throw new ImportFailedException("The import is still running after "
                        + config.timeout().toSeconds()
                        + " s (system task " + LogText.escape(taskId) + "): see its progress in DataArts Studio, or"
                        + " wait longer with " + export.names().where(io.github.dlfmaven.config.Setting.TIMEOUT)
                        + ". The package stays at " + path + " for it.");
            }
            report(task);
            return task;
        } catch (DlfApiException e) {
            over = true; // DLF refused the check or the import: the package is of no more use
            throw e;
        } finally {
            if (over && !config.keepPackage()) {
                obs.delete(config.obsFolder(), name);
                log.info("Deleted the package from OBS.");
            }
        }
    }

    private void report(SystemTask task) throws ImportFailedException {
        for (SystemTask.Subtask sub : task.subtasks()) {
            String line = "  " + LogText.escape(sub.name()) + ": " + LogText.escape(sub.status())
                    + (sub.message().isEmpty() ? "" : " (" + LogText.escape(sub.message()) + ")");
            if (sub.status().equalsIgnoreCase("FAILED")) {
                log.error(line);
            } else {
                log.info(line);
            }
        }
        if (!task.succeeded()) {
            List<String> failed = task.subtasks().stream()
                    .filter(s -> s.status().equalsIgnoreCase("FAILED"))
                    .map(s -> LogText.escape(s.name())
                            + (s.message().isEmpty() ? "" : ": " + LogText.escape(s.message())))
                    .toList();
            throw new ImportFailedException("The import failed (system task " + LogText.escape(task.id()) + ", "
                    + LogText.escape(task.status()) + ")"
                    + (failed.isEmpty() ? "" : ": " + String.join("; ", failed).replaceFirst("[.!]+$", ""))
                    + ". Fix what the tasks say in DataArts Studio (a running job must be stopped first), then import"
                    + " again.");
        }
        log.info("Imported " + task.subtasks().size() + " definition(s) (system task " + LogText.escape(task.id())
                + ").");
    }
}
