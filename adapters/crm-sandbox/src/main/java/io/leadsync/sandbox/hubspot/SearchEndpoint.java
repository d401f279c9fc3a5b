package io.leadsync.sandbox.hubspot;

import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;

final class SearchEndpoint {

    private final CrmStore store;
    private final CallCounter counter;

    SearchEndpoint(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token, ObjectType type) {
        throw HubSpotError.notFound();
    }
}
