package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.faults.Fault;

import java.util.List;
import java.util.Optional;

/**
 * HubSpot's side of fault injection (the shared plan is {@link io.leadsync.sandbox.faults.FaultPlan}): the kinds the
 * control API accepts and the error body each answers with, in the shapes of HUBSPOT.md sections 6 and 7.
 */
final class HubSpotFaults {
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    static final String BAD_GATEWAY = "BAD_GATEWAY";
    static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    static final String GATEWAY_TIMEOUT = "GATEWAY_TIMEOUT";
    static final String EXPIRED_AUTHENTICATION = "EXPIRED_AUTHENTICATION";
    static final String LOCKED = "LOCKED";
    static final String TEN_SECONDLY_ROLLING = "TEN_SECONDLY_ROLLING";
    static final String DAILY = "DAILY";
    static final String MIGRATION_IN_PROGRESS = "MIGRATION_IN_PROGRESS";

    private HubSpotFaults() {
    }

    /** A control-API kind (a category, a policy name or an HTTP status, upper-cased) to the fault it injects. */
    static Optional<Fault> kind(String kind) {
        switch (kind) {
            case "500", INTERNAL_ERROR:
                return Optional.of(Fault.status(INTERNAL_ERROR, 500));
            case "502", BAD_GATEWAY:
                return Optional.of(Fault.status(BAD_GATEWAY, 502));
            case "503", SERVICE_UNAVAILABLE:
                return Optional.of(Fault.status(SERVICE_UNAVAILABLE, 503));
            case "504", GATEWAY_TIMEOUT:
                return Optional.of(Fault.status(GATEWAY_TIMEOUT, 504));
            case "401", EXPIRED_AUTHENTICATION:
                return Optional.of(Fault.status(EXPIRED_AUTHENTICATION, 401));
            case "423", LOCKED:
                return Optional.of(Fault.status(LOCKED, 423));
            case "429", TEN_SECONDLY_ROLLING:
                return Optional.of(Fault.status(TEN_SECONDLY_ROLLING, 429));
            case DAILY:
                return Optional.of(Fault.status(DAILY, 429));
            case "477", MIGRATION_IN_PROGRESS:
                return Optional.of(Fault.status(MIGRATION_IN_PROGRESS, 477));
            default:
                return Optional.empty();
        }
    }

    static List<String> kinds() {
        return List.of("500", INTERNAL_ERROR, "502", BAD_GATEWAY, "503", SERVICE_UNAVAILABLE, "504", GATEWAY_TIMEOUT,
                "401", EXPIRED_AUTHENTICATION, "423", LOCKED, "429", TEN_SECONDLY_ROLLING, DAILY, "477",
                MIGRATION_IN_PROGRESS, "TIMEOUT");
    }

    /** The error a status fault answers with. */
    static HubSpotError error(Fault fault) {
        switch (fault.kind()) {
            case EXPIRED_AUTHENTICATION:
                return HubSpotError.of(401, EXPIRED_AUTHENTICATION,
                        "The OAuth token used to make this call expired 0 second(s) ago.");
            case LOCKED:
                // HUBSPOT.md 6: too many simultaneous writes to one record; wait at least 2 s. Message chosen.
                return HubSpotError.of(423, LOCKED, "The resource is locked by another request; try again later.");
            case TEN_SECONDLY_ROLLING:
                return rateLimit("You have reached your ten_secondly_rolling limit.", TEN_SECONDLY_ROLLING);
            case DAILY:
                return rateLimit("You have reached your daily limit.", DAILY);
            case MIGRATION_IN_PROGRESS:
                return HubSpotError.of(477, MIGRATION_IN_PROGRESS, "Migration in progress; retry later.")
                        .withHeaders(java.util.Map.of("Retry-After", "1"));
            default:
                return HubSpotError.of(fault.status(), fault.kind(), "internal error (fault injected by the sandbox)");
        }
    }

    private static HubSpotError rateLimit(String message, String policy) {
        ObjectNode body = HubSpotJson.object();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", HubSpotError.correlationId());
        body.put("policyName", policy);
        body.put("requestId", HubSpotError.correlationId());
        return HubSpotError.raw(429, body);
    }
}
