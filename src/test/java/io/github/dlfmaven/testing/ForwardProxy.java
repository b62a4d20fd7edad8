package io.github.dlfmaven.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small real HTTP forward proxy on loopback, for tests: plain HTTP requests in absolute form are
 * forwarded, {@code CONNECT} opens a tunnel (for HTTPS). Optionally demands Basic authentication, answering
 * 407 otherwise. It forwards only to loopback addresses and records each request line it handled.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-forward-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final String expectedAuthorization;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /** @param username null for a proxy without authentication */
    public ForwardProxy(String username, String password) throws IOException {
        this.expectedAuthorization = username == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Request lines handled, e.g. {@code CONNECT 127.0.0.1:4431} or {@code POST http://127.0.0.1:4431/v1/...}, 407s included as "407 ...". */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    int colon = line.indexOf(':');
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
                String[] parts = requestLine.split(" ");
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                if (expectedAuthorization != null
                        && !expectedAuthorization.equals(headers.get("proxy-authorization"))) {
                    requests.add("407 " + parts[0] + " " + parts[1]);
                    out.write(
                            ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                                            + "Content-Length: 0\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                requests.add(parts[0] + " " + parts[1]);
                if (parts[0].equals("CONNECT")) {
                    String[] target = parts[1].split(":");
                    tunnel(client, in, out, target[0], Integer.parseInt(target[1]));
                } else {
                    forward(out, parts, headers, body);
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            // The client or the target went away: nothing to do in a test proxy.
        }
    }

    private static void tunnel(Socket client, InputStream in, OutputStream out, String host, int port)
            throws IOException {
        try (Socket target = new Socket(loopbackOnly(host), port)) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread upstream = new Thread(() -> {
                try {
                    in.transferTo(target.getOutputStream());
                    target.shutdownOutput();
                } catch (IOException ignored) {
                    // closed
                }
            });
            upstream.setDaemon(true);
            upstream.start();
            target.getInputStream().transferTo(out);
            client.shutdownOutput();
        }
    }

    private static void forward(OutputStream out, String[] parts, Map<String, String> headers, byte[] body)
            throws IOException {
        URI uri = URI.create(parts[1]);
        try (Socket target = new Socket(loopbackOnly(uri.getHost()), uri.getPort())) {
            StringBuilder request = new StringBuilder(parts[0] + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> {
                if (!name.equals("proxy-authorization")
                        && !name.equals("connection")
                        && !name.equals("proxy-connection")) {
                    request.append(name).append(": ").append(value).append("\r\n");
                }
            });
            request.append("connection: close\r\n\r\n");
            OutputStream targetOut = target.getOutputStream();
            targetOut.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            targetOut.write(body);
            targetOut.flush();
            target.getInputStream().transferTo(out);
            out.flush();
        }
    }

    /** A test proxy never reaches beyond this machine. */
    private static InetAddress loopbackOnly(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IOException("the test proxy only forwards to loopback, not " + host);
        }
        return address;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
