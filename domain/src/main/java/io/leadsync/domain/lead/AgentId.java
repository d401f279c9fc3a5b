package io.leadsync.domain.lead;

import java.util.regex.Pattern;

/** The AI SDR agent working a lead; it travels into the CRM so assignment rules can route per agent. */
public record AgentId(String value) {
    public static final int MAX_LENGTH = 80;
    static final String RULE = "must be 1 to " + MAX_LENGTH + " characters: letters, digits, '-', '_', '.' or ':'";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_LENGTH + "}");

    public AgentId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw InvalidLeadException.of(LeadField.AGENT_ID, RULE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
