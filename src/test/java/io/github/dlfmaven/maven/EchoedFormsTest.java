package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy's error page that quotes the request as its framework encodes it: Python's quote() (which keeps '/'), lower
 * case percent escapes, JSON with \\u escapes, the signature in upper-case hex.
 */
@MojoTest
class EchoedFormsTest extends GoalTestBase {

    private static final String AK = "ECHOTESTAK0000000001";
    private static final String SK = "echoTestSecretKey000000000000000000000000";
    private static final String TOKEN = "echo/Test+Security=Token0000000000";
    private static final Pattern DLF_SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private final List<String> signatures = new ArrayList<>();
    private volatile boolean cutAt512;

    @BeforeEach
    void echo() {
        environment(AK, SK, TOKEN);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher m = DLF_SIGNATURE.matcher(
                        String.valueOf(request.getHeaders().get("Authorization")));
                String signature = m.find() ? m.group(1) : "";
                synchronized (signatures) {
                    signatures.add(signature);
                }
                String token = request.getHeaders().get("X-Security-Token");
                if (cutAt512) {
                    // Whitespace first, so that the token straddles the 512 bytes read, all but its last character.
                    return new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "text/plain")
                            .body(" ".repeat(512 - token.length() + 1) + token + " and more")
                            .build();
                }
                String body = "Bad gateway. x-security-token: "
                        + token.replace("+", "%2B").replace("=", "%3D")
                        + " | " + token.replace("+", "%2b").replace("=", "%3d").replace("/", "%2f")
                        + " | {\"t\":\"" + token.replace("=", "\\u003d").replace("+", "\\u002b") + "\"}"
                        + " | expected signature " + signature.toUpperCase(Locale.ROOT);
                return new MockResponse.Builder()
                        .code(400)
                        .setHeader("Content-Type", "text/plain")
                        .body(body)
                        .build();
            }
        });
    }

    @Test
    @InjectMojo(goal = "export")
    void anErrorPageQuotingTheRequestShowsNoSecret(ExportMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        mojo.outputDirectory = temp.resolve("dlf").toFile();

        AbstractMojoExecutionException failure = assertThrows(AbstractMojoExecutionException.class, mojo::execute);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String all = String.join("\n", log.lines) + "\n" + trace;
        List<String> leaks = new ArrayList<>();
        for (String tail :
                List.of("Security%3DToken0000000000", "Security%3dToken0000000000", "Security\\u003dToken0000000000")) {
            if (all.contains(tail)) {
                leaks.add(tail);
            }
        }
        synchronized (signatures) {
            for (String s : signatures) {
                if (!s.isEmpty() && all.contains(s.toUpperCase(Locale.ROOT))) {
                    leaks.add("signature " + s.toUpperCase(Locale.ROOT));
                    break;
                }
            }
        }
        assertTrue(leaks.isEmpty(), "leaked: " + leaks);
    }

    @Test
    @InjectMojo(goal = "export")
    void aTokenCutByTheBodysFirst512BytesIsNotShown(ExportMojo mojo) throws Exception {
        cutAt512 = true;
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        mojo.outputDirectory = temp.resolve("dlf").toFile();

        AbstractMojoExecutionException failure = assertThrows(AbstractMojoExecutionException.class, mojo::execute);
        String partial = TOKEN.substring(0, TOKEN.length() - 1);
        assertTrue(!failure.getMessage().contains(partial), failure.getMessage());
    }
}
