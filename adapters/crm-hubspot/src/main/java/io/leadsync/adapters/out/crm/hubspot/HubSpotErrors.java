package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;

import java.util.Optional;

/**
 * HubSpot's error body, {@code {"status":"error","message","correlationId","category"}} (HUBSPOT.md section 6), and
 * what each failure means for LeadSync: refresh the token, wait, try later, or give up on this request.
 */
final class HubSpotErrors {
    private HubSpotErrors() {
    }

    static String category(HubSpotHttp.Response response) {
        return HubSpotHttp.text(response.body(), "category")
                .or(() -> HubSpotHttp.text(response.body(), "errorType")).orElse("");
    }

    static String describe(HubSpotHttp.Response response) {
        if (response.body() != null && response.body().isObject()) {
            String category = category(response);
            String message = HubSpotHttp.text(response.body(), "message").orElse("");
            return (category.isEmpty() ? "HTTP " + response.status() : category) + ": " + message;
        }
        String raw = response.rawBody() == null ? "" : response.rawBody();
        return "HTTP " + response.status() + (raw.isBlank() ? "" : ": " + (raw.length() > 200 ? raw.substring(0, 200) + "..." : raw));
    }

    /**
     * The exception for a failed call that no per-record handling applies to. 401 asks for a refresh; 429 for a wait
     * (a daily limit is not worth waiting for); 423 (record locked), 477 (migration) and 5xx may pass by themselves.
     */
    static RuntimeException failure(HubSpotHttp.Response response, String what) {
        String description = what + ": " + describe(response);
        if (response.status() == 401) {
            return new AccessTokenRejectedException(description);
        }
        if (response.status() == 429) {
            Optional<String> policy = HubSpotHttp.text(response.body(), "policyName");
            return new CrmRateLimitedException(description + policy.map(name -> " (policy " + name + ")").orElse(""),
                    response.retryAfter(), policy.map("DAILY"::equals).orElse(false));
        }
        if (response.status() >= 500 || response.status() == 423 || response.status() == 477
                || response.body() == null) {
            return new CrmUnavailableException(description);
        }
        return new CrmRejectedException(description);
    }
}
