package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection's leads may become in its CRM (its target object), as the CRM answers for the connected user:
 * a Salesforce org offers Person Account only where it has Person Accounts the user can create (ADR 0082). The
 * settings page and the admin API offer these; saving another target object is refused.
 */
public interface ListTargetObjectsUseCase {
    /**
     * Never fails for the CRM's sake: when the CRM cannot be asked now, {@code checked} is false, {@code why} says
     * so, and {@code offered} holds what needs no asking (Salesforce: Lead and Contact) and the current target.
     *
     * @throws ConnectionNotFoundException when the workspace has no such connection
     */
    Offered targetObjects(WorkspaceId workspaceId, ConnectionId connectionId);

    record Offered(List<TargetObject> offered, boolean checked, Optional<String> why) {
        public Offered {
            offered = List.copyOf(offered);
            Objects.requireNonNull(why, "why");
        }
    }

    /** The admin's words for a target object, as the settings page and the admin API show them. */
    static String label(TargetObject target) {
        return switch (target) {
            case LEAD -> "Lead (each lead becomes a Salesforce Lead)";
            case CONTACT -> "Contact with its Account (B2B: the company becomes or joins an Account)";
            case PERSON_ACCOUNT -> "Person Account (B2C: each lead becomes a person)";
        };
    }

    /** Why Person Account is refused where the org does not offer it: the rule, in the admin's words. */
    String PERSON_ACCOUNT_RULE = "Person Account is offered only where the Salesforce org has Person Accounts (Account"
            + " has IsPersonAccount and an active person record type available to the connected user); this org has"
            + " none, so choose Lead or Contact, or ask Salesforce to enable Person Accounts";
}
