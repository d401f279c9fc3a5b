package io.leadsync.domain.workspace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. An agent holding a key should not be able to reconfigure the workspace (create a webhook to
 * an outside URL, backfill every lead to it), so the agent API and the admin API take different scopes (ADR 0048).
 */
public enum ApiKeyScope {
    /** The agent API: leads, statuses, activities, actions and their tracking, and the MCP server. */
    AGENT,
    /** The admin API: connections, settings, mappings, routing, audit. */
    ADMIN;

    /** The name keys, the admin UI and problem answers use: {@code agent}, {@code admin}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiKeyScope> byApiName(String name) {
        return Arrays.stream(values()).filter(scope -> scope.apiName().equals(name)).findFirst();
    }
}
