package io.github.dlfmaven.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What stands before the emulated DLF API, as Huawei Cloud's API gateway does: the AK/SK signature, throttling and
 * failures made on purpose, then whether the request is for the emulated project and workspace. Each check answers
 * with the gateway's or DLF's error shape. Thread-safe.
 */
final class Gateway {

    private final SignatureVerifier verifier;
    private final Faults faults;
    private final String projectId;
    private final String workspace;
    private final boolean defaultWorkspace;
    private final Clock clock;
    private final Random random = new Random();
    private final Map<String, AtomicInteger> requestsPerPath = new ConcurrentHashMap<>();

    /** @param projectId the only project the credentials may act in, or null for any */
    Gateway(
            SignatureVerifier verifier,
            Faults faults,
            String projectId,
            String workspace,
            boolean defaultWorkspace,
            Clock clock) {
        this.verifier = verifier;
        this.faults = faults;
        this.projectId = projectId;
        this.workspace = workspace;
        this.defaultWorkspace = defaultWorkspace;
        this.clock = clock;
    }

    /**
     * The gateway's refusal of a request to {@code /v1/...} from its headers alone, before its body is read: missing or
     * unknown credentials, a date out of range, a wrong security token.
     */
    Optional<Answer> refusalBeforeBody(Function<String, String> header) {
        return verifier.checkBeforeBody(header, clock.instant())
                .map(message -> Answer.gatewayError(401, "APIGW.0301", message));
    }

    /** The gateway's refusal of a request to {@code /v1/...}: a bad signature, throttling, an emulated 503. */
    Optional<Answer> refusal(
            String method,
            String rawPath,
            List<String> segments,
            List<Map.Entry<String, String>> query,
            Function<String, String> header,
            byte[] body) {
        Optional<String> authError = verifier.check(method, segments, query, header, body, clock.instant());
        if (authError.isPresent()) {
            return Optional.of(Answer.gatewayError(401, "APIGW.0301", authError.get()));
        }
        int seen = requestsPerPath
                .computeIfAbsent(method + " " + rawPath, k -> new AtomicInteger())
                .incrementAndGet();
        if (seen <= faults.throttleFirst() || chance(faults.throttleRate())) {
            ObjectNode error = Answer.error(
                    "APIGW.0308",
                    "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second");
            return Optional.of(
                    Answer.json(429, error).withHeader("Retry-After", String.valueOf(faults.retryAfterSeconds())));
        }
        if (chance(faults.failureRate())) {
            return Optional.of(
                    Answer.gatewayError(503, "APIGW.0503", "Service temporarily unavailable (emulated failure)"));
        }
        return Optional.empty();
    }

    /** The answer to a body larger than the path takes, given before any of it is read when its length is declared. */
    static Answer tooLarge() {
        return Answer.gatewayError(413, "APIGW.0201", "Request entity too large");
    }

    /** The answer to a request whose body the emulator cannot hold now: busy, as the gateway says it, to retry. */
    static Answer busy() {
        return Answer.gatewayError(
                503,
                "APIGW.0503",
                "Service temporarily unavailable (the emulator holds as many request bodies as it may; retry later)");
    }

    /** The refusal of a request for another project or workspace than the emulated one. */
    Optional<Answer> outOfScope(List<String> segments, Function<String, String> header) {
        // The signed X-Project-Id names the project the credentials act for; a path to another is refused.
        String projectHeader = header.apply("X-Project-Id");
        if (projectHeader != null && !projectHeader.equals(segments.get(1))) {
            return Optional.of(Answer.gatewayError(
                    403,
                    "APIGW.0302",
                    "The project ID in the URL does not match the X-Project-Id header of the request."));
        }
        // A project the credentials have no part in. The real gateway's answer to that is not confirmed: this is its
        // refusal of an authenticated user who may not call the API, the closest documented answer.
        if (projectId != null && !projectId.equals(segments.get(1))) {
            return Optional.of(
                    Answer.gatewayError(403, "APIGW.0302", "The IAM user is not authorized to access the API."));
        }
        String sentWorkspace = header.apply("workspace");
        // Without the header DLF works in the project's default workspace; the emulator is that one unless told not.
        boolean workspaceOk =
                workspace == null || workspace.equals(sentWorkspace) || (sentWorkspace == null && defaultWorkspace);
        if (!workspaceOk) {
            return Optional.of(Answer.dlfError(
                    "DLF.3051",
                    "The request parameter is invalid: workspace '" + Objects.requireNonNullElse(sentWorkspace, "")
                            + "' is not the emulated workspace."));
        }
        return Optional.empty();
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
