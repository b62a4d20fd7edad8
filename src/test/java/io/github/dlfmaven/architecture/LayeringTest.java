package io.github.dlfmaven.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering the README states, held by the build: the packages form no cycle, Maven's types appear only in the glue
 * ({@code maven}), and nothing but the glue uses the emulator, which production code never depends on.
 */
@AnalyzeClasses(packages = "io.github.dlfmaven", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("io.github.dlfmaven.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule mavenOnlyInTheGlue = noClasses()
            .that()
            .resideOutsideOfPackage("io.github.dlfmaven.maven..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
            .because("the core is plain Java, testable without Maven; only the goals adapt Maven to it");

    @ArchTest
    static final ArchRule theEmulatorOnlyForTheGoals = noClasses()
            .that()
            .resideOutsideOfPackages("io.github.dlfmaven.emulator..", "io.github.dlfmaven.maven..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.github.dlfmaven.emulator..")
            .because("the emulator is a product for tests; no production path may depend on it");
}
