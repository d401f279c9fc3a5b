package io.leadsync.canary.adapters.in.mcp;

import io.leadsync.canary.application.port.out.LeadStore;

/** Canary: an MCP tool that writes through an outbound port instead of a use case. */
public final class ToolWritingPastTheUseCase {
    private final LeadStore store;

    public ToolWritingPastTheUseCase(LeadStore store) {
        this.store = store;
    }

    public void call(String leadId) {
        store.save(leadId);
    }
}
