package io.leadsync.sandbox.salesforce;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a save may do about a duplicate rule's alert (digest section 16, REST {@code Sforce-Duplicate-Rule-Header},
 * v52.0+): {@code allowSave=true} acknowledges the alert and saves; anything else (absent included: "The default
 * value for all fields is false") refuses the save with {@code DUPLICATES_DETECTED}. Held for the request's thread,
 * like {@link AutoAssign}. Saves outside an API request (a rep in the UI, Web-to-Lead) acknowledge the alert, as a
 * person clicking "Save" does. Records created by the same request (a Collections call, one internal Bulk batch) are
 * committed together in Salesforce and so are not matched against each other: {@link #sameTransaction()} holds them.
 */
final class DuplicateRuleHeader {

    /** The header exists from API v52.0 (REST headers_duplicaterules.htm); older versions ignore it. */
    static final double SINCE = 52.0;

    private static final ThreadLocal<DuplicateRuleHeader> CURRENT =
            ThreadLocal.withInitial(() -> new DuplicateRuleHeader(true, false));

    private final boolean allowSave;
    private final boolean transaction;
    private final Set<String> sameTransaction = new HashSet<>();
    /** The objects whose match-key index this transaction has brought up to date (see DuplicateRules). */
    private final Set<String> refreshed = new HashSet<>();

    private DuplicateRuleHeader(boolean allowSave, boolean transaction) {
        this.allowSave = allowSave;
        this.transaction = transaction;
    }

    /** An API request: {@code allowSave=true} in the header (any case, {@code ;}-separated fields) saves anyway. */
    static DuplicateRuleHeader api(String header, double version) {
        boolean allow = false;
        if (header != null && version >= SINCE) {
            for (String part : header.split(";")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("allowSave")) {
                    allow = pair[1].trim().toLowerCase(Locale.ROOT).equals("true");
                }
            }
        }
        return new DuplicateRuleHeader(allow, true);
    }

    /** A Bulk API job: no header exists there, so an alert refuses the row (as Data Loader users find). */
    static DuplicateRuleHeader bulk() {
        return new DuplicateRuleHeader(false, true);
    }

    static <T> T during(DuplicateRuleHeader header, Supplier<T> work) {
        DuplicateRuleHeader previous = CURRENT.get();
        CURRENT.set(header);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    static DuplicateRuleHeader current() {
        return CURRENT.get();
    }

    boolean allowSave() {
        return allowSave;
    }

    /**
     * The org's indexes this request has brought up to date (null outside an API request, where each lookup brings
     * them up to date): the records an API save is compared with are the ones stored before its request began, as
     * Salesforce commits a request's records together, so an index is refreshed once per request, not per record.
     */
    Set<String> refreshed() {
        return transaction ? refreshed : null;
    }

    /** Ids of the records this request has created so far (live set). */
    Set<String> sameTransaction() {
        return sameTransaction;
    }
}
