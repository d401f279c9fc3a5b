package io.leadsync.sandbox.hubspot;

import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The portal setting "Automatically create and associate companies with contacts" (HUBSPOT.md section 9), on by
 * default as in most portals: a new contact whose e-mail domain is not a free-mail one is associated with the company
 * that has that domain, which HubSpot creates (named after the domain) when there is none. It looks companies up in
 * its own records, not through search, so it never makes two for one domain. Runs inside the store's lock.
 */
final class AutomaticCompanies {

    /**
     * Free and personal mail domains HubSpot does not turn into companies. HubSpot's own list is longer and not
     * published in full; these are the common ones.
     */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
            "yahoo.fr", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com",
            "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "protonmail.com",
            "proton.me", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com",
            "fastmail.com", "hey.com", "mail.com", "t-online.de", "orange.fr", "free.fr", "laposte.net");

    private boolean enabled = true;

    void reset() {
        enabled = true;
    }

    void enabled(boolean on) {
        this.enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    /** Associates a newly created contact with its domain's company, creating that company first if need be. */
    void onNewContact(CrmStore store, StoredObject contact) {
        if (!enabled) {
            return;
        }
        domainOf(contact.values.get("email")).ifPresent(domain -> {
            StoredObject company = store.all(ObjectType.COMPANIES).stream()
                    .filter(c -> !c.archived() && domain.equalsIgnoreCase(c.values.getOrDefault("domain", "")))
                    .findFirst()
                    .orElseGet(() -> store.create(ObjectType.COMPANIES, Map.of("name", domain, "domain", domain)));
            store.associate(contact.id, company.id);
        });
    }

    static Optional<String> domainOf(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        return domain.contains(".") && !FREE_MAIL.contains(domain) ? Optional.of(domain) : Optional.empty();
    }
}
