package io.leadsync.application.port.in.administer;

import java.util.Objects;

/** The two keys the first start prints once: one for agents, one for administering the workspace. */
public record FirstWorkspaceKeys(IssuedApiKey agent, IssuedApiKey admin) {
    public FirstWorkspaceKeys {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(admin, "admin");
    }
}
