package io.github.dlfmaven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.testing.TestExport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection's settings and the export's, as the goals validate them. */
class SettingsTest {

    @TempDir
    Path temp;

    private TestExport.Builder valid() {
        return TestExport.builder()
                .names(MavenSettingNames.INSTANCE)
                .region("cn-north-4")
                .projectId("0833a5737480d53b2f25c010dc1a7b88")
                .jobs(List.of("a"))
                .outputDirectory(temp.resolve("target/dlf"));
    }

    @Test
    void defaultsMatchTheDocumentedOnes() throws Exception {
        TestExport config = valid().build();

        assertEquals(
                URI.create("https://dayu-dlf.cn-north-4.myhuaweicloud.com"),
                config.connection().endpoint());
        assertEquals(ExportStatus.DEVELOP, config.settings().exportStatus());
        assertTrue(config.settings().exportDepend());
        assertEquals(Optional.empty(), config.connection().workspace());
        assertEquals(Optional.empty(), config.settings().obsPath());
        assertEquals(4, config.connection().threads());
        assertEquals(3, config.connection().retries());
        assertEquals(10, config.connection().connectTimeout().toSeconds());
        assertEquals(120, config.connection().readTimeout().toSeconds());
        assertEquals(1L << 30, config.settings().limits().maxExtractedBytes());
        assertEquals(10_000, config.settings().limits().maxEntries());
    }

    @Test
    void endpointWinsOverRegionAndKeepsItsPathWithoutTrailingSlash() throws Exception {
        TestExport config = valid().endpoint("http://127.0.0.1:8080/dlf-proxy/").build();

        assertEquals(
                URI.create("http://127.0.0.1:8080/dlf-proxy"),
                config.connection().endpoint());
    }

    @Test
    void ipv6LoopbackEndpointIsKept() throws Exception {
        assertEquals(
                URI.create("http://[::1]:9000"),
                valid().endpoint("http://[::1]:9000").build().connection().endpoint());
    }

    @Test
    void malformedEndpointsAreRefused() {
        for (String endpoint : List.of(
                "dayu-dlf.cn-north-4.myhuaweicloud.com",
                "ftp://host",
                "https://",
                "http://h/x?y=1",
                "https://user:pw@host",
                "https://ho st")) {
            String message = problem(valid().endpoint(endpoint));
            assertTrue(message.contains("-Ddlf.endpoint"), endpoint + ": " + message);
            assertTrue(!message.contains("pw@"), "user info is not echoed: " + message);
        }
    }

    @Test
    void neitherRegionNorEndpoint() {
        String message = problem(valid().region(null));

        assertTrue(
                message.startsWith("No DLF endpoint")
                        && message.contains("-Ddlf.region")
                        && message.contains("-Ddlf.endpoint"),
                message);
    }

    @Test
    void regionMustLookLikeARegion() {
        assertTrue(problem(valid().region("cn north/4")).contains("is not a region id"));
    }

    @Test
    void projectIdComesFromTheParameterThenTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("HUAWEICLOUD_SDK_PROJECT_ID", "fromenv");

        assertEquals(
                "fromparameter",
                valid().projectId("fromparameter")
                        .environment(environment)
                        .build()
                        .connection()
                        .projectId());
        assertEquals(
                "fromenv",
                valid().projectId(" ")
                        .environment(environment)
                        .build()
                        .connection()
                        .projectId());
        assertTrue(problem(valid().projectId(null)).contains("HUAWEICLOUD_SDK_PROJECT_ID"));
        assertTrue(problem(valid().projectId("../x")).contains("is not valid"));
    }

    @Test
    void jobsAreTrimmedAndDeduplicatedInOrder() throws Exception {
        assertEquals(
                List.of("b", "a", "作业1", "daily load"),
                valid().jobs(Arrays.asList(" b", "a", "", null, "b ", "作业1", "daily load"))
                        .build()
                        .settings()
                        .jobs());
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
        assertEquals(
                ExportStatus.SUBMIT,
                valid().exportStatus("submit").build().settings().exportStatus());
        assertEquals(
                ExportStatus.DEVELOP,
                valid().exportStatus(null).build().settings().exportStatus());
        String message = problem(valid().exportStatus("PRODUCTION"));
        assertTrue(message.contains("'PRODUCTION'") && message.contains("-Ddlf.exportStatus"), message);
    }

    @Test
    void obsPathMustBeAnObsUrl() throws Exception {
        assertEquals(
                Optional.of("obs://bucket/dlf/"),
                valid().obsPath("obs://bucket/dlf/").build().settings().obsPath());
        assertTrue(problem(valid().obsPath("s3://bucket/")).contains("must start with obs://"));
    }

    @Test
    void ignoreFieldsAreParsedOrRefusedWithTheSettingNamed() throws Exception {
        assertEquals(
                List.of(List.of("nodes", "[*]", "location"), List.of("lastUpdateUser")),
                valid().ignoreFields(List.of(" nodes[*].location ", "lastUpdateUser", ""))
                        .build()
                        .settings()
                        .limits()
                        .ignoreFields()
                        .paths());
        String problem = problem(valid().ignoreFields(List.of("nodes[0].location")));
        assertTrue(problem.contains("ignoreFields"), problem);
        assertTrue(problem.contains("'nodes[0].location' is no field path"), problem);
    }

    @Test
    void workspaceMustBeAnId() throws Exception {
        assertEquals(
                Optional.of("1c1f4b2e"),
                valid().workspace(" 1c1f4b2e ").build().connection().workspace());
        assertTrue(problem(valid().workspace("ws\r\nX-Injected: 1")).contains("Workspace"));
    }

    @Test
    void outputDirectoryMayNotSwallowTheProject() throws Exception {
        Path basedir = temp.resolve("project");
        Files.createDirectories(basedir);

        assertTrue(problem(valid().outputDirectory(basedir).protectDirectory(basedir))
                .contains("contains"));
        assertTrue(
                problem(valid().outputDirectory(temp).protectDirectory(basedir)).contains("contains"));
        assertTrue(problem(valid().outputDirectory(basedir.getRoot())).contains("file system root"));
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertTrue(problem(valid().outputDirectory(file)).contains("is not a folder"));
        assertEquals(
                basedir.resolve("target/dlf"),
                valid().outputDirectory(basedir.resolve("target/../target/dlf"))
                        .protectDirectory(basedir)
                        .build()
                        .settings()
                        .outputDirectory());
    }

    @Test
    void limitsAreChecked() {
        assertTrue(problem(valid().threads(0))
                .contains("threads is 0 but must be between 1 and 64 (<threads> or -Ddlf.threads)"));
        assertTrue(problem(valid().retries(-1)).contains("-Ddlf.retries"));
        assertTrue(problem(valid().connectTimeoutSeconds(0)).contains("-Ddlf.connectTimeout"));
        assertTrue(problem(valid().readTimeoutSeconds(0)).contains("-Ddlf.readTimeout"));
        assertTrue(problem(valid().maxExtractedBytes(0)).contains("maxExtractedBytes is 0 but must be at least 1"));
        assertTrue(problem(valid().maxEntries(0)).contains("-Ddlf.maxEntries"));
    }

    @Test
    void everyUrlSettingIsCheckedWithItsNameAndProperty() {
        for (String port : List.of("0", "99999", "99999999999")) {
            String message = problem(valid().endpoint("http://127.0.0.1:" + port));
            assertTrue(
                    message.contains(
                            "has port " + port + ", which is not between 1 and 65535 (<endpoint> or -Ddlf.endpoint)"),
                    message);
        }
        String underscore = problem(valid().endpoint("https://dlf_gateway.internal"));
        assertTrue(
                underscore.contains("has a host name with '_'") && underscore.contains("-Ddlf.endpoint"), underscore);
        for (String iam : List.of("iam.cn-north-4.myhuaweicloud.com", "https://", "https://iam:70000", "ftp://iam")) {
            assertTrue(problem(valid().iamEndpoint(iam)).contains("(<iamEndpoint> or -Ddlf.iamEndpoint)"), iam);
        }
        for (String metadata : List.of(
                "169.254.169.254/openstack/latest/securitykey", "http://169.254.169.254:0/x", "http://meta data/")) {
            assertTrue(
                    problem(valid().metadataUrl(metadata)).contains("(<metadataUrl> or -Ddlf.metadataUrl)"), metadata);
        }
    }

    @Test
    void everyUrlTheConfigurationAcceptsIsOneTheHttpClientAccepts() throws Exception {
        List<String> candidates = List.of(
                "https://[fe80::1%25lo]/",
                "https://[::1%25eth0]",
                "http://[::1]:8080/x/",
                "https://dayu-dlf.cn-north-4.myhuaweicloud.com",
                "http://127.0.0.1:1",
                "http://localhost:65535/p",
                "https://xn--fsqu00a.xn--0zwm56d",
                "https://a..b",
                "https://-bad-.example",
                "https://例子.测试",
                "http://256.1.1.1",
                "https://host.:443",
                "http://h:08080",
                "https://dayu-dlf." + "x".repeat(64) + ".example.com",
                "https://xn--a.example.com",
                "https://xn--zz-6ja.example.com");
        for (String url : candidates) {
            for (TestExport.Builder builder :
                    List.of(valid().endpoint(url), valid().iamEndpoint(url), valid().metadataUrl(url))) {
                List<URI> accepted = new java.util.ArrayList<>();
                try {
                    TestExport config = builder.build();
                    accepted.add(config.connection().endpoint());
                    config.connection().iamEndpoint().ifPresent(accepted::add);
                    accepted.add(config.connection().metadataUrl());
                } catch (InvalidConfigurationException refusedWithAMessage) {
                    continue;
                }
                for (URI uri : accepted) {
                    okhttp3.HttpUrl.get(uri.toString()); // throws IllegalArgumentException where okhttp would
                }
            }
        }
        assertTrue(problem(valid().endpoint("https://[fe80::1%25lo]/")).contains("IPv6 address with a zone"));
        assertTrue(problem(valid().endpoint("https://" + "x".repeat(64) + ".example.com"))
                .contains("has a host name no HTTP client can use"));
        assertTrue(
                problem(valid().endpoint(null).region("cn-" + "x".repeat(64))).contains("is not a region id"));
    }

    @Test
    void theRegionIsCheckedEvenBesideAnEndpointSinceItNamesTheIamHost() throws Exception {
        String message = problem(valid().endpoint("http://127.0.0.1:8080").region("evil.example/x?"));

        assertTrue(
                message.contains("Region 'evil.example/x?' is not a region id") && message.contains("-Ddlf.region"),
                message);
        assertEquals(
                Optional.of(URI.create("https://iam.cn-north-4.myhuaweicloud.com")),
                valid().build().connection().iamEndpoint());
        assertEquals(
                Optional.of(URI.create("https://iam.example.test")),
                valid().iamEndpoint("https://iam.example.test/")
                        .build()
                        .connection()
                        .iamEndpoint());
        assertEquals(
                Optional.empty(),
                valid().region(null)
                        .endpoint("http://127.0.0.1:8080")
                        .build()
                        .connection()
                        .iamEndpoint());
    }

    @Test
    void trustStoreSettingsAreChecked() throws Exception {
        assertTrue(problem(valid().trustStore(temp.resolve("missing.p12")))
                .contains("does not exist (<trustStore> or -Ddlf.trustStore)"));
        assertTrue(problem(valid().trustStore(temp)).contains("is not a file"));
        String type = problem(valid().trustStoreType("PEM"));
        assertTrue(
                type.contains(
                        "Trust store type 'PEM' is not valid: use PKCS12 or JKS (<trustStoreType> or -Ddlf.trustStoreType)"),
                type);
        assertEquals(
                Optional.of("JKS"),
                valid().trustStoreType("jks").build().connection().trustStoreType());
    }

    @Test
    void wholeExportLimitsAreChecked() throws Exception {
        assertEquals(8L << 30, valid().build().settings().limits().maxTotalBytes());
        assertEquals(1800, valid().build().connection().callTimeout().toSeconds());
        assertTrue(problem(valid().maxTotalBytes(0))
                .contains("maxTotalBytes is 0 but must be at least 1 (<maxTotalBytes> or -Ddlf.maxTotalBytes)"));
        assertTrue(problem(valid().callTimeoutSeconds(0)).contains("(<callTimeout> or -Ddlf.callTimeout)"));
    }

    @Test
    void offlineOnlyAnEmulatorOfThisBuildMayBeContacted() throws Exception {
        URI emulator = URI.create("http://127.0.0.1:38211");

        assertEquals(
                emulator,
                valid().endpoint(emulator.toString())
                        .offline(true, emulator)
                        .build()
                        .connection()
                        .endpoint());
        String loopback = problem(valid().endpoint("http://127.0.0.1:9000").offline(true, emulator));
        assertTrue(
                loopback.contains("Maven runs offline (-o)")
                        && loopback.contains("not an emulator this build started")
                        && loopback.contains("-Ddlf.skip=true"),
                loopback);
        assertTrue(problem(valid().offline(true, null))
                .contains("and DLF is at https://dayu-dlf.cn-north-4.myhuaweicloud.com"));
        assertEquals(
                URI.create("http://127.0.0.1:9000"),
                valid().endpoint("http://127.0.0.1:9000")
                        .offline(false, null)
                        .build()
                        .connection()
                        .endpoint());
    }

    @Test
    void plainHttpWarningsSpareLoopbackOnly() throws Exception {
        assertEquals(
                Optional.empty(),
                valid().endpoint("http://127.0.0.1:9000")
                        .iamEndpoint("http://localhost:5000")
                        .build()
                        .connection()
                        .endpointWarning());
        assertEquals(
                Optional.empty(),
                valid().iamEndpoint("http://localhost:5000")
                        .build()
                        .connection()
                        .iamEndpointWarning());
        String iam = valid().iamEndpoint("http://iam.example.test")
                .build()
                .connection()
                .iamEndpointWarning()
                .orElseThrow();
        assertTrue(iam.contains("The IAM endpoint http://iam.example.test is plain http: an IAM user's password"), iam);
        assertTrue(valid().endpoint("http://dlf.example.test")
                .build()
                .connection()
                .endpointWarning()
                .orElseThrow()
                .contains("plain http"));
    }

    @Test
    void outputDirectoryIsComparedByTheFolderItReallyIs() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home/me"));
        Files.writeString(Files.createDirectories(home.resolve(".ssh")).resolve("id_ed25519"), "key");
        Path project = Files.createDirectories(temp.resolve("work/project"));
        Path linkToHome = Files.createSymbolicLink(
                Files.createDirectories(project.resolve("target")).resolve("dlf"), home);
        Path linkToProject = Files.createSymbolicLink(temp.resolve("work/snapshot"), project);
        Path linkToWork = Files.createSymbolicLink(temp.resolve("shortcut"), temp.resolve("work"));
        Path dangling = Files.createSymbolicLink(project.resolve("target/gone"), temp.resolve("nowhere/at/all"));

        String toHome = problem(
                valid().outputDirectory(linkToHome).protectDirectory(home).protectDirectory(project));
        assertTrue(
                toHome.contains("Output directory '" + linkToHome + "' (which is " + home.toRealPath() + ") contains")
                        && toHome.contains("<outputDirectory> or -Ddlf.outputDirectory"),
                toHome);
        assertTrue(problem(valid().outputDirectory(linkToProject).protectDirectory(project))
                .contains("contains"));
        assertTrue(problem(valid().outputDirectory(linkToWork).protectDirectory(project))
                .contains("contains"));
        String danglingProblem =
                problem(valid().outputDirectory(dangling.resolve("dlf")).protectDirectory(project));
        assertTrue(
                danglingProblem.contains("cannot be resolved") && danglingProblem.contains("-Ddlf.outputDirectory"),
                danglingProblem);
        Path fine = project.resolve("target/dlf-ok");
        assertEquals(
                fine,
                valid().outputDirectory(fine)
                        .protectDirectory(home)
                        .protectDirectory(project)
                        .build()
                        .settings()
                        .outputDirectory());
    }

    private static String problem(TestExport.Builder builder) {
        return assertThrows(InvalidConfigurationException.class, builder::build).getMessage();
    }
}
