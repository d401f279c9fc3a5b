package io.leadsync.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The org's Lead assignment rule, as a new Salesforce org's admin sets up to route leads to reps: one rule
 * ("Standard Lead Assignment"), active, one entry without criteria giving every lead to rep@acme.example.
 * Queryable as {@code AssignmentRule}; a test may deactivate it through the control API.
 */
final class AssignmentRules {

    static final String RULE_NAME = "Standard Lead Assignment";

    private String ruleId;
    private String assigneeId;
    private boolean active;

    void reset(String ruleId, String assigneeId) {
        this.ruleId = ruleId;
        this.assigneeId = assigneeId;
        this.active = true;
    }

    void active(boolean active) {
        this.active = active;
    }

    boolean active() {
        return active;
    }

    String ruleId() {
        return ruleId;
    }

    /**
     * The owner a save of this object gives the record under the request's {@link AutoAssign}: the active rule on
     * creates and updates of Leads, or a named rule (active or not) on creates; empty when no rule runs.
     */
    Optional<String> owner(String object, AutoAssign assign, boolean insert) {
        if (!"Lead".equals(object)) {
            return Optional.empty();
        }
        if (assign.activeRule() && active) {
            return Optional.of(assigneeId);
        }
        if (insert && ruleId.equals(assign.ruleId())) {
            return Optional.of(assigneeId);
        }
        return Optional.empty();
    }

    /** The AssignmentRule row SOQL sees. */
    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", ruleId);
        row.put("Name", RULE_NAME);
        row.put("SobjectType", "Lead");
        row.put("Active", active);
        return row;
    }
}
