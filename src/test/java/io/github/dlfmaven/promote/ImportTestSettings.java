package io.github.dlfmaven.promote;

import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.SettingNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The settings the import tests vary, the rest as a plain import has them: into obs://import-bucket/dlf/, SKIP. */
final class ImportTestSettings {

    private ImportTestSettings() {}

    static ImportSettings of(
            List<String> jobs,
            String obsEndpoint,
            Path environment,
            long timeoutSeconds,
            boolean keepPackage,
            Path work)
            throws InvalidConfigurationException {
        return of(
                Path.of("src/it/quickstart/src/test/dlf"),
                jobs,
                obsEndpoint,
                environment,
                timeoutSeconds,
                keepPackage,
                work);
    }

    /** Of another snapshot than the quick start's. */
    static ImportSettings of(
            Path snapshot,
            List<String> jobs,
            String obsEndpoint,
            Path environment,
            long timeoutSeconds,
            boolean keepPackage,
            Path work)
            throws InvalidConfigurationException {
        return ImportSettings.check(
                new ImportSettings.Raw(
                        snapshot,
                        jobs,
                        List.of(),
                        "obs://import-bucket/dlf/",
                        obsEndpoint,
                        null,
                        "SKIP",
                        null,
                        null,
                        Map.of(),
                        Map.of(),
                        environment,
                        false,
                        timeoutSeconds,
                        keepPackage,
                        work,
                        false),
                SettingNames.PLAIN);
    }
}
