package io.leadsync.sandbox.salesforce;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a request asks of the org's assignment rules (digest section 16, REST {@code Sforce-Auto-Assign}): run the
 * active rule on creates and updates ({@code TRUE}, also when the header is absent), run none ({@code FALSE}), or
 * run the named AssignmentRule on creates. The header covers every record the request saves, so it is held for the
 * request's thread while the org saves; a save outside any API request (a rep's edit, a background job) runs none.
 */
record AutoAssign(boolean activeRule, String ruleId) {

    static final AutoAssign NONE = new AutoAssign(false, null);
    static final AutoAssign ACTIVE = new AutoAssign(true, null);
    private static final ThreadLocal<AutoAssign> CURRENT = ThreadLocal.withInitial(() -> NONE);

    /** The header's value; absent is TRUE, as Salesforce documents. An id that is not an id is MALFORMED_ID. */
    static AutoAssign parse(String header) {
        if (header == null || header.isBlank() || header.trim().equalsIgnoreCase("true")) {
            return ACTIVE;
        }
        if (header.trim().equalsIgnoreCase("false")) {
            return NONE;
        }
        return rule(header.trim());
    }

    /** A specific rule, applied on create (Bulk's {@code assignmentRuleId}, or the header naming one). */
    static AutoAssign rule(String id) {
        if (id == null || id.isBlank()) {
            return NONE;
        }
        String normalised = SalesforceIds.normalise(id);
        if (normalised == null) {
            throw new ApiException(400, ApiError.of("MALFORMED_ID", "Invalid assignment rule id: "
                    + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")));
        }
        return new AutoAssign(false, normalised);
    }

    static <T> T during(AutoAssign assign, Supplier<T> work) {
        AutoAssign previous = CURRENT.get();
        CURRENT.set(assign);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    static AutoAssign current() {
        return CURRENT.get();
    }
}
