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
 * Associates newly created contacts with their company (HUBSPOT.md sections 5 and 9), for all the upsert batches of a
 * claim at once (up to 1,000 contacts): usually one call, four when the portal makes no companies and every company
 * is new to LeadSync (more only past 100 distinct companies, a batch create's limit).
 *
 * <ol>
 * <li>One read of the new contacts' company associations. Most portals create and associate a company from a new
 * contact's e-mail domain themselves ("automatically create and associate companies"): a contact HubSpot has
 * associated keeps that company, and LeadSync adopts it for the domain instead of making a second one.</li>
 * <li>For the others only: one search for the companies that exist (by domain, else by name), one batch create for
 * those that do not (only when the connection may create records, and never when the association read failed:
 * the contact may have a company search does not show yet), one batch association.</li>
 * </ol>
 * A company is matched by the lead's website domain, else its work e-mail's domain (as HubSpot does; not for
 * free-mail domains), else its name, since names are spelled many ways.
 *
 * <p>HubSpot's search sees a new company only after an indexing lag, so a company created or adopted for one batch
 * would not be found by the next and would be created twice. Companies found, adopted or created are therefore
 * remembered per connection; the association read does not lag. The memory is bounded and per node, so two nodes
 * creating a company for one new domain within the lag can still make two (ADR 0031).
 */
final class HubSpotCompanies {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotCompanies.class);
    private static final int REMEMBERED = 10_000;
    /** HubSpot's limit on inputs of an association batch read (developer changelog, February 2025). */
    static final int ASSOCIATION_READ_LIMIT = 1_000;
    /** Companies searched or created in one call: a batch create takes at most 100 inputs. */
    private static final int COMPANIES_PER_CALL = 100;
    /** Search has its own allowance of a few calls a second; the others share the ten-second window. */
    private static final java.time.Duration SEARCH_PAUSE = java.time.Duration.ofMillis(1_100);
    private static final java.time.Duration WINDOW_PAUSE = java.time.Duration.ofSeconds(10);

    /**
     * A contact that was just created, and the company it belongs to.
     *
     * @param fromEmail whether {@code domain} is the e-mail's, which is the one HubSpot's automatic company has
     */
    record NewContact(String contactId, String companyName, Optional<String> domain, boolean fromEmail) {
        String key() {
            return domain.map(d -> "domain:" + d).orElse("name:" + companyName.toLowerCase(Locale.ROOT));
        }
    }

    /** Free-mail domains HubSpot makes no company of, and neither does LeadSync: their users share no employer. */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
            "yahoo.fr", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com",
            "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "protonmail.com",
            "proton.me", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com",
            "fastmail.com", "hey.com", "mail.com", "t-online.de", "orange.fr", "free.fr", "laposte.net");

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
        Optional<List<NewContact>> checked = withoutCompanyYet(session, contacts, send, scope);
        // Unchecked (the read failed), a contact may have the company HubSpot just made, which search does not show
        // yet: found companies are still associated, but none is created, since it could be a second one.
        boolean mayCreate = checked.isPresent() && session.createsRecords();
        contacts = checked.orElse(contacts);
        if (contacts.isEmpty()) {
            return;
        }
        Map<String, NewContact> byKey = new LinkedHashMap<>();
        contacts.forEach(contact -> byKey.putIfAbsent(contact.key(), contact));
        Map<String, String> companyIds = new LinkedHashMap<>();
        byKey.keySet().forEach(key -> Optional.ofNullable(remembered.get(scope + key))
                .ifPresent(id -> companyIds.put(key, id)));

        List<NewContact> unknown = byKey.values().stream().filter(c -> !companyIds.containsKey(c.key())).toList();
        for (int from = 0; from < unknown.size(); from += COMPANIES_PER_CALL) {
            List<NewContact> part = unknown.subList(from, Math.min(unknown.size(), from + COMPANIES_PER_CALL));
            if (!findOrCreate(session, part, mayCreate, send, companyIds)) {
                return;
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
     * One search for up to 100 companies, then one batch create of those not found where allowed; what is found or
     * made goes into {@code companyIds}. False when the search failed: the contacts are left without a company.
     */
    private boolean findOrCreate(CrmSession session, List<NewContact> unknown, boolean mayCreate,
            Function<java.util.function.Supplier<HubSpotHttp.Response>, HubSpotHttp.Response> send,
            Map<String, String> companyIds) {
        String token = session.tokens().accessToken();
        HubSpotHttp.Response found = patiently(send, () -> http.postJson(
                http.api("/crm/v3/objects/companies/search"), token, search(unknown)), SEARCH_PAUSE);
        if (!found.ok()) {
            LOG.warn("HubSpot company search answered {}: contacts of connection {} are left without a company",
                    HubSpotErrors.describe(found), session.connectionId());
            return false;
        }
        matches(found.body(), unknown).forEach(companyIds::put);
        List<NewContact> missing = unknown.stream().filter(c -> !companyIds.containsKey(c.key())).toList();
        if (missing.isEmpty() || !mayCreate) {
            return true;
        }
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
        return true;
    }

    /**
     * The contacts HubSpot has not associated with a company itself, after one batch read of their associations. The
     * company HubSpot made from an e-mail domain is remembered for that domain, so LeadSync adopts it for later leads
     * of the domain rather than making another. Empty when the read fails: LeadSync cannot tell which contacts HubSpot
     * has given a company.
     */
    private Optional<List<NewContact>> withoutCompanyYet(CrmSession session, List<NewContact> contacts,
            Function<java.util.function.Supplier<HubSpotHttp.Response>, HubSpotHttp.Response> send, String scope) {
        List<Map<String, Object>> inputs = contacts.stream()
                .map(contact -> Map.<String, Object>of("id", contact.contactId())).toList();
        HubSpotHttp.Response read = patiently(send, () -> http.postJson(
                http.api("/crm/v4/associations/contact/company/batch/read"), session.tokens().accessToken(),
                Map.of("inputs", inputs)), WINDOW_PAUSE);
        if (!read.ok() || read.body() == null || read.body().get("results") == null) {
            LOG.warn("HubSpot's association read answered {} for connection {}: no company is created for these contacts",
                    HubSpotErrors.describe(read), session.connectionId());
            return Optional.empty();
        }
        Map<String, String> companyOf = new LinkedHashMap<>();
        for (JsonNode result : read.body().get("results").values()) {
            Optional<String> from = HubSpotHttp.text(result.get("from"), "id");
            JsonNode to = result.get("to");
            if (from.isPresent() && to != null && to.isArray() && to.size() > 0) {
                HubSpotHttp.text(to.get(0), "toObjectId").ifPresent(company -> companyOf.put(from.get(), company));
            }
        }
        List<NewContact> without = new ArrayList<>();
        for (NewContact contact : contacts) {
            String company = companyOf.get(contact.contactId());
            if (company == null) {
                without.add(contact);
            } else if (contact.fromEmail()) {
                remembered.putIfAbsent(scope + contact.key(), company);
            }
        }
        return Optional.of(without);
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

    /** The domain of a work e-mail, unless it is a free-mail one. */
    static Optional<String> emailDomain(String email) {
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        return domain.contains(".") && !FREE_MAIL.contains(domain) ? Optional.of(domain) : Optional.empty();
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
