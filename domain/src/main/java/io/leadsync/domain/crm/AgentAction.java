package io.leadsync.domain.crm;

import java.util.Arrays;
import java.util.Optional;

/** What an agent asks LeadSync to do; each kind may be routed to its own CRMs by a workspace rule. */
public enum AgentAction {
    UPSERT_LEAD("upsertLead"),
    CHANGE_STATUS("changeStatus"),
    LOG_ACTIVITY("logActivity");

    private final String apiName;

    AgentAction(String apiName) {
        this.apiName = apiName;
    }

    /** The action's name in the APIs: {@code upsertLead}, {@code changeStatus}, {@code logActivity}. */
    public String apiName() {
        return apiName;
    }

    public static Optional<AgentAction> byApiName(String name) {
        return Arrays.stream(values()).filter(action -> action.apiName.equals(name)).findFirst();
    }
}
