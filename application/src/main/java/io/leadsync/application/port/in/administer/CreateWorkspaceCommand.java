package io.leadsync.application.port.in.administer;

import java.util.Objects;

/** A new customer workspace, with the product name its leads carry as lead source. */
public record CreateWorkspaceCommand(String name, String productName) {
    public CreateWorkspaceCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(productName, "productName");
    }
}
