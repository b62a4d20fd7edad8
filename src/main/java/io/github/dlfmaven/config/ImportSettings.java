package io.github.dlfmaven.config;

import io.github.dlfmaven.files.OwnedFolder;
import io.github.dlfmaven.text.LogText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code import} needs on top of the connection it shares with {@code export}: the snapshot and which of its
 * jobs, where in OBS the package goes and which OBS endpoint takes it, the import's own options, and its work folder
 * ({@code package/}, {@code package.zip}, the target's current state in {@code current/}, {@code plan.json} and
 * {@code plan.md}).
 *
 * @param obsEndpoint OBS's service endpoint, without a bucket
 * @param environment the environment mapping file, if any
 * @param timeout how long the import's system task may run
 */
public record ImportSettings(
        Path snapshotDirectory,
        List<String> jobs,
        List<String> excludes,
        ObsLocation obsFolder,
        URI obsEndpoint,
        String sameNamePolicy,
        Optional<String> targetStatus,
        Optional<String> executeUser,
        Map<String, String> params,
        Map<String, Map<String, String>> jobParams,
        Optional<Path> environment,
        boolean dryRun,
        Duration timeout,
        boolean keepPackage,
        Path workDirectory) {

    private static final Set<String> POLICIES = Set.of("SKIP", "OVERWRITE");
    private static final String WORK_MARKER = ".dlf-import";
    private static final Set<String> TARGET_STATUSES = Set.of("SAVED", "SUBMITTED", "PRODUCTION");

    public ImportSettings {
        jobs = List.copyOf(jobs);
        excludes = List.copyOf(excludes);
        params = Map.copyOf(params);
        jobParams = Map.copyOf(jobParams);
    }

    /** The work folder's claim: each import replaces it whole, and no folder of other files. */
    public OwnedFolder work() {
        return new OwnedFolder(workDirectory, workDirectory.resolve(WORK_MARKER), "dlf:import", "import");
    }

    /** The mapped copy of what is imported, in the snapshot layout. */
    public Path packageDirectory() {
        return workDirectory.resolve("package");
    }

    /** The package uploaded to OBS. */
    public Path packageFile() {
        return workDirectory.resolve("package.zip");
    }

    /** The target workspace's current state of the jobs to import, exported for the plan. */
    public Path currentDirectory() {
        return currentDirectory(workDirectory);
    }

    /** Where an import with this work folder exports the target's current state. */
    public static Path currentDirectory(Path workDirectory) {
        return workDirectory.resolve("current");
    }

    /** The raw settings, as the front end has them; checked by {@link #check}. */
    public record Raw(
            Path snapshotDirectory,
            List<String> jobs,
            List<String> excludes,
            String obsPath,
            String obsEndpoint,
            String region,
            String sameNamePolicy,
            String targetStatus,
            String executeUser,
            Map<String, String> params,
            Map<String, Map<String, String>> jobParams,
            Path environment,
            boolean dryRun,
            long timeoutSeconds,
            boolean keepPackage,
            Path workDirectory,
            boolean offline) {}

    /**
     * @throws InvalidConfigurationException naming every problem, each with the setting to change
     */
    public static ImportSettings check(Raw raw, SettingNames names) throws InvalidConfigurationException {
        List<String> problems = new ArrayList<>();
        if (raw.offline()) {
            problems.add("An import changes a workspace in the cloud, which an offline build (-o) does not reach: run"
                    + " it without -o.");
        }
        if (raw.snapshotDirectory() == null || !Files.isDirectory(raw.snapshotDirectory())) {
            problems.add("No snapshot at " + raw.snapshotDirectory() + ": point "
                    + names.where(Setting.SNAPSHOT_DIRECTORY) + " at a folder dlf:export wrote.");
        }
        List<String> jobs = raw.jobs() == null
                ? List.of()
                : raw.jobs().stream()
                        .map(String::strip)
                        .filter(j -> !j.isEmpty())
                        .toList();
        if (jobs.isEmpty()) {
            problems.add("No jobs to import: name them, or patterns such as * or etl_*, in " + names.where(Setting.JOBS)
                    + ".");
        }
        ObsLocation folder = null;
        if (raw.obsPath() == null || raw.obsPath().isBlank()) {
            problems.add("No OBS folder for the package, which DLF imports from OBS: set "
                    + names.where(Setting.OBS_PATH) + ", such as obs://my-bucket/dlf-import/.");
        } else {
            try {
                folder = ObsLocation.parse(raw.obsPath().strip());
            } catch (IllegalArgumentException e) {
                problems.add("OBS folder '" + LogText.escape(raw.obsPath()) + "' " + e.getMessage() + " ("
                        + names.where(Setting.OBS_PATH) + ").");
            }
        }
        URI obsEndpoint = obsEndpoint(raw, names, problems);
        String policy = raw.sameNamePolicy() == null
                ? Defaults.SAME_NAME_POLICY
                : raw.sameNamePolicy().strip().toUpperCase(Locale.ROOT);
        if (!POLICIES.contains(policy)) {
            problems.add("sameNamePolicy '" + LogText.escape(raw.sameNamePolicy()) + "' is neither SKIP (keep a job or"
                    + " script of the same name as it is) nor OVERWRITE (" + names.where(Setting.SAME_NAME_POLICY)
                    + ").");
        }
        Optional<String> targetStatus = blank(raw.targetStatus()).map(s -> s.toUpperCase(Locale.ROOT));
        if (targetStatus.isPresent() && !TARGET_STATUSES.contains(targetStatus.get())) {
            problems.add("targetStatus '" + LogText.escape(raw.targetStatus()) + "' is none of SAVED, SUBMITTED and"
                    + " PRODUCTION (" + names.where(Setting.TARGET_STATUS) + ").");
        }
        if (raw.environment() != null && !Files.isRegularFile(raw.environment())) {
            problems.add("The environment mapping " + raw.environment() + " is not a file ("
                    + names.where(Setting.ENVIRONMENT) + ").");
        }
        if (raw.params() != null) {
            raw.params().forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    problems.add("The import parameter '" + LogText.escape(String.valueOf(name)) + "' has no value"
                            + " (<params>).");
                }
            });
        }
        if (raw.jobParams() != null) {
            raw.jobParams().forEach((job, values) -> {
                if (job == null || job.isBlank()) {
                    problems.add("A <jobParam> of <jobParams> has no <name>.");
                } else if (values.values().stream().anyMatch(v -> v == null)) {
                    problems.add("A parameter of job '" + LogText.escape(job) + "' in <jobParams> has no value.");
                }
            });
        }
        if (raw.timeoutSeconds() < 1 || raw.timeoutSeconds() > 86_400) {
            problems.add("timeout " + raw.timeoutSeconds() + " is not between 1 and 86400 seconds ("
                    + names.where(Setting.TIMEOUT) + ").");
        }
        if (raw.workDirectory() == null) {
            problems.add("No work folder: set " + names.where(Setting.WORK_DIRECTORY) + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Path snapshot = raw.snapshotDirectory().toAbsolutePath().normalize();
        Path work = raw.workDirectory().toAbsolutePath().normalize();
        boolean overlap;
        try {
            overlap = new OwnedFolder(work, work.resolve(WORK_MARKER), "dlf:import", "import").overlaps(snapshot);
        } catch (java.io.IOException e) {
            throw new InvalidConfigurationException(List.of("The work folder " + work + " cannot be resolved: "
                    + e.getMessage() + " (" + names.where(Setting.WORK_DIRECTORY) + ")."));
        }
        if (overlap) {
            throw new InvalidConfigurationException(List.of("The work folder " + work + " and the snapshot " + snapshot
                    + " must not lie inside each other: the import replaces its work folder on every run ("
                    + names.where(Setting.WORK_DIRECTORY) + ")."));
        }
        return new ImportSettings(
                snapshot,
                jobs,
                raw.excludes() == null ? List.of() : raw.excludes(),
                folder,
                obsEndpoint,
                policy,
                targetStatus,
                blank(raw.executeUser()),
                raw.params() == null ? Map.of() : raw.params(),
                raw.jobParams() == null ? Map.of() : raw.jobParams(),
                Optional.ofNullable(raw.environment())
                        .map(p -> p.toAbsolutePath().normalize()),
                raw.dryRun(),
                Duration.ofSeconds(raw.timeoutSeconds()),
                raw.keepPackage(),
                work);
    }

    /** A warning for an OBS endpoint that would carry signatures and a security token unencrypted. */
    public Optional<String> obsEndpointWarning() {
        return ServiceUrls.plainHttpWarning(
                obsEndpoint, "The OBS endpoint", "the package, signatures and a security token");
    }

    /** The explicit endpoint, or OBS in the region, {@code https://obs.{region}.myhuaweicloud.com}. */
    private static URI obsEndpoint(Raw raw, SettingNames names, List<String> problems) {
        String explicit = RawValues.blank(raw.obsEndpoint());
        if (explicit != null) {
            URI url = ServiceUrls.parse(
                    explicit,
                    "OBS endpoint",
                    names.where(Setting.OBS_ENDPOINT),
                    "https://obs.cn-north-4.myhuaweicloud.com",
                    false,
                    problems);
            // OBS signs /bucket/key from the host's root: a path before it would be sent and not signed.
            if (url != null && url.getRawPath() != null && !url.getRawPath().isEmpty()) {
                problems.add("OBS endpoint '" + LogText.escape(explicit) + "' has a path; OBS is addressed at the root"
                        + " of its host, such as https://obs.cn-north-4.myhuaweicloud.com ("
                        + names.where(Setting.OBS_ENDPOINT) + ").");
                return null;
            }
            return url;
        }
        String region = RawValues.blank(raw.region());
        if (region == null || !Endpoints.validRegion(region)) {
            problems.add("No OBS endpoint: set the region with " + names.where(Setting.REGION)
                    + " or the endpoint with " + names.where(Setting.OBS_ENDPOINT) + ".");
            return null;
        }
        return Endpoints.regional("obs", region);
    }

    private static Optional<String> blank(String value) {
        return Optional.ofNullable(RawValues.blank(value));
    }
}
