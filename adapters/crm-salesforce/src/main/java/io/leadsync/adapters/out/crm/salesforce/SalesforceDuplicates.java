package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What LeadSync does when an org's duplicate rule refuses a record ({@code DUPLICATES_DETECTED}): it looks the
 * matching records up itself, because Collections' per-record errors do not carry {@code duplicateResult}
 * (SALESFORCE.md section 16). Leads with the same e-mail first, then Leads with the same last name and company; an
 * unconverted Lead that no other LeadSync lead owns is adopted (written by its Id, stamped with LeadSync's lead id,
 * owner kept); anything else, Contacts included, fails that record for good, naming the matches.
 */
final class SalesforceDuplicates {
    private static final String DUPLICATES = SalesforceLeadWriter.DUPLICATES_DETECTED;
    /** The adopted Lead is the match itself: the rule would only name it again, so the save may go ahead. */
    private static final Map<String, String> ADOPT = Map.of("Sforce-Auto-Assign", "FALSE",
            "Sforce-Duplicate-Rule-Header", "allowSave=true");

    /** A record the query found: its Id and the LeadSync lead id it carries ("" when none). */
    private record Match(String object, String id, String leadId) {
        String named() {
            return object + " " + id + (leadId.isEmpty() ? "" : " (already LeadSync lead " + leadId + ")");
        }
    }

    private final SalesforceHttp http;
    private final SalesforceLeadWriter writer;

    SalesforceDuplicates(SalesforceHttp http, SalesforceLeadWriter writer) {
        this.http = http;
        this.writer = writer;
    }

    /** Resolves the refused records at {@code indexes}, writing their final results; answers the calls it took. */
    int resolve(CrmSession session, String base, List<CrmRecord> records, UpsertResult[] results,
                List<Integer> indexes) {
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        Function<LeadField, Optional<String>> crmField = field -> session.mappings().stream()
                .filter(m -> m.appField() == field).map(FieldMapping::crmField).findFirst();
        int calls = 0;
        Map<Integer, List<Match>> matches = new LinkedHashMap<>();
        indexes.forEach(index -> matches.put(index, new ArrayList<>()));

        // E-mail first: the standard rule's exact match.
        Optional<String> emailField = crmField.apply(LeadField.WORK_EMAIL);
        Map<Integer, String> emails = values(records, indexes, LeadField.WORK_EMAIL);
        if (emailField.isPresent() && !emails.isEmpty()) {
            List<JsonNode> leads = query(session, base, "SELECT Id, " + externalId + ", " + emailField.get()
                    + " FROM Lead WHERE IsConverted = false AND " + emailField.get() + " IN (" + quoted(emails.values())
                    + ")");
            calls++;
            emails.forEach((index, email) -> leads.stream()
                    .filter(row -> text(row, emailField.get()).equalsIgnoreCase(email))
                    .forEach(row -> matches.get(index).add(new Match("Lead", text(row, "Id"), text(row, externalId)))));
        }
        // Then name and company (the standard rule's fuzzy match, approximated by equality) where e-mail found none.
        Optional<String> lastName = crmField.apply(LeadField.LAST_NAME);
        Optional<String> company = crmField.apply(LeadField.COMPANY_NAME);
        List<Integer> byName = indexes.stream().filter(i -> matches.get(i).isEmpty()).toList();
        Map<Integer, String> names = values(records, byName, LeadField.LAST_NAME);
        Map<Integer, String> companies = values(records, byName, LeadField.COMPANY_NAME);
        List<Integer> named = byName.stream().filter(i -> names.containsKey(i) && companies.containsKey(i)).toList();
        if (lastName.isPresent() && company.isPresent() && !named.isEmpty()) {
            List<String> conditions = named.stream().map(i -> "(" + lastName.get() + " = " + quote(names.get(i))
                    + " AND " + company.get() + " = " + quote(companies.get(i)) + ")").distinct().toList();
            List<JsonNode> leads = query(session, base, "SELECT Id, " + externalId + ", " + lastName.get() + ", "
                    + company.get() + " FROM Lead WHERE IsConverted = false AND (" + String.join(" OR ", conditions)
                    + ")");
            calls++;
            named.forEach(index -> leads.stream()
                    .filter(row -> text(row, lastName.get()).equalsIgnoreCase(names.get(index))
                            && text(row, company.get()).equalsIgnoreCase(companies.get(index)))
                    .forEach(row -> matches.get(index).add(new Match("Lead", text(row, "Id"), text(row, externalId)))));
        }

        List<Integer> adopt = new ArrayList<>();
        List<CrmRecord> adopted = new ArrayList<>(records);
        List<Integer> unresolved = new ArrayList<>();
        for (int index : indexes) {
            CrmRecord record = records.get(index);
            List<Match> found = matches.get(index);
            if (found.size() == 1 && (found.get(0).leadId().isEmpty()
                    || found.get(0).leadId().equals(record.leadId().value()))) {
                adopted.set(index, new CrmRecord(record.leadId(), record.values(), Optional.of(found.get(0).id())));
                adopt.add(index);
            } else {
                unresolved.add(index);
            }
        }
        // Contacts are named, never adopted: a lead is not written over a Contact a rep owns.
        Map<Integer, String> unresolvedEmails = values(records, unresolved, LeadField.WORK_EMAIL);
        if (!unresolvedEmails.isEmpty()) {
            List<JsonNode> contacts = query(session, base, "SELECT Id, Email FROM Contact WHERE Email IN ("
                    + quoted(unresolvedEmails.values()) + ")");
            calls++;
            unresolvedEmails.forEach((index, email) -> contacts.stream()
                    .filter(row -> text(row, "Email").equalsIgnoreCase(email))
                    .forEach(row -> matches.get(index).add(new Match("Contact", text(row, "Id"), ""))));
        }
        for (int index : unresolved) {
            List<Match> found = matches.get(index);
            String named0 = found.isEmpty() ? "a record LeadSync cannot see (check the duplicate rule's matching rule)"
                    : String.join(", ", found.stream().map(Match::named).toList());
            results[index] = UpsertResult.failed(records.get(index).leadId(), DUPLICATES, "Salesforce's duplicate rule"
                    + " matched " + named0 + ": merge them in Salesforce or change the lead's e-mail", false);
        }
        if (!adopt.isEmpty()) {
            List<Integer> again = new ArrayList<>();
            writer.send(session, URI.create(base + "/composite/sobjects"), adopted, adopt, results, true, ADOPT, again);
            calls++;
        }
        return calls;
    }

    private List<JsonNode> query(CrmSession session, String base, String soql) {
        SalesforceHttp.Response found = http.get(URI.create(base + "/query?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        SalesforceErrors.throwIfLimited(found, "looking up duplicates");
        List<JsonNode> rows = new ArrayList<>();
        if (found.ok() && found.body() != null && found.body().get("records") != null) {
            found.body().get("records").values().forEach(rows::add);
        }
        return rows;
    }

    private static Map<Integer, String> values(List<CrmRecord> records, List<Integer> indexes, LeadField field) {
        Map<Integer, String> values = new LinkedHashMap<>();
        for (int index : indexes) {
            Optional<String> value = records.get(index).values().getOrDefault(field, Optional.empty());
            value.filter(v -> !v.isBlank()).ifPresent(v -> values.put(index, v));
        }
        return values;
    }

    private static String text(JsonNode row, String field) {
        return SalesforceAuthorization.text(row, field).orElse("");
    }

    private static String quoted(java.util.Collection<String> values) {
        return String.join(", ", values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct()
                .map(SalesforceDuplicates::quote).toList());
    }

    /** A SOQL string literal: backslashes and quotes escaped, as SOQL requires. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
