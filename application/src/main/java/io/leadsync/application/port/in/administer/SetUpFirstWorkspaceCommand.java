package io.leadsync.application.port.in.administer;

import java.util.Objects;

/** What the first start of an empty installation creates. */
public record SetUpFirstWorkspaceCommand(String workspaceName, String productName) {
    public SetUpFirstWorkspaceCommand {
        Objects.requireNonNull(workspaceName, "workspaceName");
        Objects.requireNonNull(productName, "productName");
    }
}
