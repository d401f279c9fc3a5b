package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmSession;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a connected user can create Person Accounts, and with which record type. Two facts must hold (ADR 0082):
 * the org has Person Accounts ({@code IsPersonAccount} is a field of Account only where they are enabled, which
 * Salesforce cannot undo) and an active person record type ({@code RecordType.IsPersonType}) is available to the
 * connected user (describe's {@code recordTypeInfos}: an admin can deactivate the type or take it off the user's
 * profile later). The type is found by {@code IsPersonType}, not by its developer name, which admins may change.
 */
final class SalesforcePersonTypes {

    /** The person record type the user may use, if any, and the calls it took to find out. */
    record Found(Optional<String> recordTypeId, int calls) {
    }

    /** What a lead's write is refused with where {@link #find} found no usable person record type. */
    static final String UNAVAILABLE = "PERSON_ACCOUNTS_UNAVAILABLE";
    static final String UNAVAILABLE_MESSAGE = "This Salesforce org has no Person Accounts the connected user can"
            + " create (Person Accounts not enabled, or no active person record type available to the user's"
            + " profile); choose Lead or Contact as the target object, or ask the Salesforce admin to make the"
            + " person record type available";

    private SalesforcePersonTypes() {
    }

    static Found find(SalesforceHttp http, CrmSession session, String base) {
        SalesforceHttp.Response describe = http.get(URI.create(base + "/sobjects/Account/describe"),
                session.tokens().accessToken());
        JsonNode body = SalesforceContactWriter.checkedBody(describe, "describe Account");
        boolean enabled = false;
        JsonNode fields = body.get("fields");
        for (JsonNode field : fields == null ? java.util.List.<JsonNode>of() : fields.values()) {
            enabled |= "IsPersonAccount".equals(field.get("name").getStringValue());
        }
        if (!enabled) {
            return new Found(Optional.empty(), 1);
        }
        Set<String> available = new HashSet<>();
        JsonNode infos = body.get("recordTypeInfos");
        if (infos != null) {
            for (JsonNode info : infos.values()) {
                if (flag(info, "available") && !flag(info, "master") && info.get("recordTypeId") != null) {
                    available.add(info.get("recordTypeId").getStringValue());
                }
            }
        }
        String soql = "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true"
                + " AND IsActive = true ORDER BY CreatedDate";
        JsonNode rows = SalesforceContactWriter.checkedQuery(http.get(URI.create(base + "/query?q="
                + SalesforceHttp.encode(soql)), session.tokens().accessToken())).get("records");
        for (JsonNode row : rows.values()) {
            String id = row.get("Id").getStringValue();
            if (available.contains(id)) {
                return new Found(Optional.of(id), 2);
            }
        }
        return new Found(Optional.empty(), 2);
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }
}
