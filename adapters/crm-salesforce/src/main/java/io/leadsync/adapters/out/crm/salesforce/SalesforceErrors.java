package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRateLimitedException;

import java.time.Duration;
import java.util.Optional;

/** Salesforce's REST error array, {@code [{"message","errorCode","fields"}]} (SALESFORCE.md section 3). */
final class SalesforceErrors {
    private SalesforceErrors() {
    }

    /**
     * Salesforce uses REQUEST_LIMIT_EXCEEDED (403) for the org's rolling daily total ({@code TotalRequests Limit
     * exceeded.}) and for short-lived limits such as {@code ConcurrentPerOrgLongTxn}: only the message tells them
     * apart (SALESFORCE.md section 16). The daily one stops the connection until the allowance frees; the others are
     * retried after the growing wait {@link ShortLimitBackoff} gave the response.
     */
    static void throwIfLimited(SalesforceHttp.Response response, String what) {
        if (response.status() != 403 || !code(response).equals("REQUEST_LIMIT_EXCEEDED")) {
            return;
        }
        if (!shortLimit(response)) {
            throw new CrmRateLimitedException("Salesforce's daily API limit is spent (" + what + "): "
                    + describe(response), Optional.empty(), true);
        }
        Duration wait = response.shortLimitWait() == null ? ShortLimitBackoff.FIRST : response.shortLimitWait();
        throw new CrmRateLimitedException("Salesforce is briefly over a short-lived limit (" + what + "), tried "
                + "again in " + wait.toSeconds() + " s: " + describe(response), Optional.of(wait), false);
    }

    /** A REQUEST_LIMIT_EXCEEDED refusal for any limit but the daily total ({@code TotalRequests}). */
    static boolean shortLimit(SalesforceHttp.Response response) {
        if (response.status() != 403 || !code(response).equals("REQUEST_LIMIT_EXCEEDED")) {
            return false;
        }
        String message = SalesforceAuthorization.text(response.body().get(0), "message").orElse("");
        return !message.startsWith("TotalRequests");
    }

    static String code(SalesforceHttp.Response response) {
        if (response.body() != null && response.body().isArray() && response.body().size() > 0) {
            return SalesforceAuthorization.text(response.body().get(0), "errorCode").orElse("");
        }
        return "";
    }

    static String describe(SalesforceHttp.Response response) {
        if (response.body() != null && response.body().isArray() && response.body().size() > 0) {
            String code = SalesforceAuthorization.text(response.body().get(0), "errorCode").orElse("ERROR");
            String message = SalesforceAuthorization.text(response.body().get(0), "message").orElse("");
            return code + ": " + message;
        }
        String raw = response.rawBody() == null ? "" : response.rawBody();
        return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
    }
}
