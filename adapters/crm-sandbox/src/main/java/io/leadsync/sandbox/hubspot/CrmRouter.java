package io.leadsync.sandbox.hubspot;

import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.util.List;
import java.util.Map;

/**
 * Everything under {@code /crm/}: authenticates the Bearer token, takes the call from the right allowance (search
 * has its own and no headers) and hands it to the endpoint. Authentication comes first, as in HubSpot: a call
 * without a valid token counts against nothing.
 */
final class CrmRouter {

    private final HubSpotAuth auth;
    private final RateLimits limits;
    private final CrmObjectEndpoints objects;
    private final PropertiesEndpoints properties;
    private final SearchEndpoint search;
    private final AssociationsEndpoints associations;
    private final NotesEndpoint notes;

    CrmRouter(HubSpotAuth auth, CrmStore store, RateLimits limits, CallCounter counter) {
        this.auth = auth;
        this.limits = limits;
        this.objects = new CrmObjectEndpoints(store, counter);
        this.properties = new PropertiesEndpoints(store, counter);
        this.search = new SearchEndpoint(store, counter);
        this.associations = new AssociationsEndpoints(store, counter);
        this.notes = new NotesEndpoint(store, counter);
    }

    CrmObjectEndpoints objects() {
        return objects;
    }

    Reply handle(HubSpotCall call) {
        AccessToken token = auth.authenticate(call.header("Authorization"));
        List<String> s = call.segments();
        boolean isSearch = s.size() == 5 && s.get(1).equals("v3") && s.get(2).equals("objects")
                && s.get(4).equals("search");
        if (isSearch) {
            limits.takeSearch();
            return search.handle(call, token, HubSpotSandbox.objectType404(s.get(3)));
        }
        Map<String, String> headers = limits.take();
        Reply reply;
        try {
            reply = route(call, token, s);
        } catch (HubSpotError e) {
            reply = Reply.error(e);
        }
        reply.headers().putAll(headers);
        return reply;
    }

    private Reply route(HubSpotCall call, AccessToken token, List<String> s) {
        if (s.size() >= 4 && s.get(1).equals("v3") && s.get(2).equals("objects") && s.get(3).equals("notes")) {
            return notes.handle(call, token, s);
        }
        if (s.size() >= 4 && s.get(1).equals("v3") && s.get(2).equals("objects")) {
            return objects.handle(call, token, HubSpotSandbox.objectType404(s.get(3)));
        }
        if (s.size() >= 4 && s.get(1).equals("v3") && s.get(2).equals("properties")) {
            return properties.handle(call, token, HubSpotSandbox.objectType404(s.get(3)));
        }
        if (s.size() >= 3 && s.get(1).equals("v4")) {
            return associations.handle(call, token);
        }
        throw HubSpotError.notFound();
    }

    /** HubSpot's 403 for a token without the scope: the scope named in {@code errors[].context}. */
    static void requireScope(AccessToken token, String... anyOf) {
        for (String scope : anyOf) {
            if (token.scopes().contains(scope)) {
                return;
            }
        }
        throw HubSpotError.of(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make"
                + " this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
                body -> {
                    var error = body.putArray("errors").addObject();
                    error.put("message", "One or more of the following scopes are required.");
                    error.putObject("context").set("requiredGranularScopes", HubSpotJson.strings(List.of(anyOf)));
                    body.putObject("links").put("scopes", "https://developers.hubspot.com/scopes");
                });
    }
}
