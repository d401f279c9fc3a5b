package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Contact target's Account fields on a pull (ADR 0080): the company a lead has in Salesforce is its Contact's
 * Account, so the mapped Account fields ({@code Account.Name}, {@code Account.Website}, ...) are read with the
 * Contacts: one {@code SELECT ... FROM Account WHERE Id IN (...)} per page of changed Contacts (a page holds at most
 * 2,000, so the IN list stays far under SOQL's 100,000-character limit). A Contact without an Account pulls no
 * Account field (absent, not blank: the lead's company is not cleared because a rep left the Account empty).
 */
final class SalesforceContactAccounts {
    private final SalesforceHttp http;

    SalesforceContactAccounts(SalesforceHttp http) {
        this.http = http;
    }

    /** The Account fields to pull, by their name on Account, and the app fields each feeds. */
    static Map<String, List<LeadField>> pulled(List<FieldMapping> mappings) {
        Map<String, List<LeadField>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (FieldMapping mapping : mappings) {
            if (mapping.onAccount() && mapping.direction().allowsPull()) {
                fields.computeIfAbsent(mapping.fieldName(), k -> new ArrayList<>()).add(mapping.appField());
            }
        }
        return fields;
    }

    /** The Accounts' rows by their 15-character Id; one query, none when no Contact has an Account. */
    Map<String, JsonNode> read(CrmSession session, String base, Collection<String> fields, Collection<String> ids) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        List<String> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return rows;
        }
        String select = "Id" + fields.stream().filter(f -> !f.equalsIgnoreCase("Id")).map(f -> ", " + f)
                .reduce("", String::concat);
        String soql = "SELECT " + select + " FROM Account WHERE Id IN (" + String.join(",", distinct.stream()
                .map(SalesforceDuplicates::quote).toList()) + ")";
        SalesforceHttp.Response found = http.get(URI.create(base + "/query?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        SalesforceErrors.throwIfLimited(found, "read the Contacts' Accounts");
        if (found.ok() && found.body() != null && found.body().get("records") != null) {
            found.body().get("records").values().forEach(row -> SalesforceAuthorization.text(row, "Id")
                    .ifPresent(id -> rows.put(key(id), row)));
        }
        return rows;
    }

    /** The app values one Account gives; unreadable values named in {@code unreadable}. */
    static Map<LeadField, Optional<String>> values(JsonNode account, Map<String, List<LeadField>> pulled,
                                                   List<String> unreadable) {
        Map<String, JsonNode> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        account.entries().forEach(entry -> columns.put(entry.getKey(), entry.getValue()));
        Map<LeadField, Optional<String>> values = new LinkedHashMap<>();
        pulled.forEach((field, appFields) -> {
            for (LeadField appField : appFields) {
                try {
                    values.put(appField, SalesforceLeadValues.canonical(appField, columns.get(field)));
                } catch (InvalidLeadException e) {
                    unreadable.add(appField.apiName() + " (Salesforce Account." + field + "): " + appField.rule());
                }
            }
        });
        return values;
    }

    static String key(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }
}
