package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.validate.Problem;
import io.github.dlfmaven.validate.Rule;
import io.github.dlfmaven.validate.SnapshotValidator;
import io.github.dlfmaven.validate.Validation;
import io.github.dlfmaven.validate.ValidationReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks a snapshot offline: every definition parses, names match files, the node graph of each job is sound, the
 * scripts and resources the nodes name are there, cron expressions are valid, and no value looks like a secret. Needs
 * no credentials, sends no request, works under {@code -o}. Each problem is one line ending with its rule's id; the
 * problems also go to {@code target/dlf-validate/report.json}. Errors fail the build.
 *
 * <p>Its default phase, {@code process-resources}, comes after {@code dlf:export} ({@code generate-resources}) and
 * before {@code dlf:check} ({@code verify}), so a pom that binds all three runs them in that order.
 *
 * @since 0.1.0
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true, requiresProject = false)
public class ValidateMojo extends AbstractSnapshotMojo {

    /**
     * Whether warnings (rules DLF-V09 and DLF-V11) fail the build too.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.FAIL_ON_WARNING, defaultValue = Defaults.FAIL_ON_WARNING)
    boolean failOnWarning;

    /**
     * Ids of rules not to check, such as {@code DLF-V11}; comma-separated on the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXCLUDE_RULES)
    List<String> excludeRules;

    /**
     * Where {@code report.json} goes.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/dlf-validate", readonly = true)
    File reportDirectory;

    @Inject
    public ValidateMojo(MavenSession session) {
        super(session);
    }

    @Override
    String goal() {
        return "validate";
    }

    @Override
    void run(Path snapshot) throws MojoExecutionException, MojoFailureException {
        Path reports = orDefault(reportDirectory, "target/dlf-validate").toPath();
        Validation validation;
        try {
            Set<Rule> excluded = excluded();
            validation = new SnapshotValidator(excluded).validate(snapshot);
            ValidationReport.write(validation, reports);
        } catch (InvalidConfigurationException e) {
            throw new MojoFailureException(e.describe("dlf:validate"), e);
        } catch (IOException e) {
            throw new MojoExecutionException("The DLF validate failed: " + e.getMessage(), e);
        }
        for (Problem problem : validation.problems()) {
            if (problem.rule().severity() == Rule.Severity.ERROR) {
                getLog().error(problem.toString());
            } else {
                getLog().warn(problem.toString());
            }
        }
        validation.notes().forEach(getLog()::info);
        String summary = "DLF validate: " + validation.errors() + " error(s), " + validation.warnings()
                + " warning(s) in " + validation.files() + " definitions of " + snapshot + "; report: "
                + reports.resolve(ValidationReport.FILE) + ".";
        if (validation.errors() > 0 || (failOnWarning && validation.warnings() > 0)) {
            throw new MojoFailureException(summary + " Fix the problems listed above, or leave a rule out with "
                    + MavenSettingNames.INSTANCE.where(Setting.EXCLUDE_RULES) + ".");
        }
        getLog().info(summary);
    }

    private Set<Rule> excluded() throws InvalidConfigurationException {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        List<String> unknown = new ArrayList<>();
        for (String id : excludeRules == null ? List.<String>of() : excludeRules) {
            for (String part : id.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Optional<Rule> rule = Rule.byId(part);
                rule.ifPresentOrElse(rules::add, () -> unknown.add(part.trim()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException(List.of("Unknown rule(s) in "
                    + MavenSettingNames.INSTANCE.where(Setting.EXCLUDE_RULES) + ": " + String.join(", ", unknown)
                    + ". The rules are "
                    + Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.joining(", ")) + "."));
        }
        return rules;
    }
}
