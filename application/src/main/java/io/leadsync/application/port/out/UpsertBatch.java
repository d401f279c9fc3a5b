package io.leadsync.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one upsert did: a result per record in order, the CRM's API usage afterwards if it said, and how many CRM calls
 * it took (more than one when the adapter had to split a batch the CRM refused as a whole to find the bad record).
 */
public record UpsertBatch(List<UpsertResult> results, Optional<ApiUsage> usage, int calls) {
    public UpsertBatch {
        results = List.copyOf(results);
        Objects.requireNonNull(usage, "usage");
        if (calls < 1) {
            throw new IllegalArgumentException("an upsert takes at least one call");
        }
    }

    public UpsertBatch(List<UpsertResult> results, Optional<ApiUsage> usage) {
        this(results, usage, 1);
    }
}
