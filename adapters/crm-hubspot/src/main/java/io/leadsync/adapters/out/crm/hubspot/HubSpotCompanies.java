package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmSession;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Associates newly created contacts with their company (HUBSPOT.md section 5), in three batch calls at most for a
 * whole upsert batch: one search for the companies that exist (by domain, else by name), one batch create for those
 * that do not (when the connection may create records), one batch association with the default contact-to-company
 * type. A company is matched by its website's domain when the lead has one, since names are spelled many ways.
 *
 * <p>HubSpot's search sees a new company only after an indexing lag, so a company created for one batch would not be
 * found by the next and would be created twice. Companies found or created are therefore remembered per connection
 * for a while; the memory is bounded and only saves calls and duplicates, it is never the source of truth.
 */
final class HubSpotCompanies {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotCompanies.class);
    private static final int REMEMBERED = 10_000;
    /** Search has its own allowance of a few calls a second; the others share the ten-second window. */
    private static final java.time.Duration SEARCH_PAUSE = java.time.Duration.ofMillis(1_100);
    private static final java.time.Duration WINDOW_PAUSE = java.time.Duration.ofSeconds(10);

    /** A contact that was just created, and the company it belongs to. */
    record NewContact(String contactId, String companyName, Optional<String> domain) {
        String key() {
            return domain.map(d -> "domain:" + d).orElse("name:" + companyName.toLowerCase(Locale.ROOT));
        }
    }

    private final HubSpotHttp http;
    private final Map<String, String> remembered = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    HubSpotCompanies(HubSpotHttp http) {
        this.http = http;
    }

    /**
     * @param send makes one call and counts it
     */
    void associate(CrmSession session, List<NewContact> contacts,
                   Function<java.util.function.Supplier<HubSpotHttp.Response>, HubSpotHttp.Response> send) {
        if (contacts.isEmpty()) {
            return;
        }
        String token = session.tokens().accessToken();
        String scope = session.connectionId().value() + "|";
        Map<String, NewContact> byKey = new LinkedHashMap<>();
        contacts.forEach(contact -> byKey.putIfAbsent(contact.key(), contact));
        Map<String, String> companyIds = new LinkedHashMap<>();
        byKey.keySet().forEach(key -> Optional.ofNullable(remembered.get(scope + key))
                .ifPresent(id -> companyIds.put(key, id)));

        List<NewContact> unknown = byKey.values().stream().filter(c -> !companyIds.containsKey(c.key())).toList();
        if (!unknown.isEmpty()) {
            HubSpotHttp.Response found = patiently(send, () -> http.postJson(
                    http.api("/crm/v3/objects/companies/search"), token, search(unknown)), SEARCH_PAUSE);
            if (!found.ok()) {
                LOG.warn("HubSpot company search answered {}: contacts of connection {} are left without a company",
                        HubSpotErrors.describe(found), session.connectionId());
                return;
            }
            matches(found.body(), unknown).forEach(companyIds::put);
        }
        List<NewContact> missing = byKey.values().stream().filter(c -> !companyIds.containsKey(c.key())).toList();
        if (!missing.isEmpty() && session.createsRecords()) {
            HubSpotHttp.Response created = patiently(send, () -> http.postJson(
                    http.api("/crm/v3/objects/companies/batch/create"), token, creates(missing)), WINDOW_PAUSE);
            if (created.ok() && created.body() != null && created.body().get("results") != null) {
                for (JsonNode company : created.body().get("results").values()) {
                    Optional<String> key = HubSpotHttp.text(company, "objectWriteTraceId");
                    Optional<String> id = HubSpotHttp.text(company, "id");
                    if (key.isPresent() && id.isPresent()) {
                        companyIds.put(key.get(), id.get());
                    }
                }
            } else {
                LOG.warn("HubSpot company create answered {} for connection {}", HubSpotErrors.describe(created),
                        session.connectionId());
            }
        }
        companyIds.forEach((key, id) -> remembered.put(scope + key, id));

        List<Map<String, Object>> inputs = new ArrayList<>();
        for (NewContact contact : contacts) {
            String companyId = companyIds.get(contact.key());
            if (companyId != null) {
                inputs.add(Map.of("from", Map.of("id", contact.contactId()), "to", Map.of("id", companyId)));
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        URI associate = http.api("/crm/v4/associations/contact/company/batch/associate/default");
        HubSpotHttp.Response associated = patiently(send, () -> http.postJson(associate, token,
                Map.of("inputs", inputs)), WINDOW_PAUSE);
        if (!associated.ok()) {
            LOG.warn("HubSpot association answered {} for connection {}", HubSpotErrors.describe(associated),
                    session.connectionId());
        }
    }

    /**
     * The contacts are written already, so a rate limit here must not fail the batch: one pause as HubSpot asks (or
     * as long as its window), one more try, then the association is left out and logged.
     */
    private static HubSpotHttp.Response patiently(
            Function<java.util.function.Supplier<HubSpotHttp.Response>, HubSpotHttp.Response> send,
            java.util.function.Supplier<HubSpotHttp.Response> call, java.time.Duration pause) {
        HubSpotHttp.Response response = send.apply(call);
        if (response.status() != 429) {
            return response;
        }
        try {
            Thread.sleep(Math.min(response.retryAfter().orElse(pause).toMillis(), 30_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response;
        }
        return send.apply(call);
    }

    /** One search: companies whose domain is among the domains, or whose name is among the names (OR of two groups). */
    private static Map<String, Object> search(List<NewContact> unknown) {
        Set<String> domains = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (NewContact contact : unknown) {
            contact.domain().ifPresentOrElse(domains::add, () -> names.add(contact.companyName().toLowerCase(Locale.ROOT)));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        if (!domains.isEmpty()) {
            groups.add(Map.of("filters", List.of(Map.of("propertyName", "domain", "operator", "IN",
                    "values", List.copyOf(domains)))));
        }
        if (!names.isEmpty()) {
            groups.add(Map.of("filters", List.of(Map.of("propertyName", "name", "operator", "IN",
                    "values", List.copyOf(names)))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", groups);
        body.put("properties", List.of("name", "domain"));
        // Oldest first: where a portal already has duplicates, everyone links to the same, original company.
        body.put("sorts", List.of(Map.of("propertyName", "hs_object_id", "direction", "ASCENDING")));
        body.put("limit", 200);
        return body;
    }

    private static Map<String, String> matches(JsonNode body, List<NewContact> unknown) {
        Map<String, String> matched = new LinkedHashMap<>();
        JsonNode results = body == null ? null : body.get("results");
        if (results == null) {
            return matched;
        }
        for (JsonNode company : results.values()) {
            JsonNode properties = company.get("properties");
            Optional<String> id = HubSpotHttp.text(company, "id");
            Optional<String> domain = HubSpotHttp.text(properties, "domain").map(d -> d.toLowerCase(Locale.ROOT));
            Optional<String> name = HubSpotHttp.text(properties, "name").map(n -> n.toLowerCase(Locale.ROOT));
            for (NewContact contact : unknown) {
                boolean same = contact.domain().isPresent() ? contact.domain().equals(domain)
                        : name.equals(Optional.of(contact.companyName().toLowerCase(Locale.ROOT)));
                if (same && id.isPresent()) {
                    matched.putIfAbsent(contact.key(), id.get());
                }
            }
        }
        return matched;
    }

    private static Map<String, Object> creates(List<NewContact> missing) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (NewContact contact : missing) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("name", contact.companyName());
            contact.domain().ifPresent(domain -> properties.put("domain", domain));
            inputs.add(Map.of("properties", properties, "objectWriteTraceId", contact.key()));
        }
        return Map.of("inputs", inputs);
    }

    /** {@code https://www.acme.example/about} is {@code acme.example}; what HubSpot keeps in a company's domain. */
    static Optional<String> domainOf(String website) {
        try {
            String host = URI.create(website.contains("://") ? website : "https://" + website).getHost();
            if (host == null || host.isBlank()) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            return Optional.of(host.startsWith("www.") ? host.substring(4) : host);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
