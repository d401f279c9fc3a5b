package io.leadsync.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one upsert call did: a result per record in order, and the CRM's API usage after the call if it said. */
public record UpsertBatch(List<UpsertResult> results, Optional<ApiUsage> usage) {
    public UpsertBatch {
        results = List.copyOf(results);
        Objects.requireNonNull(usage, "usage");
    }
}
