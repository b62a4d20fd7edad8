package io.github.dlfmaven.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.api.SystemTask;
import io.github.dlfmaven.archive.JsonNormalizer;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.config.PackageLimits;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.export.ExportFailedException;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.export.SelectionException;
import io.github.dlfmaven.files.FolderLock;
import io.github.dlfmaven.files.Folders;
import io.github.dlfmaven.files.OwnedFolder;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.text.LogText;
import io.github.dlfmaven.validate.Problem;
import io.github.dlfmaven.validate.Rule;
import io.github.dlfmaven.validate.SnapshotValidator;
import io.github.dlfmaven.validate.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Promotes jobs of a snapshot into a workspace, each step logged: validate the snapshot (its errors stop here), pack
 * the selected jobs with their scripts and resources, mapped for the target environment, show the plan (the target's
 * own export of those jobs compared with the package), and unless it is a dry run or the plan is empty: upload the
 * package to OBS, let DLF check it, import it, and wait for the import's system task. The package is deleted from OBS
 * when the task is over, unless it is to be kept.
 */
public final class Promotion {

    /** What an import writes into its work folder, claimed before anything is written there. */
    private static final List<String> WORK_FILES = List.of(
            "package/",
            "package.zip",
            "current/",
            ImportPlan.JSON_FILE,
            ImportPlan.MARKDOWN_FILE,
            // ReportFile writes through a temporary file beside the report
            "." + ImportPlan.JSON_FILE + "*",
            "." + ImportPlan.MARKDOWN_FILE + "*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportSettings config;
    private final PackageLimits limits;
    private final ConnectionSettings connection;
    private final DlfClient client;
    private final Delivery upload;
    private final ImportTarget target;
    private final Log log;

    /**
     * @param limits what the packages of the plan's export of the target are held to, as the export's are
     * @param connection the settings the client was made with: where it goes, how many requests at once
     * @param pollInterval when the import's system task is first read; then ever less often, up to every 10 s
     */
    public Promotion(
            ImportSettings config,
            PackageLimits limits,
            ConnectionSettings connection,
            DlfClient client,
            ObsStore obs,
            Clock clock,
            Duration pollInterval,
            Log log) {
        this.config = config;
        this.limits = limits;
        this.connection = connection;
        this.client = client;
        this.upload = new Delivery(config, connection.names(), client, obs, clock, pollInterval, log);
        this.target = new ImportTarget(
                connection.endpoint(),
                connection.projectId(),
                connection.workspace(),
                config.obsEndpoint(),
                config.obsFolder(),
                client.credentialsSource());
        this.log = log;
    }

    /** How far the import got: the plan, and the finished task when it ran. */
    public record Result(ImportPlan plan, SystemTask task) {}

    public Result run()
            throws IOException, DlfApiException, ImportFailedException, InvalidMappingException, SelectionException,
                    ExportFailedException, SnapshotConflictException {
        // Where it goes comes first, before any request: a reader of the log sees it before anything is written.
        log.info("Import into " + target.describe() + ".");
        config.obsEndpointWarning().ifPresent(log::warn);
        validate();
        EnvironmentMapping mapping = config.environment().isPresent()
                ? EnvironmentMapping.read(config.environment().get())
                : EnvironmentMapping.none();
        ImportPackage pack = new ImportPackage(config.snapshotDirectory(), limits.ignoreFields());
        List<String> jobs = pack.select(config.jobs(), config.excludes());
        if (jobs.isEmpty()) {
            throw new ImportFailedException("No job of the snapshot " + config.snapshotDirectory() + " matches "
                    + connection.names().where(Setting.JOBS) + " (" + config.jobs()
                    + (config.excludes().isEmpty() ? "" : ", less " + config.excludes()) + "); nothing was imported.");
        }
        // The work folder is this run's until it ends: another import (a dry run too) would replace the package and
        // the plan under it.
        Folders.create(config.workDirectory());
        try (FolderLock lock = FolderLock.acquire(
                config.workDirectory(), "dlf:import", connection.names().where(Setting.WORK_DIRECTORY))) {
            OwnedFolder work = config.work();
            work.replace();
            work.record(WORK_FILES);
            return promote(pack, jobs, mapping);
        }
    }

    private Result promote(ImportPackage pack, List<String> jobs, EnvironmentMapping mapping)
            throws IOException, DlfApiException, ImportFailedException, InvalidMappingException, SelectionException,
                    ExportFailedException, SnapshotConflictException {
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
                    + " with a pattern of its own (" + connection.names().where(Setting.JOBS)
                    + ", such as ods_* then dwd_*); nothing was imported.");
        }
        ImportPlan plan = plan(jobs, contents);
        log.info("The package's SHA-256 is " + contents.zip().sha256() + "; this is what is uploaded.");
        if (config.dryRun()) {
            log.info("Dry run: nothing was uploaded or imported. The plan: "
                    + config.workDirectory().resolve(ImportPlan.MARKDOWN_FILE) + ".");
            return new Result(plan, null);
        }
        boolean options = config.targetStatus().isPresent()
                || config.executeUser().isPresent()
                || !config.params().isEmpty()
                || !config.jobParams().isEmpty();
        if (plan.empty() && !options) {
            log.info("Nothing to import: "
                    + (plan.change().isEmpty()
                            ? "the workspace has every file of the package as it is."
                            : (plan.change().size() == 1
                                            ? "1 file differs"
                                            : plan.change().size() + " files differ")
                                    + ", which sameNamePolicy SKIP keeps as the workspace has them; OVERWRITE would"
                                    + " replace them."));
            return new Result(plan, null);
        }
        if (plan.empty()) {
            log.info("The plan changes no definition; importing anyway for targetStatus, executeUser or the"
                    + " parameters, which take effect on import only.");
        }
        return new Result(plan, upload.run(contents));
    }

    private void validate() throws IOException, ImportFailedException {
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
    private ImportPlan plan(List<String> jobs, ImportPackage.Contents contents)
            throws IOException, DlfApiException, SelectionException, ExportFailedException, SnapshotConflictException {
        Set<String> existing = new HashSet<>();
        for (List<JobSummary> listed : new JobLister(client, log, connection.threads())
                .listAll(List.of("BATCH", "REAL_TIME"))
                .values()) {
            listed.forEach(job -> existing.add(job.name()));
        }
        List<String> present = jobs.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            Files.createDirectories(config.currentDirectory());
        } else {
            Exporter.forComparison(
                            ExportSettings.ofJobs(present, limits, config.currentDirectory()), connection, client, log)
                    .run();
        }
        addOthers(contents, contents.scripts(), DefinitionKind.SCRIPT);
        addOthers(contents, contents.resources(), DefinitionKind.RESOURCE);
        // From the bytes that are uploaded, not from their copy in the work folder, which something else could change.
        ImportPlan plan = ImportPlan.of(
                config.currentDirectory(),
                contents.files(),
                config.snapshotDirectory(),
                config.sameNamePolicy().equals("OVERWRITE"));
        plan.write(config.workDirectory(), target, contents.zip().sha256());
        plan.log(log);
        return plan;
    }

    /**
     * Adds to the target's state the scripts or resources of the package it holds apart from the jobs exported (on
     * their own, or used by other jobs), read one by one: each with only the fields the package's definition has,
     * since the reads add some of their own ({@code id}, {@code owner}; which ones is not confirmed).
     */
    private void addOthers(ImportPackage.Contents contents, List<String> names, DefinitionKind kind)
            throws IOException, DlfApiException {
        JsonNormalizer normalizer = new JsonNormalizer(limits.ignoreFields());
        for (String name : names) {
            Path current = config.currentDirectory().resolve(kind.folder()).resolve(kind.fileName(name));
            if (Files.exists(current)) {
                continue;
            }
            Optional<JsonNode> found = kind == DefinitionKind.SCRIPT
                    ? client.reads().script(name)
                    : client.reads().resource(name);
            byte[] packedBytes = contents.files().get(kind.path(name));
            if (found.isPresent() && found.get().isObject() && packedBytes != null) {
                JsonNode packaged = JSON.readTree(packedBytes);
                ObjectNode shared = JSON.createObjectNode();
                packaged.fieldNames().forEachRemaining(field -> {
                    if (found.get().has(field)) {
                        shared.set(field, found.get().get(field));
                    }
                });
                Files.createDirectories(current.getParent());
                Files.write(current, normalizer.normalize(JSON.writeValueAsBytes(shared)));
            }
        }
    }
}
