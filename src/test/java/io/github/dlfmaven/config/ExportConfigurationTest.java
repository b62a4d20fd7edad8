package io.github.dlfmaven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportConfigurationTest {

    @TempDir
    Path temp;

    private ExportConfiguration.Builder valid() {
        return ExportConfiguration.builder().region("cn-north-4").projectId("0833a5737480d53b2f25c010dc1a7b88")
                .jobs(List.of("a")).outputDirectory(temp.resolve("target/dlf"));
    }

    @Test
    void defaultsMatchTheDocumentedOnes() throws Exception {
        ExportConfiguration config = valid().build();

        assertEquals(URI.create("https://dayu-dlf.cn-north-4.myhuaweicloud.com"), config.endpoint());
        assertEquals(ExportStatus.DEVELOP, config.exportStatus());
        assertTrue(config.exportDepend());
        assertEquals(Optional.empty(), config.workspace());
        assertEquals(Optional.empty(), config.obsPath());
        assertEquals(4, config.threads());
        assertEquals(3, config.retries());
        assertEquals(10, config.connectTimeout().toSeconds());
        assertEquals(120, config.readTimeout().toSeconds());
        assertEquals(1L << 30, config.maxExtractedBytes());
        assertEquals(10_000, config.maxEntries());
    }

    @Test
    void endpointWinsOverRegionAndKeepsItsPathWithoutTrailingSlash() throws Exception {
        ExportConfiguration config = valid().endpoint("http://127.0.0.1:8080/dlf-proxy/").build();

        assertEquals(URI.create("http://127.0.0.1:8080/dlf-proxy"), config.endpoint());
    }

    @Test
    void ipv6LoopbackEndpointIsKept() throws Exception {
        assertEquals(URI.create("http://[::1]:9000"), valid().endpoint("http://[::1]:9000").build().endpoint());
    }

    @Test
    void malformedEndpointsAreRefused() {
        for (String endpoint : List.of("dayu-dlf.cn-north-4.myhuaweicloud.com", "ftp://host", "https://", "http://h/x?y=1",
                "https://user:pw@host", "https://ho st")) {
            String message = problem(valid().endpoint(endpoint));
            assertTrue(message.contains("-Ddlf.endpoint"), endpoint + ": " + message);
            assertTrue(!message.contains("pw@"), "user info is not echoed: " + message);
        }
    }

    @Test
    void neitherRegionNorEndpoint() {
        String message = problem(valid().region(null));

        assertTrue(message.startsWith("No DLF endpoint") && message.contains("-Ddlf.region") && message.contains("-Ddlf.endpoint"),
                message);
    }

    @Test
    void regionMustLookLikeARegion() {
        assertTrue(problem(valid().region("cn north/4")).contains("is not a region id"));
    }

    @Test
    void projectIdComesFromTheParameterThenTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("HUAWEICLOUD_SDK_PROJECT_ID", "fromenv");

        assertEquals("fromparameter", valid().projectId("fromparameter").environment(environment).build().projectId());
        assertEquals("fromenv", valid().projectId(" ").environment(environment).build().projectId());
        assertTrue(problem(valid().projectId(null)).contains("HUAWEICLOUD_SDK_PROJECT_ID"));
        assertTrue(problem(valid().projectId("../x")).contains("is not valid"));
    }

    @Test
    void jobsAreTrimmedAndDeduplicatedInOrder() throws Exception {
        assertEquals(List.of("b", "a", "作业1", "daily load"),
                valid().jobs(Arrays.asList(" b", "a", "", null, "b ", "作业1", "daily load")).build().jobs());
    }

    @Test
    void noJobsOrBadJobNames() {
        assertTrue(problem(valid().jobs(List.of())).startsWith("No jobs to export"));
        assertTrue(problem(valid().jobs(List.of(" ", ""))).startsWith("No jobs to export"));
        for (String name : List.of("a/b", "..", "a\\b", "tab\tname")) {
            assertTrue(problem(valid().jobs(List.of(name))).contains("is not valid"), name);
        }
    }

    @Test
    void exportStatusIsDevelopOrSubmitInAnyCase() throws Exception {
        assertEquals(ExportStatus.SUBMIT, valid().exportStatus("submit").build().exportStatus());
        assertEquals(ExportStatus.DEVELOP, valid().exportStatus(null).build().exportStatus());
        String message = problem(valid().exportStatus("PRODUCTION"));
        assertTrue(message.contains("'PRODUCTION'") && message.contains("-Ddlf.exportStatus"), message);
    }

    @Test
    void obsPathMustBeAnObsUrl() throws Exception {
        assertEquals(Optional.of("obs://bucket/dlf/"), valid().obsPath("obs://bucket/dlf/").build().obsPath());
        assertTrue(problem(valid().obsPath("s3://bucket/")).contains("must start with obs://"));
    }

    @Test
    void workspaceMustBeAnId() throws Exception {
        assertEquals(Optional.of("1c1f4b2e"), valid().workspace(" 1c1f4b2e ").build().workspace());
        assertTrue(problem(valid().workspace("ws\r\nX-Injected: 1")).contains("Workspace"));
    }

    @Test
    void outputDirectoryMayNotSwallowTheProject() throws Exception {
        Path basedir = temp.resolve("project");
        Files.createDirectories(basedir);

        assertTrue(problem(valid().outputDirectory(basedir).protectDirectory(basedir)).contains("contains"));
        assertTrue(problem(valid().outputDirectory(temp).protectDirectory(basedir)).contains("contains"));
        assertTrue(problem(valid().outputDirectory(basedir.getRoot())).contains("file system root"));
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertTrue(problem(valid().outputDirectory(file)).contains("is not a folder"));
        assertEquals(basedir.resolve("target/dlf"),
                valid().outputDirectory(basedir.resolve("target/../target/dlf")).protectDirectory(basedir).build().outputDirectory());
    }

    @Test
    void limitsAreChecked() {
        assertTrue(problem(valid().threads(0)).contains("threads is 0 but must be between 1 and 64 (<threads> or -Ddlf.threads)"));
        assertTrue(problem(valid().retries(-1)).contains("-Ddlf.retries"));
        assertTrue(problem(valid().connectTimeoutSeconds(0)).contains("-Ddlf.connectTimeout"));
        assertTrue(problem(valid().readTimeoutSeconds(0)).contains("-Ddlf.readTimeout"));
        assertTrue(problem(valid().maxExtractedBytes(0)).contains("maxExtractedBytes is 0 but must be at least 1"));
        assertTrue(problem(valid().maxEntries(0)).contains("-Ddlf.maxEntries"));
    }

    private static String problem(ExportConfiguration.Builder builder) {
        return assertThrows(InvalidConfigurationException.class, builder::build).getMessage();
    }
}
