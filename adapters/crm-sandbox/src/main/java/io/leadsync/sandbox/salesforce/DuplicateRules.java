package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard duplicate rules of a new org, active by default (digest section 16): "Standard Lead Duplicate Rule"
 * compares a Lead with other Leads (Standard Lead Matching Rule) and with Contacts (Standard Contact Matching Rule);
 * "Standard Contact Duplicate Rule" compares a Contact with Contacts. Both act "Allow" with an alert, so an API save
 * that matches is refused with {@code DUPLICATES_DETECTED} unless it carries {@code allowSave=true}
 * ({@link DuplicateRuleHeader}); a rep in the UI saves anyway.
 *
 * <p>Matching: the same e-mail (exact, case-blind; digest section 16), or first name, last name and company alike
 * together with the title or the phone, as the standard matching equation has it ("(First Name AND Last Name AND
 * Title AND Company) OR (First Name AND Last Name AND Phone AND Company) OR ..."; a Contact's company is its
 * Account's name). Alike: case, accents, punctuation and legal suffixes (Inc, Ltd, GmbH...) are ignored, a first name
 * matches its initial or a name it starts (Jon/Jonathan); phones compare by digits. Blank fields never match. The
 * rules run on create and on an edit that changes a matched field; deleted and converted Leads are never matches.
 */
final class DuplicateRules {

    static final String MESSAGE = "Use one of these records?";
    private static final Set<String> MATCHED_FIELDS = Set.of("Email", "FirstName", "LastName", "Company", "AccountId",
            "Title", "Phone");
    private static final Set<String> LEGAL_SUFFIXES = Set.of("inc", "incorporated", "corp", "corporation", "co",
            "company", "llc", "ltd", "limited", "gmbh", "plc", "sa", "ag", "bv", "nv", "srl", "sarl", "pty");

    private boolean active = true;

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
        if (!active || !(object.equals("Lead") || object.equals("Contact"))) {
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
        Person saved = person(object, merged(values, stored), tables);
        String selfId = stored == null ? null : stored.get("Id").textValue();
        ObjectNode result = Json.object();
        result.put("allowSave", true);
        result.put("duplicateRule", object.equals("Lead") ? "Standard_Lead_Duplicate_Rule"
                : "Standard_Contact_Duplicate_Rule");
        result.put("duplicateRuleEntityType", object);
        result.put("errorMessage", MESSAGE);
        var matchResults = result.putArray("matchResults");
        List<String> candidates = object.equals("Lead") ? List.of("Lead", "Contact") : List.of("Contact");
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
     * needs one of the two), looked up in an index of the table built once per transaction.
     */
    /** A stored row and its match keys, computed when the transaction's index was built. */
    private record Candidate(ObjectNode row, Person person) {
    }

    @SuppressWarnings("unchecked")
    private static List<Candidate> candidates(String object, Person saved, DuplicateRuleHeader header,
            Function<String, Map<String, ObjectNode>> tables) {
        Map<String, Object> cache = header.indexes();
        Map<String, List<Candidate>> index = cache == null ? null
                : (Map<String, List<Candidate>>) cache.get(object);
        if (index == null) {
            index = new HashMap<>();
            for (ObjectNode row : tables.apply(object).values()) {
                Candidate candidate = new Candidate(row, person(object, row, tables));
                if (!candidate.person().email().isEmpty()) {
                    index.computeIfAbsent("e:" + candidate.person().email(), k -> new ArrayList<>()).add(candidate);
                }
                if (!candidate.person().lastName().isEmpty()) {
                    index.computeIfAbsent("n:" + candidate.person().lastName(), k -> new ArrayList<>())
                            .add(candidate);
                }
            }
            if (cache != null) {
                cache.put(object, index);
            }
        }
        List<Candidate> rows = new ArrayList<>();
        // A row may be under both keys; rows compare by identity (their JSON equality would hash every field).
        Set<ObjectNode> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (String key : List.of("e:" + saved.email(), "n:" + saved.lastName())) {
            if (key.length() > 2) {
                index.getOrDefault(key, List.of()).stream().filter(c -> seen.add(c.row())).forEach(rows::add);
            }
        }
        return rows;
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
        match.put("rule", object.equals("Lead") ? "Standard_Lead_Match_Rule_v1_0" : "Standard_Contact_Match_Rule_v1_1");
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

    private static Person person(String object, JsonNode row, Function<String, Map<String, ObjectNode>> tables) {
        String company = row.path("Company").asText("");
        if (object.equals("Contact")) {
            String accountId = SalesforceIds.normalise(row.path("AccountId").asText(""));
            ObjectNode account = accountId == null ? null : tables.apply("Account").get(accountId);
            company = account == null ? "" : account.path("Name").asText("");
        }
        return new Person(row.path("Email").asText("").trim().toLowerCase(Locale.ROOT),
                simple(row.path("FirstName").asText("")), simple(row.path("LastName").asText("")), company(company),
                simple(row.path("Title").asText("")), row.path("Phone").asText("").replaceAll("[^0-9]", ""));
    }

    private record Person(String email, String firstName, String lastName, String company, String title,
            String phone) {
        boolean matches(Person other) {
            if (!email.isEmpty() && email.equals(other.email)) {
                return true;
            }
            return !lastName.isEmpty() && lastName.equals(other.lastName)
                    && !company.isEmpty() && company.equals(other.company)
                    && firstNamesMatch(firstName, other.firstName)
                    && (same(title, other.title) || same(phone, other.phone));
        }

        private static boolean same(String a, String b) {
            return !a.isEmpty() && a.equals(b);
        }
    }

    private static boolean firstNamesMatch(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        return (shorter.length() == 1 || shorter.length() >= 3) && longer.startsWith(shorter);
    }

    /** Lower case, accents and everything but letters and digits dropped. */
    private static String simple(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A company name without case, punctuation and legal suffixes: "Acme, Inc." and "ACME" are one company. */
    static String company(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim();
        List<String> words = new ArrayList<>(List.of(folded.split("\\s+")));
        while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join("", words);
    }
}
