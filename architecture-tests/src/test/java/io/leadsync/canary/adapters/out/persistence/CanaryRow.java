package io.leadsync.canary.adapters.out.persistence;

/** A row of the canary's persistence adapter. */
public final class CanaryRow {
}
