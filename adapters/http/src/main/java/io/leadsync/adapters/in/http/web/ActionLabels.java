package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.lead.LeadField;

import java.util.Map;

/**
 * The admin's words for the audit's code names: {@code sync.run} is "Sync now", {@code EVERY_5_MIN} "Every 5
 * minutes", {@code jobTitle} "Job title". An action this table does not know reads as its last part, de-hyphenated.
 */
final class ActionLabels {
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("sync.run", "Sync now"),
            Map.entry("sync.push", "Sent to CRM"),
            Map.entry("sync.pull", "Checked CRM for changes"),
            Map.entry("lead.pushed", "Lead sent"),
            Map.entry("lead.push-retry", "Will retry"),
            Map.entry("lead.push-failed", "Delivery failed"),
            Map.entry("lead.delivery-failed", "Delivery failed"),
            Map.entry("lead.skipped", "Not sent"),
            Map.entry("lead.pulled", "Changed in CRM"),
            Map.entry("lead.pull-refused", "CRM change refused"),
            Map.entry("lead.converted", "Converted"),
            Map.entry("lead.merged", "Merged"),
            Map.entry("connection.authorised", "Connected"),
            Map.entry("connection.disconnected", "Disconnected"),
            Map.entry("connection.settings-changed", "Settings changed"),
            Map.entry("connection.mappings-changed", "Field mapping changed"),
            Map.entry("connection.backfill-queued", "Backfill started"),
            Map.entry("connection.errors-resynced", "Failed leads resent"),
            Map.entry("connection.connect-started", "Connect started"),
            Map.entry("connection.connect-refused", "Connect refused"),
            Map.entry("connection.created", "Connection created"),
            Map.entry("connection.needs-reauth", "Needs sign-in again"),
            Map.entry("connection.needs-setup", "Needs setup"),
            Map.entry("connection.org-changed", "Connected to another org"),
            Map.entry("connection.provisioning-failed", "Setup failed"),
            Map.entry("connection.verified", "Setup checked"),
            Map.entry("alert.sent", "Alert sent"),
            Map.entry("routing.changed", "Routing changed"),
            Map.entry("duplicates.changed", "Duplicate rule changed"),
            Map.entry("suppressions.changed", "Suppression list changed"),
            Map.entry("workspace.defaults-changed", "Workspace defaults changed"),
            Map.entry("user.invited", "User invited"),
            Map.entry("user.joined", "User joined"),
            Map.entry("user.removed", "User removed"),
            Map.entry("user.role-changed", "Role changed"),
            Map.entry("user.password-changed", "Password changed"));
    private static final Map<String, String> SETTINGS = Map.of(
            "frequency", "Sync frequency",
            "direction", "Direction",
            "conflictPolicy", "Conflict rule",
            "createRecordsInCrm", "Create records in the CRM",
            "createLeadsFromCrm", "Create leads from CRM records",
            "targetObject", "Writes to",
            "createAccountsInCrm", "Create Accounts in the CRM");
    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("REALTIME", "Real time"),
            Map.entry("EVERY_5_MIN", "Every 5 minutes"),
            Map.entry("EVERY_15_MIN", "Every 15 minutes"),
            Map.entry("HOURLY", "Hourly"),
            Map.entry("BIDIRECTIONAL", "Both ways"),
            Map.entry("PUSH", "LeadSync to CRM"),
            Map.entry("PULL", "CRM to LeadSync"),
            Map.entry("CRM_WINS", "CRM wins"),
            Map.entry("APP_WINS", "LeadSync wins"),
            Map.entry("MOST_RECENT", "Most recent change wins"),
            Map.entry("true", "On"),
            Map.entry("false", "Off"));
    private static final Map<LeadField, String> FIELDS = Map.of(
            LeadField.LINKEDIN_URL, "LinkedIn URL",
            LeadField.IS_DQL, "Qualified (DQL)",
            LeadField.AI_SCORE, "AI score",
            LeadField.LEAD_ID, "Lead id",
            LeadField.AGENT_ID, "Agent",
            LeadField.LAST_VISIT, "Last visit");

    private ActionLabels() {
    }

    /** {@code agent.create} and other unlisted actions read as "Create" (agent calls), never as a code. */
    static String label(String action) {
        String known = ACTIONS.get(action);
        if (known != null) {
            return known;
        }
        String last = action.substring(action.lastIndexOf('.') + 1).replace('-', ' ');
        String text = action.startsWith("agent.") || action.startsWith("mcp.") ? "Agent: " + last : last;
        return text.isEmpty() ? action : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String setting(String name) {
        return SETTINGS.getOrDefault(name, name);
    }

    /** A setting's value: enum constants and booleans in words, anything else as it is. */
    static String value(String code) {
        String known = VALUES.get(code);
        return known != null ? known : code.matches("[A-Z][A-Z0-9_]*") ? Pages.label(code) : code;
    }

    static String field(LeadField field) {
        return FIELDS.getOrDefault(field, Pages.label(field.name()));
    }
}
