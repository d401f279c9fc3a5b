package io.leadsync.domain.lead;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's duplicate detection at capture: a new lead whose value in any of {@code fields} equals that of a lead
 * created within {@code window} is the same person found again (by another agent, or under another lead id), and is
 * refused with the existing lead's id. Off by default: some products deliberately keep one lead per campaign.
 */
public record DuplicateRule(boolean enabled, List<LeadField> fields, Duration window) {
    /** The longest window: a year and a day, so "the same person found again" stays within a sales cycle. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    public static final DuplicateRule OFF = new DuplicateRule(false,
            List.of(LeadField.WORK_EMAIL, LeadField.MOBILE_PHONE), Duration.ofDays(30));

    /** Whether {@code window} is one a rule may have: longer than zero and at most {@link #MAX_WINDOW}. */
    public static boolean allowsWindow(Duration window) {
        return !window.isNegative() && !window.isZero() && window.compareTo(MAX_WINDOW) <= 0;
    }

    public DuplicateRule {
        fields = List.copyOf(new LinkedHashSet<>(fields));
        Objects.requireNonNull(window, "window");
        if (!allowsWindow(window)) {
            throw new IllegalArgumentException("a duplicate window is longer than zero and at most 366 days");
        }
        if (fields.contains(LeadField.LEAD_ID)) {
            throw new IllegalArgumentException("the lead id is what a duplicate differs in");
        }
    }

    /** A lead that is the same person as an earlier one of its list: that one's place, and the value they share. */
    public record Repeat(int earlier, LeadField field) {
    }

    /**
     * New leads found together (one batch): each that is the same person as an earlier one of the list under this
     * rule, by its place. The first of two is the lead; a repeat's own values match nothing later (the lead it repeats
     * already does). Empty when the rule is off.
     */
    public Map<Integer, Repeat> repeatsWithin(List<Lead> leads) {
        Map<Integer, Repeat> repeats = new HashMap<>();
        Map<LeadField, Map<String, Integer>> firstWith = new EnumMap<>(LeadField.class);
        for (int i = 0; i < leads.size(); i++) {
            Map<LeadField, String> keys = keysOf(leads.get(i));
            Optional<Repeat> repeat = keys.entrySet().stream()
                    .filter(key -> firstWith.getOrDefault(key.getKey(), Map.of()).containsKey(key.getValue()))
                    .findFirst()
                    .map(key -> new Repeat(firstWith.get(key.getKey()).get(key.getValue()), key.getKey()));
            if (repeat.isPresent()) {
                repeats.put(i, repeat.get());
                continue;
            }
            int place = i;
            keys.forEach((field, value) -> firstWith.computeIfAbsent(field, f -> new HashMap<>()).put(value, place));
        }
        return repeats;
    }

    /** The lead's values to compare, compared case-insensitively; empty when the rule is off or the lead has none. */
    public Map<LeadField, String> keysOf(Lead lead) {
        Map<LeadField, String> keys = new EnumMap<>(LeadField.class);
        if (enabled) {
            for (LeadField field : fields) {
                lead.value(field).filter(value -> !value.isBlank())
                        .ifPresent(value -> keys.put(field, value.toLowerCase(Locale.ROOT)));
            }
        }
        return keys;
    }
}
