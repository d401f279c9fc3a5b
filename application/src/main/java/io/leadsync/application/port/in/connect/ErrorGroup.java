package io.leadsync.application.port.in.connect;

import java.util.List;
import java.util.Objects;

/**
 * The deliveries of one connection that failed or were skipped for the same kind of reason. {@code errorType}: the
 * CRM's error code (the reason up to its first ':', like {@code REQUIRED_FIELD_MISSING}), or the whole reason when
 * it has no code. {@code sampleMessage}: one full reason, as the CRM gave it.
 */
public record ErrorGroup(String errorType, String state, int count, String sampleMessage, List<String> leadIds) {
    public ErrorGroup {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sampleMessage, "sampleMessage");
        leadIds = List.copyOf(leadIds);
    }
}
