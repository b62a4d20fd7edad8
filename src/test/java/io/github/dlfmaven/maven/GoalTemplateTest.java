package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.testing.ForwardProxy;
import io.github.dlfmaven.testing.MetadataService;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * The goal inside Maven's own container (maven-plugin-testing-harness): parameter binding, credential
 * sources with the real {@code SettingsDecrypter}, configuration errors, skip; requests go to a local server.
 */
/**
 * What every goal that talks to DLF gets from the template, shown through {@code dlf:export}: the credential sources in
 * their order (settings.xml, the environment, IAM users and tokens, OIDC, the metadata service), the settings.xml
 * proxies, trust stores, offline builds and the configuration's problems, all before or around any request.
 */
@MojoTest
class GoalTemplateTest extends GoalTestBase {

    static final String SETTINGS_AK = "SETTINGSAK0000000001";
    static final String SETTINGS_SK = "settingsSecretKey00000000000000000000000";
    static final String ENV_AK = "ENVIRONMENTAK0000001";
    static final String ENV_SK = "environmentSecretKey000000000000000000000";
    static final String ENV_TOKEN = "environmentSecurityToken0000";
    static final String MASTER_PASSWORD = "test-master-password";

    @Test
    @InjectMojo(goal = "export")
    void missingProjectIdIsReportedBeforeAnyRequest(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        mojo.projectId = null;
        environment(ENV_AK, ENV_SK, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().contains("-Ddlf.projectId") && e.getMessage().contains("HUAWEICLOUD_SDK_PROJECT_ID"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void projectIdFallsBackToTheEnvironment(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        mojo.projectId = null;
        environment(ENV_AK, ENV_SK, null);
        systemProperties.setProperty("env.HUAWEICLOUD_SDK_PROJECT_ID", "fromenvironment");
        server.enqueue(zip("jobs/a.job", "{}"));

        mojo.execute();

        assertEquals(
                "/v1/fromenvironment/jobs/a/export",
                server.takeRequest().getUrl().encodedPath());
    }

    @Test
    @InjectMojo(goal = "export")
    @MojoParameter(name = "exportStatus", value = "RELEASED")
    void everyConfigurationProblemIsListedAtOnce(ExportMojo mojo) throws Exception {
        mojo.outputDirectory = temp.resolve("out").toFile();
        mojo.endpoint = "ftp://example.invalid/";
        mojo.projectId = "p";
        environment(ENV_AK, ENV_SK, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
        assertTrue(
                e.getMessage().contains("'RELEASED' is not valid: use DEVELOP")
                        && e.getMessage().contains("or SUBMIT"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("ftp://example.invalid/")
                        && e.getMessage().contains("-Ddlf.endpoint"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("No jobs to export") && e.getMessage().contains("-Ddlf.jobs"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "export")
    void noCredentialsAnywhere(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().contains("<id>dlf</id>")
                        && e.getMessage().contains("HUAWEICLOUD_SDK_AK")
                        && e.getMessage().contains("HUAWEICLOUD_SDK_SK"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void encryptedSettingsPasswordWinsOverTheEnvironment(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        encryptedServer("dlf", SETTINGS_AK, SETTINGS_SK);
        environment(ENV_AK, ENV_SK, ENV_TOKEN);
        server.enqueue(zip("jobs/a.job", "{}"));

        mojo.execute();

        RecordedRequest sent = server.takeRequest();
        assertTrue(sent.getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=" + SETTINGS_AK + ", "));
        assertNull(
                sent.getHeaders().get("X-Security-Token"), "the environment's token belongs to the environment's key");
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("with credentials from settings.xml server 'dlf'")),
                lines::toString);
        assertNoSecretIn(lines, sent);
    }

    @Test
    @InjectMojo(goal = "export")
    @MojoParameter(name = "serverId", value = "other")
    void environmentIsUsedWhenTheServerIsAbsent(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        encryptedServer("dlf", SETTINGS_AK, SETTINGS_SK);
        environment(ENV_AK, ENV_SK, ENV_TOKEN);
        server.enqueue(zip("jobs/a.job", "{}"));

        mojo.execute();

        RecordedRequest sent = server.takeRequest();
        assertTrue(sent.getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=" + ENV_AK + ", "));
        assertEquals(ENV_TOKEN, sent.getHeaders().get("X-Security-Token"));
        assertTrue(sent.getHeaders().get("Authorization").contains(";x-security-token,"));
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("with credentials from environment (HUAWEICLOUD_SDK_AK")),
                lines::toString);
        assertNoSecretIn(lines, sent);
    }

    @Test
    @InjectMojo(goal = "export")
    void aPasswordThatCannotBeDecryptedFailsTheBuild(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        writeSettingsSecurity();
        Server broken = new Server();
        broken.setId("dlf");
        broken.setUsername(SETTINGS_AK);
        broken.setPassword(new DefaultPlexusCipher().encryptAndDecorate(SETTINGS_SK, "a-different-master-password"));
        settings.addServer(broken);
        environment(ENV_AK, ENV_SK, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().startsWith("Cannot decrypt the password of settings.xml server 'dlf'"), e.getMessage());
        assertTrue(e.getMessage().contains("settings-security.xml"), e.getMessage());
        assertFalse(e.getMessage().contains(broken.getPassword()), "not even the encrypted value is shown");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void unauthorizedNamesTheCredentialSourceAndLeaksNothing(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, ENV_TOKEN);
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body(
                        "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}")
                .build());

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().contains("job 'a'")
                        && e.getMessage().contains("HTTP 401")
                        && e.getMessage().contains("APIGW.0301")
                        && e.getMessage().contains("environment (HUAWEICLOUD_SDK_AK"),
                e.getMessage());
        List<String> everything = new ArrayList<>(lines);
        everything.add(e.getMessage());
        assertNoSecretIn(everything, server.takeRequest());
    }

    @Test
    @InjectMojo(goal = "export")
    void offlineBuildsDoNotReachRemoteEndpoints(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        mojo.endpoint = "https://dayu-dlf.cn-north-4.myhuaweicloud.com";
        environment(ENV_AK, ENV_SK, null);
        offline = true;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("offline (-o)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "export")
    void offlineEvenALoopbackEndpointIsRefusedUnlessItIsThisBuildsEmulator(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        offline = true;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().contains("offline (-o)")
                        && e.getMessage().contains("not an emulator this build started"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void badUrlsAreConfigurationErrorsNotCrashes(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        mojo.endpoint = "http://127.0.0.1:99999";
        mojo.iamEndpoint = "iam.example.test";
        mojo.metadataUrl = "http://169.254.169.254:0/openstack/latest/securitykey";
        mojo.region = "evil.example/x?";

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("The dlf:export configuration has 4 problems"), e.getMessage());
        for (String property : List.of("-Ddlf.endpoint", "-Ddlf.iamEndpoint", "-Ddlf.metadataUrl", "-Ddlf.region")) {
            assertTrue(e.getMessage().contains(property), property + ": " + e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void anUnreachableEndpointIsAnExecutionError(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        mojo.retries = 0;
        int port = server.getPort();
        server.close();
        mojo.endpoint = "http://127.0.0.1:" + port;

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().contains("could not connect to http://127.0.0.1:" + port), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "export")
    void theSettingsProxyCarriesTheRequestsWithItsCredentials(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        server.enqueue(zip("jobs/a.job", "{}"));
        try (ForwardProxy proxy = new ForwardProxy("builder", "proxy-secret")) {
            repositorySession(new DefaultProxySelector()
                    .add(
                            new Proxy(
                                    "http",
                                    "127.0.0.1",
                                    proxy.port(),
                                    new AuthenticationBuilder()
                                            .addUsername("builder")
                                            .addPassword("proxy-secret")
                                            .build()),
                            "*.example.com"));

            mojo.execute();

            String target = "POST " + server.url("/v1/0833a5737480d53b2f25c010dc1a7b88/jobs/a/export");
            assertEquals(List.of("407 " + target, target), proxy.requests());
            assertTrue(
                    lines.contains("[DEBUG] Using the settings.xml proxy 127.0.0.1:" + proxy.port()
                            + " (as builder) for " + mojo.endpoint.replaceAll("/$", "")),
                    lines::toString);
            lines.forEach(line -> assertFalse(line.contains("proxy-secret"), line));
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void offlineTheBuildsEmulatorIsReachedDirectlyNeverThroughTheProxy(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        Path fixtures = Files.createDirectories(temp.resolve("fixtures/jobs"));
        Files.writeString(fixtures.resolve("a.job"), "{\"name\":\"a\"}");
        try (ForwardProxy proxy = new ForwardProxy(null, null);
                DlfEmulator emulator = DlfEmulator.builder(fixtures.getParent(), Credentials.of(ENV_AK, ENV_SK, "test"))
                        .start()) {
            repositorySession(new DefaultProxySelector().add(new Proxy("http", "127.0.0.1", proxy.port(), null), ""));
            Map<String, Object> context = new HashMap<>();
            new EmulatorContext(emulator, false).store(context);
            mojo.setPluginContext(context);
            mojo.endpoint = emulator.endpoint().toString();
            offline = true;

            mojo.execute();

            assertEquals(List.of(), proxy.requests(), "offline, nothing goes to a proxy");
            assertTrue(Files.isRegularFile(mojo.outputDirectory.toPath().resolve("jobs/a.job")));
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void nonProxyHostsBypassTheProxy(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        server.enqueue(zip("jobs/a.job", "{}"));
        try (ForwardProxy proxy = new ForwardProxy(null, null)) {
            repositorySession(new DefaultProxySelector()
                    .add(new Proxy("http", "127.0.0.1", proxy.port(), null), "*.example.com|" + server.getHostName()));

            mojo.execute();

            assertEquals(List.of(), proxy.requests());
            assertEquals(1, server.getRequestCount());
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void anUnreadableTrustStoreFailsBeforeAnyRequest(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(ENV_AK, ENV_SK, null);
        mojo.trustStore =
                Files.writeString(temp.resolve("store.p12"), "not a key store").toFile();

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().startsWith("Cannot read the trust store")
                        && e.getMessage().contains("-Ddlf.trustStore"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void aSettingsServerCanHoldAnIamToken(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        Server token = new Server();
        token.setId("dlf");
        token.setPassword("settings-iam-token-0123456789");
        token.setConfiguration(Xpp3DomBuilder.build(
                new StringReader("<configuration><authentication>token</authentication></configuration>")));
        settings.addServer(token);
        environment(ENV_AK, ENV_SK, null);
        server.enqueue(zip("jobs/a.job", "{}"));

        mojo.execute();

        RecordedRequest sent = server.takeRequest();
        assertEquals("settings-iam-token-0123456789", sent.getHeaders().get("X-Auth-Token"));
        assertNull(sent.getHeaders().get("Authorization"));
        lines.forEach(line -> assertFalse(line.contains("settings-iam-token"), line));
    }

    @Test
    @InjectMojo(goal = "export")
    void anIamUserGetsItsTokenFromIam(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        Server user = new Server();
        user.setId("dlf");
        user.setUsername("builder");
        user.setPassword("iam-user-password");
        user.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><authentication>password</authentication><domain>acme</domain></configuration>")));
        settings.addServer(user);
        try (MockWebServer iam = new MockWebServer()) {
            iam.enqueue(new MockResponse.Builder()
                    .code(201)
                    .setHeader("X-Subject-Token", "TOKEN-FROM-IAM")
                    .body("{\"token\":{\"expires_at\":\"2999-01-01T00:00:00.000000Z\"}}")
                    .build());
            iam.start(InetAddress.getLoopbackAddress(), 0);
            mojo.iamEndpoint = iam.url("/").toString();
            server.enqueue(zip("jobs/a.job", "{}"));

            mojo.execute();

            assertEquals("/v3/auth/tokens", iam.takeRequest().getUrl().encodedPath());
            assertEquals("TOKEN-FROM-IAM", server.takeRequest().getHeaders().get("X-Auth-Token"));
            assertTrue(
                    lines.stream()
                            .anyMatch(l -> l.contains("with credentials from an IAM token for user 'builder' of"
                                    + " settings.xml server 'dlf'")),
                    lines::toString);
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void aWrongIamPasswordIsTriedOnceAndReportedOnceAsTheUsersToFix(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a", "b", "c", "d", "e", "f", "g", "h");
        mojo.threads = 8;
        mojo.batch = false;
        Server user = new Server();
        user.setId("dlf");
        user.setUsername("builder");
        user.setPassword("a-wrong-password");
        user.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><authentication>password</authentication><domain>acme</domain></configuration>")));
        settings.addServer(user);
        try (MockWebServer iam = new MockWebServer()) {
            for (int i = 0; i < 8; i++) {
                iam.enqueue(new MockResponse.Builder()
                        .code(401)
                        .setHeader("Content-Type", "application/json")
                        .body("{\"error\":{\"message\":\"The username or password is wrong.\",\"code\":401}}")
                        .build());
            }
            iam.start(InetAddress.getLoopbackAddress(), 0);
            mojo.iamEndpoint = iam.url("/").toString();

            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

            assertEquals(1, iam.getRequestCount(), "the password went to IAM once, not once per thread");
            assertEquals(0, server.getRequestCount());
            assertEquals(1, e.getMessage().split("The username or password is wrong", -1).length - 1, e.getMessage());
            assertFalse(e.getMessage().contains("a-wrong-password"), e.getMessage());
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void iamAndDlfEachGoThroughTheProxySettingsChooseForTheirOwnHost(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        mojo.endpoint = "http://localhost:" + server.getPort() + "/";
        Server user = new Server();
        user.setId("dlf");
        user.setUsername("builder");
        user.setPassword("iam-user-password");
        user.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><authentication>password</authentication><domain>acme</domain></configuration>")));
        settings.addServer(user);
        try (MockWebServer iam = new MockWebServer();
                ForwardProxy proxy = new ForwardProxy(null, null)) {
            iam.enqueue(new MockResponse.Builder()
                    .code(201)
                    .setHeader("X-Subject-Token", "TOKEN-FROM-IAM")
                    .body("{\"token\":{\"expires_at\":\"2999-01-01T00:00:00.000000Z\"}}")
                    .build());
            iam.start(InetAddress.getLoopbackAddress(), 0);
            mojo.iamEndpoint = "http://127.0.0.1:" + iam.getPort() + "/";
            // settings.xml: a proxy for every host but 127.0.0.1, where IAM is.
            repositorySession(
                    new DefaultProxySelector().add(new Proxy("http", "127.0.0.1", proxy.port(), null), "127.0.0.1"));
            server.enqueue(zip("jobs/a.job", "{}"));

            mojo.execute();

            assertEquals(1, iam.getRequestCount(), "IAM was reached directly");
            assertEquals(
                    List.of("POST http://localhost:" + server.getPort()
                            + "/v1/0833a5737480d53b2f25c010dc1a7b88/jobs/a/export"),
                    proxy.requests().stream()
                            .map(r -> r.replaceAll(" HTTP/1.1$", ""))
                            .toList(),
                    "only the DLF request went through the proxy");
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void anEnvironmentTokenComesAfterTheEnvironmentKeys(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        systemProperties.setProperty("env.DLF_AUTH_TOKEN", "environment-token-0123456789");
        server.enqueue(zip("jobs/a.job", "{}"));

        mojo.execute();

        assertEquals(
                "environment-token-0123456789",
                server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("with credentials from environment (DLF_AUTH_TOKEN)")),
                lines::toString);
    }

    @Test
    @InjectMojo(goal = "export")
    void metadataCredentialsOnlyWhenAskedFor(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        try (MetadataService metadata = new MetadataService(MetadataService.Mode.TOKEN_REQUIRED)) {
            metadata.credentials("TEMPAK", "tempSecret", "tempToken", Instant.parse("2999-01-01T00:00:00Z"));
            mojo.metadataUrl = metadata.keyUrl();

            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
            assertTrue(e.getMessage().contains("-Ddlf.metadataCredentials=true"), e.getMessage());
            assertEquals(0, metadata.requests().size(), "never probed unasked");

            mojo.metadataCredentials = true;
            server.enqueue(zip("jobs/a.job", "{}"));
            mojo.execute();

            RecordedRequest sent = server.takeRequest();
            assertTrue(sent.getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=TEMPAK, "));
            assertEquals("tempToken", sent.getHeaders().get("X-Security-Token"));
        }
    }

    @Test
    @InjectMojo(goal = "export")
    void oidcFederationTradesTheIdTokenFileForTemporaryKeys(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        Path tokenFile = Files.writeString(temp.resolve("oidc-token"), "github-oidc-id-token\n");
        systemProperties.setProperty("env.HUAWEICLOUD_SDK_IDP_ID", "github-actions");
        systemProperties.setProperty("env.HUAWEICLOUD_SDK_ID_TOKEN_FILE", tokenFile.toString());
        try (MockWebServer iam = new MockWebServer()) {
            iam.enqueue(new MockResponse.Builder()
                    .code(201)
                    .setHeader("X-Subject-Token", "FEDERATED-TOKEN")
                    .body("{\"token\":{}}")
                    .build());
            iam.enqueue(new MockResponse.Builder()
                    .code(201)
                    .body("{\"credential\":{\"access\":\"FEDAK\","
                            + "\"secret\":\"federatedSecret\",\"securitytoken\":\"federatedToken\","
                            + "\"expires_at\":\"2999-01-01T00:00:00.000000Z\"}}")
                    .build());
            iam.start(InetAddress.getLoopbackAddress(), 0);
            mojo.iamEndpoint = iam.url("/").toString();
            server.enqueue(zip("jobs/a.job", "{}"));

            mojo.execute();

            RecordedRequest exchange = iam.takeRequest();
            assertEquals("/v3.0/OS-AUTH/id-token/tokens", exchange.getUrl().encodedPath());
            assertEquals("github-actions", exchange.getHeaders().get("X-Idp-Id"));
            assertEquals(
                    "/v3.0/OS-CREDENTIAL/securitytokens",
                    iam.takeRequest().getUrl().encodedPath());
            RecordedRequest sent = server.takeRequest();
            assertTrue(sent.getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=FEDAK, "));
            assertEquals("federatedToken", sent.getHeaders().get("X-Security-Token"));
            assertTrue(
                    lines.stream()
                            .anyMatch(l -> l.contains(
                                    "with credentials from OIDC federation (identity" + " provider 'github-actions'")),
                    lines::toString);
            lines.forEach(line ->
                    assertFalse(line.contains("github-oidc-id-token") || line.contains("federatedSecret"), line));
        }
    }

    private void configureForServer(ExportMojo mojo, String... jobs) {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "0833a5737480d53b2f25c010dc1a7b88";
        mojo.jobs = List.of(jobs);
        mojo.outputDirectory = temp.resolve("target/dlf").toFile();
    }

    /** A settings.xml server whose password is encrypted with a master password from a generated settings-security.xml. */
    private void encryptedServer(String id, String ak, String sk) throws Exception {
        writeSettingsSecurity();
        Server server = new Server();
        server.setId(id);
        server.setUsername(ak);
        server.setPassword(new DefaultPlexusCipher().encryptAndDecorate(sk, MASTER_PASSWORD));
        settings.addServer(server);
    }

    private void writeSettingsSecurity() throws Exception {
        Path security = temp.resolve("settings-security.xml");
        // Maven keeps the master password encrypted with the fixed passphrase "settings.security".
        Files.writeString(
                security,
                "<settingsSecurity><master>"
                        + new DefaultPlexusCipher().encryptAndDecorate(MASTER_PASSWORD, "settings.security")
                        + "</master></settingsSecurity>");
        System.setProperty("settings.security", security.toString());
    }

    private static void assertNoSecretIn(List<String> texts, RecordedRequest sent) {
        String authorization = sent.getHeaders().get("Authorization");
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        for (String text : texts) {
            for (String secret : List.of(SETTINGS_SK, ENV_SK, ENV_TOKEN, signature)) {
                assertFalse(text.contains(secret), () -> "a secret leaked into: " + text);
            }
        }
    }
}
