package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lead conversion and merge as Salesforce does them (SOAP API Developer Guide: convertLead, merge; SALESFORCE.md
 * section 16). Converting makes an Account from the Lead's company (or uses the one named) and a Contact from the
 * person (or merges into the one named), moves the Lead's activities to the Contact, and leaves the Lead read-only:
 * {@code IsConverted}, {@code ConvertedContactId}, {@code ConvertedAccountId}, {@code ConvertedDate} and the converted
 * status. No Opportunity is made: this org has no Opportunity object, so {@code doNotCreateOpportunity=false} is
 * answered like {@code true} (documented in the sandbox README). Merging keeps the master (with any fields the
 * request sets on it), deletes the losers with {@code MasterRecordId} naming the master (visible through queryAll) and
 * moves their activities to the master. Custom Lead fields carry over only where the admin mapped them, which this
 * org has not: as in a new org, they stay on the Lead.
 */
final class LeadConversions {
    /** What the org's records look like to this class; implemented by the org, called under its lock. */
    interface Store {
        Optional<ObjectNode> live(String object, String id);

        /** A record even if deleted (a tombstone), for telling "deleted" from "never existed". */
        Optional<ObjectNode> any(String object, String id);

        List<ObjectNode> all(String object);

        /** A new record of {@code object} with these standard field values, stamped as created by {@code user}. */
        ObjectNode insert(SandboxUser user, String object, Map<String, JsonNode> values);

        /** The record was changed by {@code user} now: LastModifiedDate, LastModifiedById, SystemModstamp. */
        void touch(ObjectNode record, SandboxUser user);

        /** The org's Lead statuses, as LeadStatus rows (MasterLabel, ApiName, IsConverted, ...). */
        List<ObjectNode> leadStatuses();

        /** Validates {@code values} as an update of {@code record} by {@code user}; errors, or none when it may go. */
        List<ApiError> checkUpdate(SandboxUser user, String object, ObjectNode record, Map<String, JsonNode> values);

        Instant now();
    }

    /** Lead fields a conversion copies to the Contact, by the Contact's name for them. */
    private static final Map<String, String> TO_CONTACT = Map.ofEntries(Map.entry("FirstName", "FirstName"),
            Map.entry("LastName", "LastName"), Map.entry("Salutation", "Salutation"), Map.entry("Title", "Title"),
            Map.entry("Email", "Email"), Map.entry("Phone", "Phone"), Map.entry("MobilePhone", "MobilePhone"),
            Map.entry("Fax", "Fax"), Map.entry("LeadSource", "LeadSource"), Map.entry("Description", "Description"),
            Map.entry("HasOptedOutOfEmail", "HasOptedOutOfEmail"), Map.entry("Street", "MailingStreet"),
            Map.entry("City", "MailingCity"), Map.entry("State", "MailingState"),
            Map.entry("PostalCode", "MailingPostalCode"), Map.entry("Country", "MailingCountry"));
    /** Lead fields a conversion copies to a new Account. */
    private static final Map<String, String> TO_ACCOUNT = Map.ofEntries(Map.entry("Company", "Name"),
            Map.entry("Website", "Website"), Map.entry("Industry", "Industry"), Map.entry("Phone", "Phone"),
            Map.entry("AnnualRevenue", "AnnualRevenue"), Map.entry("NumberOfEmployees", "NumberOfEmployees"),
            Map.entry("Street", "BillingStreet"), Map.entry("City", "BillingCity"), Map.entry("State", "BillingState"),
            Map.entry("PostalCode", "BillingPostalCode"), Map.entry("Country", "BillingCountry"));
    static final String CONVERTED_CODE = "CANNOT_UPDATE_CONVERTED_LEAD";
    static final String CONVERTED_MESSAGE = "cannot reference converted lead";

    private final Store store;

    LeadConversions(Store store) {
        this.store = store;
    }

    /** The error a write to a converted Lead, or a reference to one, gets. */
    static ApiError convertedLead(List<String> fields) {
        return ApiError.of(CONVERTED_CODE, CONVERTED_MESSAGE, fields);
    }

    static boolean isConverted(ObjectNode lead) {
        return lead.path("IsConverted").asBoolean(false);
    }

    SoapEndpoint.ConvertResult convert(SandboxUser user, SoapEndpoint.ConvertRequest request) {
        Optional<ObjectNode> found = SalesforceIds.normalise(request.leadId()) == null ? Optional.empty()
                : store.any("Lead", request.leadId());
        if (found.isEmpty() || found.get().path("IsDeleted").asBoolean()) {
            return failed(request, ApiError.of(found.isEmpty() ? "INVALID_CROSS_REFERENCE_KEY" : "ENTITY_IS_DELETED",
                    found.isEmpty() ? "invalid cross reference id" : "entity is deleted", List.of("leadId")));
        }
        ObjectNode lead = found.get();
        if (isConverted(lead)) {
            return failed(request, ApiError.of(CONVERTED_CODE, "This lead was already converted to the contact "
                    + lead.path("ConvertedContactId").asText() + ".", List.of("leadId")));
        }
        Optional<ObjectNode> status = store.leadStatuses().stream()
                .filter(row -> row.path("MasterLabel").asText().equalsIgnoreCase(request.convertedStatus())
                        || row.path("ApiName").asText().equalsIgnoreCase(request.convertedStatus())).findFirst();
        if (status.isEmpty() || !status.get().path("IsConverted").asBoolean()) {
            return failed(request, ApiError.of("INVALID_STATUS", "invalid convertedStatus: "
                    + request.convertedStatus(), List.of("convertedStatus")));
        }
        Optional<ObjectNode> account = Optional.empty();
        if (request.accountId().isPresent()) {
            account = store.live("Account", request.accountId().get());
            if (account.isEmpty()) {
                return failed(request, ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                        List.of("accountId")));
            }
        }
        Optional<ObjectNode> contact = Optional.empty();
        if (request.contactId().isPresent()) {
            contact = store.live("Contact", request.contactId().get());
            if (contact.isEmpty() || account.isEmpty()
                    || !account.get().path("Id").asText().equals(contact.get().path("AccountId").asText())) {
                return failed(request, ApiError.of("INVALID_CROSS_REFERENCE_KEY", "contactId must belong to the "
                        + "account named by accountId", List.of("contactId")));
            }
        }
        String owner = request.ownerId().orElse(lead.path("OwnerId").asText(user.id()));
        if (account.isEmpty()) {
            account = Optional.of(store.insert(user, "Account", copy(lead, TO_ACCOUNT, owner)));
        }
        String accountId = account.get().path("Id").asText();
        if (contact.isEmpty()) {
            Map<String, JsonNode> values = copy(lead, TO_CONTACT, owner);
            values.put("AccountId", Json.MAPPER.getNodeFactory().textNode(accountId));
            contact = Optional.of(store.insert(user, "Contact", values));
        } else if (request.overwriteLeadSource() && lead.hasNonNull("LeadSource")) {
            contact.get().set("LeadSource", lead.get("LeadSource"));
            store.touch(contact.get(), user);
        }
        String contactId = contact.get().path("Id").asText();
        String leadId = lead.path("Id").asText();
        // The Lead's activities now belong to the Contact (and its Account), as a conversion moves them.
        for (ObjectNode task : store.all("Task")) {
            if (leadId.equals(task.path("WhoId").asText(null)) && !task.path("IsDeleted").asBoolean()) {
                task.put("WhoId", contactId);
                if (!task.hasNonNull("WhatId")) {
                    task.put("WhatId", accountId);
                }
                store.touch(task, user);
            }
        }
        lead.put("Status", status.get().path("MasterLabel").asText());
        lead.put("IsConverted", true);
        lead.put("ConvertedContactId", contactId);
        lead.put("ConvertedAccountId", accountId);
        lead.put("ConvertedDate", store.now().atZone(ZoneOffset.UTC).toLocalDate().toString());
        store.touch(lead, user);
        return new SoapEndpoint.ConvertResult(Optional.of(leadId), Optional.of(accountId), Optional.of(contactId),
                List.of());
    }

    SoapEndpoint.MergeResult merge(SandboxUser user, SoapEndpoint.MergeRequest request) {
        String type = request.type();
        if (!List.of("Lead", "Contact", "Account").contains(type)) {
            return mergeFailed(ApiError.of("INVALID_TYPE", "merge takes Leads, Contacts or Accounts, not '" + type
                    + "'", List.of("type")));
        }
        if (request.masterId().isEmpty()) {
            return mergeFailed(ApiError.of("REQUIRED_FIELD_MISSING", "masterRecord needs an Id", List.of("Id")));
        }
        if (request.recordToMergeIds().isEmpty() || request.recordToMergeIds().size() > 2) {
            return mergeFailed(ApiError.of("INVALID_ID_FIELD", "merge takes one or two records to merge into the "
                    + "master", List.of("recordToMergeIds")));
        }
        Optional<ObjectNode> master = store.live(type, request.masterId().get());
        if (master.isEmpty()) {
            return mergeFailed(ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of("Id")));
        }
        List<ObjectNode> losers = new ArrayList<>();
        for (String id : request.recordToMergeIds()) {
            Optional<ObjectNode> loser = store.live(type, id);
            if (loser.isEmpty() || loser.get() == master.get()) {
                return mergeFailed(ApiError.of(loser.isEmpty() ? "ENTITY_IS_DELETED" : "INVALID_ID_FIELD",
                        loser.isEmpty() ? "entity is deleted or does not exist: " + id
                                : "the master cannot be merged into itself", List.of("recordToMergeIds")));
            }
            losers.add(loser.get());
        }
        if (type.equals("Lead") && (isConverted(master.get()) || losers.stream().anyMatch(LeadConversions::isConverted))) {
            return mergeFailed(convertedLead(List.of()));
        }
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        request.masterFields().forEach((name, value) -> values.put(name, Json.MAPPER.getNodeFactory().textNode(value)));
        if (!values.isEmpty()) {
            List<ApiError> errors = store.checkUpdate(user, type, master.get(), values);
            if (!errors.isEmpty()) {
                return mergeFailed(errors.get(0));
            }
            values.forEach(master.get()::set);
        }
        String masterId = master.get().path("Id").asText();
        List<String> merged = new ArrayList<>();
        List<String> related = new ArrayList<>();
        for (ObjectNode loser : losers) {
            String loserId = loser.path("Id").asText();
            String reference = type.equals("Account") ? "WhatId" : "WhoId";
            for (ObjectNode task : store.all("Task")) {
                if (loserId.equals(task.path(reference).asText(null)) && !task.path("IsDeleted").asBoolean()) {
                    task.put(reference, masterId);
                    store.touch(task, user);
                    related.add(task.path("Id").asText());
                }
            }
            loser.put("IsDeleted", true);
            loser.put("MasterRecordId", masterId);
            store.touch(loser, user);
            merged.add(loserId);
        }
        store.touch(master.get(), user);
        return new SoapEndpoint.MergeResult(Optional.of(masterId), merged, related, List.of());
    }

    /** Standard Lead values under another object's names; the owner as given. */
    private static Map<String, JsonNode> copy(ObjectNode lead, Map<String, String> names, String owner) {
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        names.forEach((from, to) -> {
            JsonNode value = lead.get(from);
            if (value != null && !value.isNull()) {
                values.put(to, value);
            }
        });
        values.put("OwnerId", Json.MAPPER.getNodeFactory().textNode(owner));
        return values;
    }

    private static SoapEndpoint.ConvertResult failed(SoapEndpoint.ConvertRequest request, ApiError error) {
        return new SoapEndpoint.ConvertResult(Optional.ofNullable(request.leadId()).filter(id -> !id.isEmpty()),
                Optional.empty(), Optional.empty(), List.of(error));
    }

    private static SoapEndpoint.MergeResult mergeFailed(ApiError error) {
        return new SoapEndpoint.MergeResult(Optional.empty(), List.of(), List.of(), List.of(error));
    }

    /** The seeded LeadStatus rows: Salesforce's defaults, one converted status. */
    static List<String[]> defaultStatuses() {
        return List.of(new String[] {"Open - Not Contacted", "false", "true"},
                new String[] {"Working - Contacted", "false", "false"},
                new String[] {"Closed - Converted", "true", "false"},
                new String[] {"Closed - Not Converted", "false", "false"});
    }

    static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
