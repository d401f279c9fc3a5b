package io.leadsync.adapters.in.http.web;

import java.util.Map;

/**
 * The confirmations a page shows after a change, named by a short code in the redirect's query, so a reload of the
 * page shows the confirmation without repeating the change and no free text travels in URLs.
 */
final class Notices {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("disconnected", "Disconnected. LeadSync's tokens are revoked and deleted; the records stay in the CRM."),
            Map.entry("provisioned", "Provisioned again: LeadSync created its fields and checked them."),
            Map.entry("settings", "Sync settings saved."),
            Map.entry("endpoint", "Delivery created: each lead now goes to the endpoint. Send a test lead to see its answer."),
            Map.entry("mappings", "Field mapping saved."),
            Map.entry("backfill", "Every lead is queued for this connection; the background sync sends them now."),
            Map.entry("resynced", "The chosen deliveries are queued again; the background sync retries them now."),
            Map.entry("revoked", "The API key is revoked: it stops working at once."),
            Map.entry("narrowed", "The API key keeps only the scope you chose, at once."),
            Map.entry("member", "The member's role is changed."),
            Map.entry("removed", "The user is removed from this workspace; their sessions here ended at once."),
            Map.entry("password", "Password changed. Every other session of yours has ended."),
            Map.entry("session-ended", "That session has ended: its browser is signed out."),
            Map.entry("sessions-ended", "Every other session of yours has ended."),
            Map.entry("duplicates", "Duplicate detection saved: it applies to leads captured from now on."),
            Map.entry("suppressions", "Suppression list saved: matching leads are not sent to this connection."),
            Map.entry("routing", "Routing rules saved: agents' leads go to the chosen CRMs from now on."),
            Map.entry("defaults", "Workspace defaults saved: new leads without a lead source carry the new name."));

    private Notices() {
    }

    static String text(String code) {
        return TEXTS.get(code);
    }
}
