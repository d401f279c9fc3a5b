package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads changed and deleted Leads with SOQL (SALESFORCE.md section 6). Changes come from {@code query} in
 * {@code (SystemModstamp, Id)} order, a keyset condition rather than OFFSET (capped at 2,000 rows), and the pages after
 * the first follow Salesforce's own {@code nextRecordsUrl}: the locator pages a snapshot of the result at 2,000 records
 * a call, so edits made while the caller works through the pages neither shift nor duplicate rows. Deletions come from
 * {@code queryAll}, which alone sees the Recycle Bin's tombstones.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceChangeReader implements CrmChangeReader {
    /** Salesforce names the column it cannot see only in the message: "No such column 'X' on entity 'Lead'...". */
    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("No such column '([^']+)'");

    private final SalesforceSettings settings;
    private final SalesforceHttp http;
    private final SalesforceContactAccounts contactAccounts;

    SalesforceChangeReader(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
        this.contactAccounts = new SalesforceContactAccounts(http);
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    @Override
    public ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor) {
        // A Contact target reads Contacts, and the mapped fields of their Accounts in one more query (ADR 0080).
        Map<String, List<LeadField>> pulled = pulledFields(session.mappings().stream()
                .filter(mapping -> !mapping.onAccount()).toList());
        String object = object(session);
        Map<String, List<LeadField>> onAccount = object.equals("Contact")
                ? SalesforceContactAccounts.pulled(session.mappings()) : Map.of();
        List<String> selected = new ArrayList<>(pulled.keySet());
        if (!onAccount.isEmpty()) {
            selected.add("AccountId");
        }
        int calls = 1;
        SalesforceHttp.Response response;
        if (cursor.isPresent()) {
            response = http.get(locatorUri(session, cursor.get()), session.tokens().accessToken());
            if (response.status() == 400 && SalesforceErrors.code(response).equals("INVALID_QUERY_LOCATOR")) {
                // Locators expire (15 minutes idle, or too many open ones). Asking again from the window's start is
                // safe: the merge absorbs repeats, and the caller has saved the watermark of every page it finished.
                response = http.get(queryUri(session, changesSoql(object, selected, window)), session.tokens().accessToken());
                calls++;
            }
        } else {
            response = http.get(queryUri(session, changesSoql(object, selected, window)), session.tokens().accessToken());
        }
        JsonNode body = checked(response, pulled, "read changed Leads");
        List<CrmChange> changes = new ArrayList<>();
        Map<String, JsonNode> accounts = new LinkedHashMap<>();
        if (!onAccount.isEmpty()) {
            List<String> accountIds = new ArrayList<>();
            records(body).forEach(r -> SalesforceAuthorization.text(r, "AccountId").ifPresent(accountIds::add));
            accounts.putAll(contactAccounts.read(session, instanceUrl(session) + "/services/data/" + settings.apiVersion(),
                    onAccount.keySet(), accountIds));
            calls += accountIds.isEmpty() ? 0 : 1;
        }
        for (JsonNode record : records(body)) {
            CrmChange change = change(record, pulled);
            JsonNode account = SalesforceAuthorization.text(record, "AccountId")
                    .map(id -> accounts.get(SalesforceContactAccounts.key(id))).orElse(null);
            if (account != null) {
                Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
                values.putAll(change.values());
                List<String> unreadable = new ArrayList<>(change.unreadable());
                values.putAll(SalesforceContactAccounts.values(account, onAccount, unreadable));
                change = new CrmChange(change.crmRecordId(), change.modifiedAt(), values, unreadable,
                        change.conversion());
            }
            changes.add(change);
        }
        return new ChangePage(changes, nextRecordsUrl(body), calls, ApiUsage.fromSalesforceHeader(response.limitInfo()));
    }

    /** The Lead's conversion fields, read with every change so a rep's conversion is noticed on the next pull. */
    static final List<String> CONVERSION_FIELDS = List.of("IsConverted", "ConvertedContactId", "ConvertedAccountId",
            "ConvertedDate");

    @Override
    public DeletionPage deletions(CrmSession session, Instant since, Instant until) {
        // queryAll rather than sobjects/Lead/deleted: the replication endpoint rounds to whole minutes, refuses windows
        // under a minute or starting more than 15 days back, and would make the caller's window mean something else.
        String soql = "SELECT Id, SystemModstamp, MasterRecordId FROM " + object(session) + " WHERE IsDeleted = true"
                + onlyPeople(object(session)) + " AND SystemModstamp > " + SalesforceLeadValues.soqlLiteral(since)
                + " AND SystemModstamp <= " + SalesforceLeadValues.soqlLiteral(until)
                + " ORDER BY SystemModstamp, Id";
        URI uri = URI.create(instanceUrl(session) + "/services/data/" + settings.apiVersion() + "/queryAll?q="
                + SalesforceHttp.encode(soql));
        List<Deletion> deletions = new ArrayList<>();
        int calls = 0;
        while (uri != null) {
            SalesforceHttp.Response response = http.get(uri, session.tokens().accessToken());
            calls++;
            JsonNode body = checked(response, Map.of(), "read deleted Leads");
            for (JsonNode record : records(body)) {
                // A tombstone's SystemModstamp is its deletion time (the stamp moves when the record is deleted).
                // A Lead a rep merged away names its master: the lead lives on there.
                deletions.add(new Deletion(text(record, "Id"), SalesforceLeadValues.instant(text(record, "SystemModstamp")),
                        SalesforceAuthorization.text(record, "MasterRecordId")));
            }
            Optional<String> next = nextRecordsUrl(body);
            uri = next.map(locator -> locatorUri(session, locator)).orElse(null);
        }
        return new DeletionPage(deletions, calls);
    }

    /**
     * Salesforce fields to select and the app fields each feeds, in mapping order: only mappings that allow pulling
     * (LeadSource is push-only by default), one column per Salesforce field however many app fields share it (SOQL
     * refuses a column selected twice), and never Id or SystemModstamp again.
     */
    static Map<String, List<LeadField>> pulledFields(List<FieldMapping> mappings) {
        Map<String, List<LeadField>> byCrmField = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<LeadField>> ordered = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings) {
            if (!mapping.direction().allowsPull()) {
                continue;
            }
            String crmField = mapping.crmField();
            if (crmField.equalsIgnoreCase("Id") || crmField.equalsIgnoreCase("SystemModstamp")) {
                // Selected anyway; a mapping onto either still gets its value below.
                ordered.computeIfAbsent(crmField.equalsIgnoreCase("Id") ? "Id" : "SystemModstamp", k -> new ArrayList<>())
                        .add(mapping.appField());
                continue;
            }
            List<LeadField> fields = byCrmField.computeIfAbsent(crmField, k -> {
                List<LeadField> list = new ArrayList<>();
                ordered.put(crmField, list);
                return list;
            });
            fields.add(mapping.appField());
        }
        return ordered;
    }

    /**
     * Records after the watermark and not after {@code until}, in watermark order. The tie clause repeats the stamp
     * rather than using {@code >=}, so records at the watermark's stamp with a lower or equal id are not read again.
     */
    static String changesSoql(Iterable<String> crmFields, ChangeWindow window) {
        return changesSoql("Lead", crmFields, window);
    }

    /** The object a connection's records are: Lead, Contact for a Contact target, Account for Person Accounts. */
    static String object(CrmSession session) {
        return switch (session.target()) {
            case CONTACT -> "Contact";
            case PERSON_ACCOUNT -> "Account";
            case LEAD -> "Lead";
        };
    }

    /** Person Accounts are the org's Accounts that are people: business Accounts are the reps', never leads. */
    private static String onlyPeople(String object) {
        return object.equals("Account") ? " AND IsPersonAccount = true" : "";
    }

    static String changesSoql(String object, Iterable<String> crmFields, ChangeWindow window) {
        StringBuilder select = new StringBuilder("SELECT Id, SystemModstamp");
        java.util.Set<String> selected = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String field : crmFields) {
            if (!field.equals("Id") && !field.equals("SystemModstamp") && selected.add(field)) {
                select.append(", ").append(field);
            }
        }
        // A rep's conversion shows on the Lead itself: the lead lives on in the Contact named here.
        for (String field : object.equals("Lead") ? CONVERSION_FIELDS : List.<String>of()) {
            if (selected.add(field)) {
                select.append(", ").append(field);
            }
        }
        String after = SalesforceLeadValues.soqlLiteral(window.after().modifiedAt());
        String recordId = window.after().recordId();
        // The origin watermark has an empty id, which is before every id: ">= stamp" says that without comparing Id
        // with '', which Salesforce refuses as an invalid id.
        String from = recordId.isEmpty() ? "SystemModstamp >= " + after
                : "(SystemModstamp > " + after + " OR (SystemModstamp = " + after + " AND Id > '" + escape(recordId) + "'))";
        return select + " FROM " + object + " WHERE " + from + onlyPeople(object)
                + " AND SystemModstamp <= " + SalesforceLeadValues.soqlLiteral(window.until())
                + " ORDER BY SystemModstamp, Id";
    }

    private CrmChange change(JsonNode record, Map<String, List<LeadField>> pulled) {
        // Salesforce answers with each field's own spelling, which a mapping may not share.
        Map<String, JsonNode> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, JsonNode> entry : record.entries()) {
            columns.put(entry.getKey(), entry.getValue());
        }
        String id = text(record, "Id");
        Instant modifiedAt = SalesforceLeadValues.instant(text(record, "SystemModstamp"));
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        List<String> unreadable = new ArrayList<>();
        pulled.forEach((crmField, appFields) -> {
            JsonNode value = columns.get(crmField);
            for (LeadField appField : appFields) {
                try {
                    values.put(appField, SalesforceLeadValues.canonical(appField, value));
                } catch (InvalidLeadException e) {
                    // One bad value (a rep typed a score of 150) must not hold back the record's other fields.
                    unreadable.add(appField.apiName() + " (Salesforce " + crmField + "): " + appField.rule());
                }
            }
        });
        Optional<io.leadsync.domain.crm.CrmConversion> conversion = Optional.empty();
        JsonNode converted = columns.get("IsConverted");
        Optional<String> contact = SalesforceAuthorization.text(record, "ConvertedContactId");
        if (converted != null && converted.isBoolean() && converted.getBooleanValue() && contact.isPresent()) {
            conversion = Optional.of(SalesforceConvertedRecords.conversion(record, contact.get()));
        }
        return new CrmChange(id, modifiedAt, values, unreadable, conversion);
    }

    /** The body of a successful query answer, or the exception the port names for this failure. */
    private static JsonNode checked(SalesforceHttp.Response response, Map<String, List<LeadField>> pulled, String what) {
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        String code = SalesforceErrors.code(response);
        SalesforceErrors.throwIfLimited(response, what);
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + " when asked to " + what
                    + ": " + SalesforceErrors.describe(response));
        }
        if (response.status() == 400 && code.equals("INVALID_FIELD")) {
            throw new CrmRejectedException(hiddenField(response, pulled));
        }
        if (!response.ok() || response.body() == null || !response.body().isObject() || response.body().get("records") == null) {
            throw new CrmRejectedException("Salesforce refused to " + what + " (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body();
    }

    /** A mapped field the connected user cannot read looks to SOQL like no field at all: say which and what to do. */
    private static String hiddenField(SalesforceHttp.Response response, Map<String, List<LeadField>> pulled) {
        String message = SalesforceErrors.describe(response);
        Matcher column = NO_SUCH_COLUMN.matcher(message);
        if (!column.find()) {
            return "Salesforce refused a field LeadSync reads: " + message;
        }
        String crmField = column.group(1);
        List<String> appFields = pulled.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(crmField))
                .flatMap(entry -> entry.getValue().stream()).map(LeadField::apiName).toList();
        return "Salesforce field Lead." + crmField + (appFields.isEmpty() ? "" : " (mapped to " + String.join(", ", appFields) + ")")
                + " does not exist or the connected user cannot read it; give that user Read access to it (field-level"
                + " security) or change the mapping. " + message;
    }

    private URI queryUri(CrmSession session, String soql) {
        return URI.create(instanceUrl(session) + "/services/data/" + settings.apiVersion() + "/query?q="
                + SalesforceHttp.encode(soql));
    }

    /**
     * The cursor is Salesforce's {@code nextRecordsUrl}, a path on the session's own instance: anything else is not a
     * cursor this reader gave out, and following it would send the access token elsewhere.
     */
    private static URI locatorUri(CrmSession session, String cursor) {
        if (!cursor.matches("/services/data/v\\d+\\.\\d/(query|queryAll)/[A-Za-z0-9]+-\\d+")) {
            throw new IllegalArgumentException("not a Salesforce query cursor: " + cursor);
        }
        return URI.create(instanceUrl(session) + cursor);
    }

    private static String instanceUrl(CrmSession session) {
        return session.identity().instanceUrl().orElseThrow(() ->
                new IllegalStateException("a Salesforce connection always has an instance URL"));
    }

    private static Iterable<JsonNode> records(JsonNode body) {
        return body.get("records").values();
    }

    private static Optional<String> nextRecordsUrl(JsonNode body) {
        JsonNode done = body.get("done");
        if (done != null && done.isBoolean() && done.getBooleanValue()) {
            return Optional.empty();
        }
        return SalesforceAuthorization.text(body, "nextRecordsUrl");
    }

    private static String text(JsonNode record, String field) {
        return SalesforceAuthorization.text(record, field).orElseThrow(() ->
                new CrmRejectedException("Salesforce answered a Lead without " + field));
    }

    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("'", "\\'");
    }
}
