package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.archive.ZipSniffer;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.text.BodyPreview;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.Response;

/**
 * Receives a job package: streamed to a file, never held in memory, and abandoned past its size limit. What arrives
 * is only taken for a package when it is a zip archive (decided as the extraction decides, by {@link ZipSniffer});
 * DLF reports some errors with HTTP 200 and a JSON body, and a proxy or login portal may answer with a page.
 */
final class PackageDownload {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ErrorMapper errors;
    private final SettingNames names;

    PackageDownload(ErrorMapper errors, SettingNames names) {
        this.errors = errors;
        this.names = names;
    }

    ExportResponse.Archive receive(Operation operation, Response response, Attempt attempt, Path file, long maxBytes)
            throws IOException, DlfApiException {
        long total = 0;
        try (InputStream in = response.body().byteStream();
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw errors.brokeOff(operation, attempt, total, e);
                }
                if (read == -1) {
                    break;
                }
                total += read;
                if (total > maxBytes) {
                    throw new IOException(operation.subject() + " is larger than " + maxBytes + " bytes, the most this"
                            + " export takes for it; raise " + names.name(Setting.MAX_EXTRACTED_BYTES)
                            + " (per job) or "
                            + names.name(Setting.MAX_TOTAL_BYTES) + " (for the whole export) if the jobs really are"
                            + " that big.");
                }
                // A write failure (disk full, say) keeps its own message: it is not the network's fault.
                out.write(buffer, 0, read);
            }
        }
        String contentType = response.header("Content-Type", "");
        if (!ZipSniffer.isZip(ZipSniffer.head(file))) {
            throw notAPackage(operation, response, file, total, contentType);
        }
        return new ExportResponse.Archive(file, total, contentType, attempt.number());
    }

    private DlfApiException notAPackage(
            Operation operation, Response response, Path file, long total, String contentType) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(
                    in.readNBytes((int) Math.min(total, ErrorMapper.SMALL_BODY_LIMIT)), StandardCharsets.UTF_8);
        }
        JsonNode error = JsonFields.object(text);
        if (error != null && error.hasNonNull("error_code")) {
            return errors.embeddedError(operation, response, error);
        }
        return errors.unexpectedBody(
                operation,
                response,
                "the server sent " + total + " bytes of " + BodyPreview.describe(errors.redact(text))
                        + (contentType.isEmpty() ? "" : " (Content-Type " + errors.shown(contentType) + ")")
                        + " instead of a zip archive",
                "A proxy or a login portal may stand between this build and DLF.");
    }
}
