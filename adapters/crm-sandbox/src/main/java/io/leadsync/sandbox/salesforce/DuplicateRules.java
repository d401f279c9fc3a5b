package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard duplicate rules of a new org, active by default (digest section 16): "Standard Lead Duplicate Rule"
 * compares a Lead with other Leads (Standard Lead Matching Rule) and with Contacts (Standard Contact Matching Rule);
 * "Standard Contact Duplicate Rule" compares a Contact with Contacts, "Standard Account Duplicate Rule" an Account with
 * Accounts ({@link StandardAccountMatchingRule}). All act "Allow" with an alert, so an API save
 * that matches is refused with {@code DUPLICATES_DETECTED} unless it carries {@code allowSave=true}
 * ({@link DuplicateRuleHeader}); a rep in the UI saves anyway.
 *
 * <p>Matching: Salesforce's standard matching equation ({@link StandardMatchingRule}): first and last name alike
 * together with the e-mail, or the phone, or title and company, or the street with the city, ZIP, phone or title, ...
 * The rules run on create and on an edit that changes a matched field; deleted and converted Leads are never matches.
 */
final class DuplicateRules {

    static final String MESSAGE = "Use one of these records?";
    private static final Set<String> MATCHED_FIELDS = Set.of("Email", "FirstName", "LastName", "Company", "AccountId",
            "Title", "Phone", "Street", "City", "PostalCode", "MailingStreet", "MailingCity", "MailingPostalCode", "Name",
            "BillingStreet", "BillingCity", "BillingPostalCode", "Website");

    private boolean active = true;
    /** Per object, its rows by match key (see {@link MatchKeyIndex}). */
    private final Map<String, MatchKeyIndex> indexes = new HashMap<>();

    void active(boolean active) {
        this.active = active;
    }

    boolean active() {
        return active;
    }

    /**
     * The refusal for saving {@code values} over {@code stored} (null on create), or empty when no rule matches or
     * the request acknowledges the alert. {@code tables} gives an object's stored records.
     */
    Optional<ApiError> check(SObjectSchema schema, Map<String, JsonNode> values, ObjectNode stored,
            Function<String, Map<String, ObjectNode>> tables) {
        String object = schema.name();
        if (!active || !(object.equals("Lead") || object.equals("Contact") || object.equals("Account"))) {
            return Optional.empty();
        }
        DuplicateRuleHeader header = DuplicateRuleHeader.current();
        if (header.allowSave()) {
            return Optional.empty();
        }
        if (stored != null && values.entrySet().stream().noneMatch(e -> MATCHED_FIELDS.contains(e.getKey())
                && !sameValue(e.getValue(), stored.get(e.getKey())))) {
            // Chosen: an edit that leaves every matched field as it was is not checked (it cannot create a match).
            return Optional.empty();
        }
        MatchKeys saved = person(object, merged(values, stored), tables);
        String selfId = stored == null ? null : stored.get("Id").textValue();
        ObjectNode result = Json.object();
        result.put("allowSave", true);
        result.put("duplicateRule", "Standard_" + object + "_Duplicate_Rule");
        result.put("duplicateRuleEntityType", object);
        result.put("errorMessage", MESSAGE);
        var matchResults = result.putArray("matchResults");
        List<String> candidates = object.equals("Lead") ? List.of("Lead", "Contact") : List.of(object);
        for (String other : candidates) {
            List<ObjectNode> found = new ArrayList<>();
            for (Candidate candidate : candidates(other, saved, header, tables)) {
                ObjectNode row = candidate.row();
                if (!saved.matches(candidate.person())) {
                    continue;
                }
                String id = row.get("Id").textValue();
                if (!row.path("IsDeleted").asBoolean() && !row.path("IsConverted").asBoolean() && !id.equals(selfId)
                        && !header.sameTransaction().contains(id)) {
                    found.add(row);
                }
            }
            if (!found.isEmpty()) {
                matchResults.add(matchResult(other, found));
            }
        }
        return matchResults.isEmpty() ? Optional.empty() : Optional.of(ApiError.duplicates(result));
    }

    /**
     * The rows that may match {@code saved}: those sharing its e-mail or its last name (every matching equation
     * needs one of the two), from the table's index, brought up to date once per request (the records a request is
     * compared with are those stored before it began; {@link DuplicateRuleHeader#sameTransaction()} keeps its own
     * out) and at every check outside one. Their matching keys are computed now: few rows, and a Contact's company
     * is its Account's name, which may have changed without the Contact.
     */
    private List<Candidate> candidates(String object, MatchKeys saved, DuplicateRuleHeader header,
            Function<String, Map<String, ObjectNode>> tables) {
        MatchKeyIndex index = indexes.computeIfAbsent(object, o -> new MatchKeyIndex(
                o.equals("Account") ? List.of("Name", "IsPersonAccount", "LastName")
                        : List.of("Email", "FirstName", "LastName"),
                row -> person(o, row, tables).indexKeys()));
        Set<String> refreshed = header.refreshed();
        if (refreshed == null || refreshed.add(object)) {
            index.refresh(tables.apply(object));
        }
        List<Candidate> rows = new ArrayList<>();
        for (ObjectNode row : index.rowsUnder(saved.lookupKeys())) {
            rows.add(new Candidate(row, person(object, row, tables)));
        }
        return rows;
    }

    /** A stored row that may match, and its matching keys. */
    private record Candidate(ObjectNode row, MatchKeys person) {
    }

    private static ObjectNode matchResult(String object, List<ObjectNode> found) {
        ObjectNode match = Json.object();
        match.put("entityType", object);
        match.putArray("errors");
        match.put("matchEngine", "FuzzyMatchEngine");
        var records = match.putArray("matchRecords");
        for (ObjectNode row : found) {
            ObjectNode record = records.addObject();
            record.putArray("additionalInformation");
            record.putArray("fieldDiffs");
            record.put("matchConfidence", 100.0);
            ObjectNode shown = record.putObject("record");
            shown.putObject("attributes").put("type", object).put("url", "/services/data/v62.0/sobjects/" + object
                    + "/" + row.get("Id").textValue());
            shown.put("Id", row.get("Id").textValue());
        }
        match.put("rule", switch (object) {
            case "Lead" -> "Standard_Lead_Match_Rule_v1_0";
            case "Account" -> "Standard_Account_Match_Rule_v1_0";
            default -> "Standard_Contact_Match_Rule_v1_1";
        });
        match.put("size", found.size());
        match.put("success", true);
        return match;
    }

    private static boolean sameValue(JsonNode given, JsonNode stored) {
        boolean givenNull = given == null || given.isNull();
        boolean storedNull = stored == null || stored.isNull();
        return givenNull || storedNull ? givenNull == storedNull : given.asText().equals(stored.asText());
    }

    private static ObjectNode merged(Map<String, JsonNode> values, ObjectNode stored) {
        ObjectNode record = stored == null ? Json.object() : stored.deepCopy();
        values.forEach(record::set);
        return record;
    }

    private static MatchKeys person(String object, JsonNode row, Function<String, Map<String, ObjectNode>> tables) {
        if (object.equals("Account")) {
            // Person accounts have their own matching rule, inactive in a new org: the business rule skips them.
            boolean person = row.path("IsPersonAccount").asBoolean() || row.hasNonNull("LastName");
            return StandardAccountMatchingRule.of(person ? "" : row.path("Name").asText(""), row.path("BillingStreet").asText(""),
                    row.path("BillingCity").asText(""), row.path("BillingPostalCode").asText(""),
                    row.path("Phone").asText(""), row.path("Website").asText(""));
        }
        String company = row.path("Company").asText("");
        String prefix = "";
        if (object.equals("Contact")) {
            String accountId = SalesforceIds.normalise(row.path("AccountId").asText(""));
            ObjectNode account = accountId == null ? null : tables.apply("Account").get(accountId);
            company = account == null ? "" : account.path("Name").asText("");
            prefix = "Mailing";
        }
        return StandardMatchingRule.of(row.path("Email").asText(""), row.path("FirstName").asText(""),
                row.path("LastName").asText(""), company, row.path("Title").asText(""), row.path("Phone").asText(""),
                row.path(prefix + "Street").asText(""), row.path(prefix + "City").asText(""),
                row.path(prefix + "PostalCode").asText(""));
    }
}
