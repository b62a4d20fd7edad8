package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never finish their headers need no credentials, and the JDK's server reads headers on the emulator's
 * threads: they must not leave a correct request unanswered.
 */
class UnfinishedRequestsTest {

    @TempDir
    Path tmp;

    @Test
    void unfinishedRequestsDoNotStopTheEmulatorFromAnswering() throws Exception {
        Credentials keys = Credentials.of("SLOWTESTAK0000000001", "slowTestSecretKey00000000000000000000001", "test");
        try (DlfEmulator emulator = DlfEmulator.builder(Files.createDirectories(tmp.resolve("f")), keys)
                .obsDirectory(tmp.resolve("obs"))
                .start()) {
            assertNotNull(
                    System.getProperty(JdkServerSwitches.MAX_REQUEST_SECONDS),
                    "the JDK's server closes a request that takes too long to arrive");
            int port = emulator.endpoint().getPort();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                    s.getOutputStream()
                            .write("GET /v1/p/jobs HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                Thread.sleep(500);
                boolean answered;
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    probe.setSoTimeout(5000);
                    OutputStream out = probe.getOutputStream();
                    out.write("GET /v1/p/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = probe.getInputStream();
                    answered = in.read() >= 0;
                } catch (SocketTimeoutException e) {
                    answered = false;
                }
                assertTrue(answered, "the emulator answers no one while unfinished requests hold its threads");
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }
}
