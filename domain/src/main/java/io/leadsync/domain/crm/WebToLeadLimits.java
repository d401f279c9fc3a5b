package io.leadsync.domain.crm;

import io.leadsync.domain.lead.Lead;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Salesforce Web-to-Lead takes: at most {@link #DAILY_LIMIT} leads a rolling {@link #WINDOW} (it drops the rest
 * unseen), and no lead without a last name and a company (it answers 200 either way). Checked before each post so a
 * lead it would lose is held or skipped with the reason instead.
 */
public final class WebToLeadLimits {
    public static final int DAILY_LIMIT = 500;
    public static final Duration WINDOW = Duration.ofHours(24);
    /** The form fields without which Salesforce creates no lead. */
    public static final List<String> REQUIRED = List.of("last_name", "company");

    /** How a delivery held for the window says so, so the status page can count what waits for a slot. */
    public static final String HELD = "held: ";

    private WebToLeadLimits() {
    }

    /** Whether a delivery's reason says it waits for a slot in the window. */
    public static boolean isHeld(String reason) {
        return reason.startsWith(HELD);
    }

    /** Why Web-to-Lead would drop this lead under these mappings, or empty when it would create it. */
    public static Optional<String> gap(List<FieldMapping> mappings, Lead lead) {
        for (String required : REQUIRED) {
            Optional<FieldMapping> mapping = mappings.stream().filter(m -> m.crmField().equals(required)).findFirst();
            if (mapping.isEmpty()) {
                return Optional.of("the mapping sends no " + required + ", which Salesforce Web-to-Lead requires");
            }
            if (lead.value(mapping.get().appField()).filter(value -> !value.isBlank()).isEmpty()) {
                return Optional.of("no " + mapping.get().appField().apiName() + ": Salesforce Web-to-Lead drops a lead "
                        + "without its " + required + " unseen");
            }
        }
        return Optional.empty();
    }
}
