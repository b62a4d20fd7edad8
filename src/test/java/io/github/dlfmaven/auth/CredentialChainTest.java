package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.TestExport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented order of the credential sources, each one shadowing those after it. No request is sent. */
class CredentialChainTest {

    private static final Credentials SERVER_KEYS =
            Credentials.of("SERVERAK000000000001", "serverSecret", "settings.xml server 'dlf'");
    private static final Credentials DEMO =
            Credentials.of("DEMOAK00000000000001", "demoSecret", "the demo credentials");

    @TempDir
    Path temp;

    private final HttpTransport transport = HttpTransport.builder().build();
    private final Map<String, String> environment = new HashMap<>();

    @AfterEach
    void stop() {
        transport.close();
    }

    private TestExport.Builder config() {
        return TestExport.builder()
                .region("cn-north-4")
                .projectId("p")
                .jobs(List.of("a"))
                .outputDirectory(temp.resolve("out"));
    }

    private Optional<AuthenticationSource> resolve(
            TestExport.Builder config, Optional<ServerCredentials> server, Optional<Credentials> demo)
            throws Exception {
        return new CredentialChain(
                        config.build().connection(), transport, server, environment, demo, Clock.systemUTC(), Log.NONE)
                .resolve();
    }

    private String source(Optional<ServerCredentials> server) throws Exception {
        return resolve(config().metadataCredentials(true), server, Optional.of(DEMO))
                .orElseThrow()
                .description();
    }

    @Test
    void eachSourceShadowsTheOnesAfterIt() throws Exception {
        Optional<ServerCredentials> server = Optional.of(new ServerCredentials.AccessKeyPair(SERVER_KEYS));
        environment.put("HUAWEICLOUD_SDK_AK", "ENVIRONMENTAK0000001");
        environment.put("HUAWEICLOUD_SDK_SK", "environmentSecret");
        environment.put(CredentialChain.AUTH_TOKEN, "environment-token");
        environment.put(OidcCredentials.IDP_ID, "github-actions");
        environment.put(
                OidcCredentials.ID_TOKEN_FILE, temp.resolve("oidc-token").toString());

        assertEquals("settings.xml server 'dlf'", source(server));
        assertEquals("environment (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK)", source(Optional.empty()));
        environment.remove("HUAWEICLOUD_SDK_AK");
        environment.remove("HUAWEICLOUD_SDK_SK");
        assertEquals("environment (DLF_AUTH_TOKEN)", source(Optional.empty()));
        environment.remove(CredentialChain.AUTH_TOKEN);
        assertTrue(source(Optional.empty()).startsWith("OIDC federation (identity provider 'github-actions'"));
        environment.remove(OidcCredentials.IDP_ID);
        environment.remove(OidcCredentials.ID_TOKEN_FILE);
        assertEquals("the instance metadata service (169.254.169.254)", source(Optional.empty()));
        assertEquals(
                DEMO.source(),
                resolve(config(), Optional.empty(), Optional.of(DEMO))
                        .orElseThrow()
                        .description());
        assertEquals(Optional.empty(), resolve(config(), Optional.empty(), Optional.empty()));
    }

    @Test
    void halfAFederationSetupIsAnError() {
        environment.put(OidcCredentials.IDP_ID, "github-actions");

        CredentialsException e =
                assertThrows(CredentialsException.class, () -> resolve(config(), Optional.empty(), Optional.empty()));

        assertTrue(
                e.getMessage().startsWith("HUAWEICLOUD_SDK_IDP_ID is set but HUAWEICLOUD_SDK_ID_TOKEN_FILE is not"),
                e.getMessage());
    }

    @Test
    void offlineTheSourcesThatNeedAServiceAreRefusedNotAsked() {
        URI emulator = URI.create("http://127.0.0.1:38211");
        TestExport.Builder offline = config().endpoint(emulator.toString()).offline(true, emulator);
        Optional<ServerCredentials> user = Optional.of(
                new ServerCredentials.IamUser("builder", "iam-password", "acme", "settings.xml server 'dlf'"));

        assertTrue(assertThrows(CredentialsException.class, () -> resolve(offline, user, Optional.empty()))
                .getMessage()
                .startsWith("Maven runs offline (-o), and the IAM user of settings.xml server 'dlf' needs"
                        + " a token from IAM at https://iam.cn-north-4.myhuaweicloud.com"));
        environment.put(OidcCredentials.IDP_ID, "github-actions");
        environment.put(
                OidcCredentials.ID_TOKEN_FILE, temp.resolve("oidc-token").toString());
        assertTrue(assertThrows(CredentialsException.class, () -> resolve(offline, Optional.empty(), Optional.empty()))
                .getMessage()
                .contains("OIDC federation needs IAM"));
        environment.clear();
        assertTrue(assertThrows(
                        CredentialsException.class,
                        () -> resolve(offline.metadataCredentials(true), Optional.empty(), Optional.empty()))
                .getMessage()
                .contains("the instance metadata service at 169.254.169.254"));
    }

    @Test
    void anIamUserWithoutAnIamEndpointSaysWhereToSetOne() {
        Optional<ServerCredentials> user = Optional.of(
                new ServerCredentials.IamUser("builder", "iam-password", "acme", "settings.xml server 'dlf'"));

        CredentialsException e = assertThrows(
                CredentialsException.class,
                () -> resolve(config().region(null).endpoint("http://127.0.0.1:9"), user, Optional.empty()));

        assertTrue(e.getMessage().contains("needs the IAM endpoint: set region, or iamEndpoint"), e.getMessage());
    }

    @Test
    void anEmulatorAcceptsTheKeysTheExportWouldSignWith() {
        environment.put("HUAWEICLOUD_SDK_AK", "ENVIRONMENTAK0000001");
        environment.put("HUAWEICLOUD_SDK_SK", "environmentSecret");

        assertEquals(
                SERVER_KEYS,
                CredentialChain.accessKeyPair(
                                Optional.of(new ServerCredentials.AccessKeyPair(SERVER_KEYS)), environment)
                        .orElseThrow());
        assertEquals(
                "ENVIRONMENTAK0000001",
                CredentialChain.accessKeyPair(Optional.empty(), environment)
                        .orElseThrow()
                        .accessKey());
        // A server with a token signs nothing: the emulator then makes demo credentials.
        assertEquals(
                Optional.empty(),
                CredentialChain.accessKeyPair(
                        Optional.of(new ServerCredentials.IamToken("token", "settings.xml server 'dlf'")),
                        environment));
    }
}
