package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many large uploads at once, against an emulator in a JVM with a small heap, as {@code emulator-start} runs it in a
 * build on a small CI agent: unsigned ones are refused unread, signed ones beyond the shared budget are answered busy,
 * and the emulator neither runs out of memory nor stops answering.
 */
class UploadFloodTest {

    private static final int UPLOADS = 8;
    private static final long UPLOAD_BYTES = Router.MAX_OBJECT_BYTES;

    @TempDir
    Path temp;

    /** Serves until killed, logging every request to stdout. */
    public static final class Serving {
        public static void main(String[] args) throws Exception {
            DlfEmulator emulator = DlfEmulator.builder(Path.of(args[0]), DlfEmulatorTest.CREDENTIALS)
                    .obsDirectory(Path.of(args[1]))
                    .log(new PrintingLog())
                    .start();
            System.out.println("endpoint " + emulator.endpoint());
            Thread.sleep(300_000);
        }
    }

    @Test
    void eightUploadsOf32MibAtOnceNeitherExhaustA128MibHeapNorStopTheEmulator() throws Exception {
        Path fixtures = Files.createDirectories(temp.resolve("fixtures/jobs")).getParent();
        Path obs = temp.resolve("obs");
        ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
        try (ChildJvm child = ChildJvm.start(Serving.class, List.of("-Xmx128m"), fixtures.toString(), obs.toString())) {
            URI endpoint = endpoint(child);

            for (RawRequest.Reply reply : all(clients, i -> upload(endpoint, "unsigned-" + i, Map.of()))) {
                assertEquals(403, reply.status(), reply.body());
                assertTrue(reply.body().contains("<Code>AccessDenied</Code>"), reply.body());
            }
            List<RawRequest.Reply> signed = all(clients, i -> {
                String path = "/bucket/signed-" + i + ".zip";
                return upload(
                        endpoint, "signed-" + i, RequestBodyTest.obsSigned("PUT", path, DlfEmulatorTest.CREDENTIALS));
            });
            int stored = 0;
            for (RawRequest.Reply reply : signed) {
                assertTrue(
                        reply.status() == 200
                                || (reply.status() == 503 && reply.body().contains("<Code>SlowDown</Code>")),
                        reply.status() + " " + reply.body());
                stored += reply.status() == 200 ? 1 : 0;
            }
            // The first to take its bytes is always stored; the others, while it holds them, may meet a busy answer.
            assertTrue(stored >= 1, "stored " + stored);
            RawRequest.Reply afterwards = upload(
                    endpoint,
                    "small",
                    RequestBodyTest.obsSigned("PUT", "/bucket/small.zip", DlfEmulatorTest.CREDENTIALS),
                    1024);
            assertEquals(200, afterwards.status(), afterwards.body());

            // Every upload of the flood was answered before this one was sent: its line ends what they logged.
            String output = outputUntil(child, "Emulator: PUT /bucket/small.zip -> 200");
            assertFalse(output.contains("OutOfMemoryError"), output);
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static URI endpoint(ChildJvm child) throws IOException {
        for (String line; (line = child.readLine()) != null; ) {
            if (line.startsWith("endpoint ")) {
                return URI.create(line.substring("endpoint ".length()));
            }
        }
        throw new AssertionError("the emulator did not start");
    }

    private static String outputUntil(ChildJvm child, String last) throws IOException {
        StringBuilder output = new StringBuilder();
        for (String line; (line = child.readLine()) != null; ) {
            output.append(line).append('\n');
            if (line.startsWith(last)) {
                return output.toString();
            }
        }
        throw new AssertionError("the emulator ended without logging " + last + ":\n" + output);
    }

    private static RawRequest.Reply upload(URI endpoint, String name, Map<String, String> headers) throws Exception {
        return upload(endpoint, name, headers, UPLOAD_BYTES);
    }

    /** Streams a generated body of {@code bytes} while reading the answer. */
    private static RawRequest.Reply upload(URI endpoint, String name, Map<String, String> headers, long bytes)
            throws Exception {
        try (RawRequest request = RawRequest.open(endpoint, "PUT", "/bucket/" + name + ".zip", headers, bytes)) {
            return request.replyWhileWriting();
        }
    }

    private static List<RawRequest.Reply> all(ExecutorService clients, Upload upload) throws Exception {
        List<Future<RawRequest.Reply>> futures = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            int n = i;
            futures.add(clients.submit((Callable<RawRequest.Reply>) () -> upload.send(n)));
        }
        List<RawRequest.Reply> replies = new ArrayList<>();
        for (Future<RawRequest.Reply> future : futures) {
            replies.add(future.get(120, TimeUnit.SECONDS));
        }
        return replies;
    }

    @FunctionalInterface
    private interface Upload {
        RawRequest.Reply send(int index) throws Exception;
    }

    /** The child's log, on stdout, where the test reads it. */
    private static final class PrintingLog implements Log {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {
            System.out.println(message);
        }

        @Override
        public void warn(String message) {
            System.out.println("WARN " + message);
        }
    }
}
