package io.leadsync.application.port.in.administer;

/** A workspace for one customer of the host product, and the email of its first owner. */
public record CreateOperatedWorkspaceCommand(String name, String productName, String ownerEmail, String operator) {
}
