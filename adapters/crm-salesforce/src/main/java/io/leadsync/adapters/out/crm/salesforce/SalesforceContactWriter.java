package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connection whose target is Contact writes each lead as a Contact with its Account (the seed product's "Contact
 * and Account" mode). The Account is found by the website's domain, then by name, or created when the connection may
 * create Accounts; otherwise the Contact is written without one. Account fields ({@code Account.Name}, ...) are set
 * only on an Account LeadSync creates: an existing Account is the reps', not LeadSync's to rename. Contacts are
 * upserted by LeadSync's lead id on the Contact (a Contact a pull linked by email: by its Id), 200 a call.
 */
final class SalesforceContactWriter {
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG");

    private final SalesforceHttp http;

    SalesforceContactWriter(SalesforceHttp http) {
        this.http = http;
    }

    UpsertBatch upsert(CrmSession session, String base, List<CrmRecord> records) {
        List<FieldMapping> contactFields = session.mappings().stream().filter(m -> !m.onAccount()).toList();
        List<FieldMapping> accountFields = session.mappings().stream().filter(FieldMapping::onAccount).toList();
        Optional<FieldMapping> accountName = accountFields.stream()
                .filter(m -> m.fieldName().equalsIgnoreCase("Name")).findFirst();
        Optional<FieldMapping> accountWebsite = accountFields.stream()
                .filter(m -> m.fieldName().equalsIgnoreCase("Website")).findFirst();
        int calls = 0;
        Map<Integer, String> accountOf = new LinkedHashMap<>();
        Map<Integer, String> refusedAccount = new LinkedHashMap<>();
        if (accountName.isPresent()) {
            Accounts accounts = new Accounts(records, accountName.get(), accountWebsite);
            if (!accounts.names.isEmpty()) {
                calls += accounts.find(session, base);
                if (session.createsAccounts()) {
                    calls += accounts.create(session, base, accountFields);
                }
                accountOf = accounts.byRecord;
                accounts.names.forEach((index, company) -> Optional.ofNullable(accounts.refused.get(
                        company.trim().toLowerCase(Locale.ROOT))).ifPresent(why -> refusedAccount.put(index, why)));
            }
        }
        UpsertResult[] results = new UpsertResult[records.size()];
        List<Integer> byId = new ArrayList<>();
        List<Integer> byLeadId = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String why = accountOf.containsKey(i) ? null : refusedAccount.get(i);
            if (why != null) {
                results[i] = UpsertResult.failed(records.get(i).leadId(), why.substring(0, why.indexOf(':')),
                        why.substring(why.indexOf(':') + 2), false);
                continue;
            }
            (records.get(i).knownRecordId().isPresent() ? byId : byLeadId).add(i);
        }
        Optional<ApiUsage> usage = Optional.empty();
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        if (!byLeadId.isEmpty()) {
            usage = send(session, URI.create(base + "/composite/sobjects/Contact/" + externalId), records, byLeadId,
                    results, contactFields, accountOf);
            calls++;
        }
        if (!byId.isEmpty()) {
            Optional<ApiUsage> reported = send(session, URI.create(base + "/composite/sobjects"), records, byId,
                    results, contactFields, accountOf);
            usage = reported.isPresent() ? reported : usage;
            calls++;
        }
        return new UpsertBatch(List.of(results), usage, Math.max(1, calls));
    }

    /** The Contact payload: the mapped Contact fields, the Account found or created, Id for a write by Id. */
    private Optional<ApiUsage> send(CrmSession session, URI uri, List<CrmRecord> records, List<Integer> indexes,
                                    UpsertResult[] results, List<FieldMapping> contactFields,
                                    Map<Integer, String> accountOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", indexes.stream().map(i -> {
            Map<String, Object> payload = SalesforceLeadPayloadMapper.toPayload(records.get(i), contactFields);
            payload.put("attributes", Map.of("type", "Contact"));
            Optional.ofNullable(accountOf.get(i)).ifPresent(account -> payload.put("AccountId", account));
            records.get(i).knownRecordId().ifPresent(id -> payload.put("Id", id));
            return payload;
        }).toList());
        SalesforceHttp.Response response = http.patchJson(uri, session.tokens().accessToken(), json(body));
        JsonNode array = checked(response, indexes.size(), "write Contacts");
        for (int k = 0; k < indexes.size(); k++) {
            results[indexes.get(k)] = result(records.get(indexes.get(k)), array.get(k));
        }
        return ApiUsage.fromSalesforceHeader(response.limitInfo());
    }

    /** The batch's companies: which Account each record goes to, found or created. */
    private final class Accounts {
        private final List<CrmRecord> records;
        private final FieldMapping name;
        private final Optional<FieldMapping> website;
        /** Record index -> company name, for records that carry one. */
        private final Map<Integer, String> names = new LinkedHashMap<>();
        private final Map<Integer, String> byRecord = new LinkedHashMap<>();
        /** Company (lower case) -> why Salesforce refused to create its Account. */
        private final Map<String, String> refused = new LinkedHashMap<>();

        Accounts(List<CrmRecord> records, FieldMapping name, Optional<FieldMapping> website) {
            this.records = records;
            this.name = name;
            this.website = website;
            for (int i = 0; i < records.size(); i++) {
                Optional<String> company = value(records.get(i), name.appField());
                if (company.isPresent()) {
                    names.put(i, company.get());
                }
            }
        }

        /** One query for every name and website domain of the batch; the domain wins over the name. */
        int find(CrmSession session, String base) {
            List<String> where = new ArrayList<>();
            where.add("Name IN (" + quoted(names.values().stream().distinct().toList()) + ")");
            List<String> domains = names.keySet().stream().map(this::domain).flatMap(Optional::stream).distinct()
                    .toList();
            domains.forEach(domain -> where.add("Website LIKE '%" + escapeLike(domain) + "%'"));
            String soql = "SELECT Id, Name, Website FROM Account WHERE " + String.join(" OR ", where)
                    + " ORDER BY CreatedDate, Id";
            SalesforceHttp.Response response = http.get(URI.create(base + "/query?q=" + SalesforceHttp.encode(soql)),
                    session.tokens().accessToken());
            JsonNode body = checkedQuery(response);
            List<JsonNode> rows = new ArrayList<>();
            body.get("records").values().forEach(rows::add);
            for (Map.Entry<Integer, String> entry : names.entrySet()) {
                Optional<String> domain = domain(entry.getKey());
                Optional<JsonNode> match = domain.flatMap(d -> rows.stream().filter(row ->
                        SalesforceAuthorization.text(row, "Website").flatMap(SalesforceContactWriter::domainOf)
                                .filter(d::equals).isPresent()).findFirst());
                if (match.isEmpty()) {
                    match = rows.stream().filter(row -> SalesforceAuthorization.text(row, "Name")
                            .filter(n -> n.equalsIgnoreCase(entry.getValue().trim())).isPresent()).findFirst();
                }
                match.ifPresent(row -> byRecord.put(entry.getKey(), row.get("Id").getStringValue()));
            }
            return 1;
        }

        /** One Account per company still without one (the batch's first record with it gives its fields). */
        int create(CrmSession session, String base, List<FieldMapping> accountFields) {
            Map<String, Integer> firstOfCompany = new LinkedHashMap<>();
            names.forEach((index, company) -> {
                if (!byRecord.containsKey(index)) {
                    firstOfCompany.putIfAbsent(company.trim().toLowerCase(Locale.ROOT), index);
                }
            });
            if (firstOfCompany.isEmpty()) {
                return 0;
            }
            List<Integer> creating = new ArrayList<>(firstOfCompany.values());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("allOrNone", false);
            body.put("records", creating.stream().map(i -> {
                Map<String, Object> account = new LinkedHashMap<>();
                account.put("attributes", Map.of("type", "Account"));
                for (FieldMapping mapping : accountFields) {
                    value(records.get(i), mapping.appField()).ifPresent(v -> account.put(mapping.fieldName(),
                            SalesforceLeadPayloadMapper.typed(mapping.appField(), v)));
                }
                return account;
            }).toList());
            SalesforceHttp.Response response = http.postJson(URI.create(base + "/composite/sobjects"),
                    session.tokens().accessToken(), json(body));
            JsonNode array = checked(response, creating.size(), "create Accounts");
            Map<String, String> created = new LinkedHashMap<>();
            for (int k = 0; k < creating.size(); k++) {
                JsonNode result = array.get(k);
                JsonNode success = result.get("success");
                String company = names.get(creating.get(k)).trim().toLowerCase(Locale.ROOT);
                if (success != null && success.getBooleanValue()) {
                    created.put(company, result.get("id").getStringValue());
                } else {
                    // The org refused the Account (its Account duplicate rule, a validation rule): the company's
                    // leads fail with the reason rather than become Contacts without their company.
                    UpsertResult refusal = SalesforceLeadWriter.result(records.get(creating.get(k)), result);
                    refused.put(company, refusal.errorCode().orElse("UNKNOWN_ERROR") + ": Salesforce refused to "
                            + "create the Account \"" + names.get(creating.get(k)) + "\": "
                            + refusal.message().orElse(""));
                }
            }
            names.forEach((index, company) -> {
                String id = created.get(company.trim().toLowerCase(Locale.ROOT));
                if (!byRecord.containsKey(index) && id != null) {
                    byRecord.put(index, id);
                }
            });
            return 1;
        }

        private Optional<String> domain(int index) {
            return website.flatMap(w -> value(records.get(index), w.appField())).flatMap(SalesforceContactWriter::domainOf);
        }
    }

    /** {@code https://www.acme.example/about} -> {@code acme.example}. */
    static Optional<String> domainOf(String website) {
        String host = website.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int end = host.length();
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int at = host.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        host = host.substring(0, end).replaceFirst("^www\\.", "");
        return host.contains(".") ? Optional.of(host) : Optional.empty();
    }

    private static Optional<String> value(CrmRecord record, LeadField field) {
        Optional<String> value = record.values().get(field);
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }

    static UpsertResult result(CrmRecord record, JsonNode result) {
        JsonNode success = result.get("success");
        if (success != null && success.getBooleanValue()) {
            JsonNode created = result.get("created");
            return UpsertResult.written(record.leadId(), created != null && created.getBooleanValue(),
                    result.get("id").getStringValue());
        }
        JsonNode errors = result.get("errors");
        JsonNode first = errors != null && errors.size() > 0 ? errors.get(0) : null;
        String code = SalesforceAuthorization.text(first, "statusCode").orElse("UNKNOWN_ERROR");
        String message = SalesforceAuthorization.text(first, "message").orElse("Salesforce gave no reason");
        return UpsertResult.failed(record.leadId(), code, message, RETRYABLE.contains(code));
    }

    static JsonNode checked(SalesforceHttp.Response response, int size, String what) {
        failOnCall(response, what);
        if (!response.ok() || response.body() == null || !response.body().isArray() || response.body().size() != size) {
            throw new CrmRejectedException("Salesforce refused to " + what + " (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body();
    }

    static JsonNode checkedQuery(SalesforceHttp.Response response) {
        failOnCall(response, "find Accounts");
        if (!response.ok() || response.body() == null || response.body().get("records") == null) {
            throw new CrmRejectedException("Salesforce refused to find Accounts (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body();
    }

    /** A read's JSON object, or the exception its failure calls for. */
    static JsonNode checkedBody(SalesforceHttp.Response response, String what) {
        failOnCall(response, what);
        if (!response.ok() || response.body() == null || !response.body().isObject()) {
            throw new CrmRejectedException("Salesforce refused to " + what + " (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body();
    }

    private static void failOnCall(SalesforceHttp.Response response, String what) {
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        // Only the daily total stops the connection for the day; short-lived limits are retried with backoff.
        SalesforceErrors.throwIfLimited(response, what);
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + " when asked to " + what
                    + ": " + SalesforceErrors.describe(response));
        }
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + escape(v.trim()) + "'").toList());
    }

    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** In a LIKE pattern the wildcards too: a domain's characters match only themselves. */
    private static String escapeLike(String literal) {
        return escape(literal).replace("%", "\\%").replace("_", "\\_");
    }

    static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
