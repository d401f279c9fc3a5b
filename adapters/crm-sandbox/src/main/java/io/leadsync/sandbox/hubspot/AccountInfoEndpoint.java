package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;

import java.util.Map;

/**
 * {@code GET /account-info/v3/details} and {@code /account-info/2026-03/details}: the portal's settings, with the fields HubSpot documents for it (HUBSPOT.md
 * section 9). A portal name is only in a beta version of this API, so it is not answered here: a client that wants to
 * show the portal uses the token's {@code hub_domain} or this {@code uiDomain}.
 */
final class AccountInfoEndpoint {
    static final String PORTAL_NAME = "Acme HubSpot";

    private final HubSpotAuth auth;
    private final RateLimits limits;
    private final CallCounter counter;

    AccountInfoEndpoint(HubSpotAuth auth, RateLimits limits, CallCounter counter) {
        this.auth = auth;
        this.limits = limits;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call) {
        auth.authenticate(call.header("Authorization"));
        Map<String, String> headers = limits.take();
        // The same details under v3 and the date-versioned path (2026-03); a portal name only in the 2027-03 beta.
        if (!"GET".equals(call.method()) || !(call.path().equals("/account-info/v3/details")
                || call.path().equals("/account-info/2026-03/details"))) {
            throw HubSpotError.notFound();
        }
        counter.count("GET " + call.path());
        ObjectNode body = HubSpotJson.object();
        body.put("portalId", HubSpotAuth.HUB_ID);
        body.put("accountType", "STANDARD");
        body.put("timeZone", "US/Eastern");
        body.put("companyCurrency", "USD");
        body.putArray("additionalCurrencies");
        body.put("utcOffset", "-05:00");
        body.put("utcOffsetMilliseconds", -18_000_000L);
        body.put("uiDomain", "app.hubspot.com");
        body.put("dataHostingLocation", "na1");
        Reply reply = Reply.json(200, body);
        reply.headers().putAll(headers);
        return reply;
    }
}
