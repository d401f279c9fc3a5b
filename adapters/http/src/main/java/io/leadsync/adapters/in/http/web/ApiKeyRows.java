package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Settings page's rows of API keys: name, prefix, scope, state, and the narrowing a key from before scopes offers. */
final class ApiKeyRows {
    private ApiKeyRows() {
    }

    static List<Map<String, Object>> of(List<ApiKey> keys) {
        return keys.stream().map(ApiKeyRows::row).toList();
    }

    private static Map<String, Object> row(ApiKey key) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", key.id().value().toString());
        row.put("name", key.name());
        row.put("prefix", key.prefix());
        row.put("scope", scopeLabel(key.scopes()));
        // A key holding both scopes predates them (ADR 0048): offer to keep only one.
        row.put("narrowable", key.isActive() && key.scopes().size() > 1);
        row.put("created", Pages.when(key.createdAt()));
        row.put("createdIso", key.createdAt().toString());
        row.put("active", key.isActive());
        row.put("revoked", key.revokedAt().map(Pages::when).orElse(null));
        return row;
    }

    static String scopeLabel(Set<ApiKeyScope> scopes) {
        return scopes.size() > 1 ? "agent + admin (from before scopes)" : scopes.iterator().next().apiName();
    }
}
