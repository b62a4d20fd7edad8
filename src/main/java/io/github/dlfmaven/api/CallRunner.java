package io.github.dlfmaven.api;

import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.SigningInterceptor;
import io.github.dlfmaven.auth.SigningInterceptor.AuthenticationUnavailableException;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.http.Throttle;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs one API call with the retry policy around it: connect failures and the retryable statuses are tried again,
 * with the waits of the {@link RetryPolicy}; a 429 pauses every call of this runner through the shared
 * {@link Throttle}, since the limit is the account's. Each attempt is authenticated afresh by the
 * {@link SigningInterceptor} on the way out. The answer is closed before any wait, so a retry never holds a pooled
 * connection while it sleeps. Thread-safe.
 */
final class CallRunner {

    /** A connection idle this long before a retry may have been closed by the server; it is not reused. */
    private static final Duration STALE_AFTER = Duration.ofMillis(250);

    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final Throttle throttle = new Throttle();
    private final ErrorMapper errors;
    private final Clock clock;
    private final Log log;
    private final AtomicInteger requests = new AtomicInteger();

    /** What to do with a successful answer; it is closed afterwards. */
    @FunctionalInterface
    interface SuccessHandler<T> {
        T handle(Response response, Attempt attempt) throws IOException, DlfApiException;
    }

    CallRunner(
            HttpTransport transport,
            AuthenticationSource authentication,
            RetryPolicy retryPolicy,
            ErrorMapper errors,
            Clock clock,
            Log log) {
        this.retryPolicy = retryPolicy;
        this.errors = errors;
        this.clock = clock;
        this.log = log;
        this.http = transport
                .client()
                .newBuilder()
                // Each attempt tags its request with a tracker, which tells connect failures (retried)
                // from failures after the request reached the server (not retried).
                .eventListenerFactory(call -> {
                    ConnectTracker tracker = call.request().tag(ConnectTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .addInterceptor(new SigningInterceptor(authentication, transport.redactor(), clock))
                .addInterceptor(chain -> {
                    requests.incrementAndGet(); // after authentication: a request that could not be signed is not sent
                    return chain.proceed(chain.request());
                })
                .build();
    }

    /** How many requests were sent, retries included. */
    int requestCount() {
        return requests.get();
    }

    /**
     * Sends the request until an answer is final.
     *
     * @param request without authentication, which each attempt adds
     */
    <T> T run(Operation operation, Request request, SuccessHandler<T> onSuccess) throws IOException, DlfApiException {
        int number = 0;
        long previousEnded = 0;
        while (true) {
            number++;
            throttle.awaitClearance();
            if (number > 1 && System.nanoTime() - previousEnded >= STALE_AFTER.toNanos()) {
                // Idle connections may have been closed by the server while this call waited (a retry waits half a
                // second or more): a request sent on one would fail, and an export is never sent twice.
                http.connectionPool().evictAll();
            }
            ConnectTracker tracker = new ConnectTracker();
            long started = System.nanoTime();
            if (log.isDebugEnabled()) {
                log.debug(
                        request.method() + " " + request.url() + " (" + operation.noun() + ", attempt " + number + ")");
            }
            Attempt attempt = new Attempt(
                    number,
                    http.newCall(request.newBuilder()
                            .tag(ConnectTracker.class, tracker)
                            .build()));
            Response response;
            try {
                response = attempt.call().execute();
            } catch (AuthenticationUnavailableException e) {
                e.rethrowCause();
                throw e;
            } catch (IOException e) {
                if (!worthRepeating(request, attempt, tracker, e)) {
                    throw errors.failure(operation, request.url(), attempt, tracker.connected, e);
                }
                Duration wait = retryPolicy.backoff(number);
                previousEnded = System.nanoTime();
                if (log.isDebugEnabled()) {
                    log.debug((tracker.connected ? "The connection failed" : "Could not connect") + " for "
                            + operation.noun() + " (" + errors.describe(e) + "); retrying in " + wait.toMillis()
                            + " ms");
                }
                Throttle.sleep(wait);
                continue;
            }
            Duration wait;
            try (response) {
                if (log.isDebugEnabled()) {
                    log.debug("HTTP " + response.code() + " for " + operation.noun() + " in "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, Content-Type "
                            + errors.shown(response.header("Content-Type", "none")) + errors.requestIdSuffix(response));
                }
                if (response.isSuccessful()) {
                    return onSuccess.handle(response, attempt);
                }
                wait = retryWait(operation, response, number);
            }
            previousEnded = System.nanoTime();
            if (response.code() == 429) {
                throttle.pause(wait); // the next attempt waits for clearance, as every other call does
            } else {
                Throttle.sleep(wait);
            }
        }
    }

    /**
     * An export that reached the server may be running there: sent again, it would run twice. A read (the job list)
     * is safe to send again, also where okhttp's own retry would have covered a pooled connection the server had
     * closed.
     */
    private boolean worthRepeating(Request request, Attempt attempt, ConnectTracker tracker, IOException e) {
        boolean safeToRepeat = !tracker.connected || request.method().equals("GET");
        return safeToRepeat
                && !(e instanceof SSLException)
                && !attempt.call().isCanceled()
                && !Thread.currentThread().isInterrupted()
                && attempt.number() <= retryPolicy.retries();
    }

    /** Returns how long to wait before the next attempt, or throws when this answer is final. */
    private Duration retryWait(Operation operation, Response response, int attempt)
            throws IOException, DlfApiException {
        int status = response.code();
        String redirect = HttpTransport.redirect(response);
        if (redirect != null) {
            throw errors.redirect(operation, response, redirect);
        }
        if (!RetryPolicy.isRetryableStatus(status)) {
            throw errors.apiError(operation, response, null);
        }
        if (!operation.repeatable() && (status == 502 || status == 504)) {
            throw errors.apiError(
                    operation,
                    response,
                    "The gateway gave up waiting, but the call may still have run: see what the workspace holds"
                            + " before trying again.");
        }
        if (attempt > retryPolicy.retries()) {
            throw errors.apiError(operation, response, attempt > 1 ? "Gave up after " + attempt + " attempts." : null);
        }
        Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock.instant());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(retryPolicy.maxRetryAfter()) > 0) {
            throw errors.apiError(
                    operation,
                    response,
                    "The server asked to wait " + retryAfter.get().toSeconds() + " s before trying again, longer than"
                            + " the " + retryPolicy.maxRetryAfter().toSeconds() + " s this plugin waits; try again"
                            + " later.");
        }
        Duration wait = retryAfter.orElseGet(() -> retryPolicy.backoff(attempt));
        if (log.isDebugEnabled()) {
            log.debug("HTTP " + status + " for " + operation.noun() + "; retrying in " + wait.toMillis() + " ms"
                    + (retryAfter.isPresent() ? " as Retry-After asks" : "")
                    + (status == 429 ? ", all calls paused" : ""));
        }
        return wait;
    }

    /** Remembers whether a call got as far as a connection. */
    private static final class ConnectTracker extends EventListener {
        private volatile boolean connected;

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            connected = true;
        }
    }
}
