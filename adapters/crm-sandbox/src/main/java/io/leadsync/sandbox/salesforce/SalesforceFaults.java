package io.leadsync.sandbox.salesforce;

import io.leadsync.sandbox.faults.Fault;
import java.util.List;
import java.util.Optional;

/**
 * Salesforce's side of fault injection: the kinds the control API accepts and the error each one answers with.
 * Messages come from the contract digest (section 3) where it has them; the others are marked where chosen.
 */
final class SalesforceFaults {

    static final String UNKNOWN_EXCEPTION = "UNKNOWN_EXCEPTION";
    static final String SERVER_UNAVAILABLE = "SERVER_UNAVAILABLE";
    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    static final String UNABLE_TO_LOCK_ROW = "UNABLE_TO_LOCK_ROW";
    /**
     * A short-lived limit (digest section 16): the same REQUEST_LIMIT_EXCEEDED code as the daily total, told apart
     * only by the message; too many long-running requests at once, which passes in seconds.
     */
    static final String CONCURRENT_PER_ORG_LONG_TXN = "CONCURRENT_PER_ORG_LONG_TXN";

    /**
     * The digest marks the lock error's HTTP status UNCONFIRMED ("400?"); 400 is the status of every other DML
     * error on a single record, so it is used here, in one place. The message is the one Apex and the API report.
     */
    static final int LOCK_STATUS = 400;
    static final String LOCK_MESSAGE = "unable to obtain exclusive access to this record";
    /** Neither the digest nor the errorcodes page gives the 503 message; chosen, UNCONFIRMED. */
    static final String SERVER_UNAVAILABLE_MESSAGE = "Server unavailable, please try again later.";

    private SalesforceFaults() {
    }

    /** A control-API kind (its errorCode or its HTTP status, upper-cased) to the fault it injects. */
    static Optional<Fault> kind(String kind) {
        switch (kind) {
            case "500", UNKNOWN_EXCEPTION:
                return Optional.of(Fault.status(UNKNOWN_EXCEPTION, 500));
            case "503", SERVER_UNAVAILABLE:
                return Optional.of(Fault.status(SERVER_UNAVAILABLE, 503));
            case "401", INVALID_SESSION_ID:
                return Optional.of(Fault.status(INVALID_SESSION_ID, 401));
            case "403", REQUEST_LIMIT_EXCEEDED:
                return Optional.of(Fault.status(REQUEST_LIMIT_EXCEEDED, 403));
            case UNABLE_TO_LOCK_ROW:
                return Optional.of(Fault.status(UNABLE_TO_LOCK_ROW, LOCK_STATUS));
            case CONCURRENT_PER_ORG_LONG_TXN:
                return Optional.of(Fault.status(CONCURRENT_PER_ORG_LONG_TXN, 403));
            default:
                return Optional.empty();
        }
    }

    static List<String> kinds() {
        return List.of("500", UNKNOWN_EXCEPTION, "503", SERVER_UNAVAILABLE, "TIMEOUT", "401", INVALID_SESSION_ID,
                "403", REQUEST_LIMIT_EXCEEDED, CONCURRENT_PER_ORG_LONG_TXN, UNABLE_TO_LOCK_ROW);
    }

    static boolean isLock(Fault fault) {
        return fault != null && UNABLE_TO_LOCK_ROW.equals(fault.kind());
    }

    static ApiError lockError() {
        return ApiError.of(UNABLE_TO_LOCK_ROW, LOCK_MESSAGE, List.of());
    }

    /** The error a status fault answers with, in the REST error-array shape every REST resource uses. */
    static ApiException exception(Fault fault) {
        return switch (fault.kind()) {
            case UNKNOWN_EXCEPTION -> new ApiException(500, ApiError.of(UNKNOWN_EXCEPTION, "An unexpected error"
                    + " occurred. Please include this ErrorId if you contact support: "
                    + Long.toHexString(System.nanoTime()) + "-sandbox (fault injected)"));
            case SERVER_UNAVAILABLE -> new ApiException(503, ApiError.of(SERVER_UNAVAILABLE,
                    SERVER_UNAVAILABLE_MESSAGE));
            case INVALID_SESSION_ID -> ApiException.invalidSession();
            case REQUEST_LIMIT_EXCEEDED -> new ApiException(403, ApiError.of(REQUEST_LIMIT_EXCEEDED,
                    "TotalRequests Limit exceeded."));
            case CONCURRENT_PER_ORG_LONG_TXN -> new ApiException(403, ApiError.of(REQUEST_LIMIT_EXCEEDED,
                    "ConcurrentPerOrgLongTxn Limit exceeded."));
            case UNABLE_TO_LOCK_ROW -> new ApiException(LOCK_STATUS, lockError());
            default -> new ApiException(fault.status(), ApiError.of(fault.kind(), fault.kind()));
        };
    }
}
