package io.github.dlfmaven.api;

import io.github.dlfmaven.failure.Failure;
import io.github.dlfmaven.text.LogText;
import java.util.Optional;

/**
 * The DLF API (or the API gateway in front of it) answered with an error.
 * The message names the operation (and so the job), the HTTP status, DLF's {@code error_code} and
 * {@code error_msg}; it never holds a secret, and what the server wrote is shown with control characters escaped.
 */
public class DlfApiException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final int httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;

    /**
     * @param operation what failed, for the message, e.g. {@code Export of job 'a'}
     * @param jobName the job it concerned, or null for calls about several jobs
     */
    public DlfApiException(
            String operation,
            String jobName,
            int httpStatus,
            String errorCode,
            String errorMessage,
            String requestId,
            String hint) {
        super(describe(
                operation,
                httpStatus,
                LogText.escape(errorCode),
                LogText.escape(errorMessage),
                LogText.escape(requestId),
                hint));
        this.jobName = jobName;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
    }

    private static String describe(
            String operation, int status, String code, String message, String requestId, String hint) {
        StringBuilder text =
                new StringBuilder(operation).append(" failed: HTTP ").append(status);
        if (code != null) {
            text.append(", ").append(code);
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" (request id ").append(requestId).append(')');
        }
        if (hint != null) {
            text.append(". ").append(hint);
        }
        return text.toString();
    }

    /** The job the failed call was about; empty for calls about several jobs. */
    public Optional<String> jobName() {
        return Optional.ofNullable(jobName);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** DLF's or the gateway's {@code error_code}, such as {@code DLF.0100} or {@code APIGW.0301}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** A {@code DlfApiException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
