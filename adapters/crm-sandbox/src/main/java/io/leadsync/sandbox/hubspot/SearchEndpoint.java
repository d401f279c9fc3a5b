package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /crm/v3/objects/{type}/search}: filter groups (OR) of filters (AND), one sort, {@code after} paging and
 * the 10,000-result cap. It answers from the store's lagged view, so a record written a moment ago is not found
 * yet, and archived records never are: a client that searches right after writing sees what it would see at HubSpot.
 */
final class SearchEndpoint {

    static final int MAX_GROUPS = 5;
    static final int MAX_FILTERS_PER_GROUP = 6;
    static final int MAX_FILTERS = 18;
    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;
    static final int MAX_QUERY_LENGTH = 3000;
    private static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN",
            "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");
    /** Operators a record without the property still satisfies. */
    private static final Set<String> MATCH_MISSING = Set.of("NEQ", "NOT_IN", "NOT_HAS_PROPERTY",
            "NOT_CONTAINS_TOKEN");
    private static final Map<ObjectType, List<String>> QUERY_FIELDS = Map.of(
            ObjectType.CONTACTS, List.of("firstname", "lastname", "email", "phone", "company", "website"),
            ObjectType.COMPANIES, List.of("name", "domain", "website", "phone"));

    private record Filter(String property, String operator, String value, String highValue, List<String> values) {
    }

    private record Hit(StoredObject record, Map<String, String> values) {
    }

    private final CrmStore store;
    private final CallCounter counter;

    SearchEndpoint(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token, ObjectType type) {
        if (!"POST".equals(call.method())) {
            throw HubSpotError.notFound();
        }
        counter.count("POST /crm/v3/objects/" + type.plural() + "/search");
        CrmRouter.requireScope(token, type.readScope(), type.writeScope());
        JsonNode body = call.json();
        synchronized (store) {
            List<List<Filter>> groups = filterGroups(type, body.path("filterGroups"));
            JsonNode sorts = body.path("sorts");
            if (sorts.size() > 1) {
                throw HubSpotError.validation("Only one sort is supported; got " + sorts.size());
            }
            int limit = body.path("limit").isMissingNode() ? 10 : body.path("limit").asInt(-1);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw HubSpotError.validation("limit must be between 1 and " + MAX_LIMIT + "; got "
                        + body.path("limit").asText());
            }
            int after = after(body.path("after"));
            String query = body.path("query").asText("");
            if (query.length() > MAX_QUERY_LENGTH) {
                throw HubSpotError.validation("query may be at most " + MAX_QUERY_LENGTH + " characters");
            }
            List<Hit> hits = new ArrayList<>();
            for (Map.Entry<StoredObject, Map<String, String>> entry : store.searchable(type)) {
                Hit hit = new Hit(entry.getKey(), entry.getValue());
                if (matchesQuery(type, hit, query) && matchesGroups(type, hit, groups)) {
                    hits.add(hit);
                }
            }
            hits.sort(order(type, sorts.size() == 1 ? sorts.get(0) : null));
            List<String> properties = new ArrayList<>();
            body.path("properties").forEach(p -> properties.add(p.asText()));
            ObjectNode answer = HubSpotJson.object();
            answer.put("total", hits.size());
            ArrayNode results = answer.putArray("results");
            for (Hit hit : hits.subList(Math.min(after, hits.size()), Math.min(after + limit, hits.size()))) {
                ObjectNode json = store.toJson(type, hit.record(), hit.values(), properties, false);
                json.put("updatedAt", hit.values().get(type.lastModifiedProperty()));
                json.put("archived", false);
                json.remove("archivedAt");
                results.add(json);
            }
            if (after + limit < hits.size()) {
                answer.putObject("paging").putObject("next").put("after", Integer.toString(after + limit));
            }
            return Reply.json(200, answer);
        }
    }

    private static int after(JsonNode after) {
        if (after.isMissingNode() || after.isNull()) {
            return 0;
        }
        String text = after.asText();
        if (!text.matches("\\d{1,9}")) {
            throw HubSpotError.validation("after must be an integer-formatted string; got '" + text + "'");
        }
        int value = Integer.parseInt(text);
        if (value >= MAX_RESULTS) {
            throw HubSpotError.validation("Search results are limited to " + MAX_RESULTS + " records; after="
                    + value + " pages beyond them. Narrow the search with a filter instead.");
        }
        return value;
    }

    private List<List<Filter>> filterGroups(ObjectType type, JsonNode groups) {
        if (groups.size() > MAX_GROUPS) {
            throw HubSpotError.validation("Too many filter groups: " + groups.size() + " (max " + MAX_GROUPS + ")");
        }
        List<List<Filter>> parsed = new ArrayList<>();
        int total = 0;
        for (JsonNode group : groups) {
            JsonNode filters = group.path("filters");
            if (filters.size() > MAX_FILTERS_PER_GROUP) {
                throw HubSpotError.validation("Too many filters in a filter group: " + filters.size() + " (max "
                        + MAX_FILTERS_PER_GROUP + ")");
            }
            total += filters.size();
            if (total > MAX_FILTERS) {
                throw HubSpotError.validation("Too many filters: more than " + MAX_FILTERS + " across all groups");
            }
            List<Filter> list = new ArrayList<>();
            for (JsonNode filter : filters) {
                list.add(filter(type, filter));
            }
            parsed.add(list);
        }
        return parsed;
    }

    private Filter filter(ObjectType type, JsonNode node) {
        String property = node.path("propertyName").asText("");
        String operator = node.path("operator").asText("EQ");
        if (!OPERATORS.contains(operator)) {
            throw HubSpotError.validation("Unknown operator '" + operator + "'; expected one of " + OPERATORS);
        }
        if (!property.startsWith("associations.") && store.property(type, property).isEmpty()) {
            throw HubSpotError.validation("Unable to search on property '" + property + "': it does not exist");
        }
        List<String> values = new ArrayList<>();
        node.path("values").forEach(v -> values.add(v.asText()));
        String value = node.path("value").isMissingNode() || node.path("value").isNull() ? null
                : node.path("value").asText();
        String high = node.path("highValue").isMissingNode() ? null : node.path("highValue").asText();
        switch (operator) {
            case "IN", "NOT_IN" -> {
                if (values.isEmpty()) {
                    throw HubSpotError.validation(operator + " needs a non-empty \"values\" array");
                }
            }
            case "BETWEEN" -> {
                if (value == null || high == null) {
                    throw HubSpotError.validation("BETWEEN needs \"value\" and \"highValue\"");
                }
            }
            case "HAS_PROPERTY", "NOT_HAS_PROPERTY" -> { }
            default -> {
                if (value == null) {
                    throw HubSpotError.validation(operator + " needs a \"value\"");
                }
            }
        }
        return new Filter(property, operator, value, high, values);
    }

    private boolean matchesGroups(ObjectType type, Hit hit, List<List<Filter>> groups) {
        if (groups.isEmpty()) {
            return true;
        }
        return groups.stream().anyMatch(group -> group.stream().allMatch(f -> matches(type, hit, f)));
    }

    private boolean matches(ObjectType type, Hit hit, Filter filter) {
        if (filter.property().startsWith("associations.")) {
            List<Long> linked = store.associated(type, hit.record().id);
            boolean any = switch (filter.operator()) {
                case "IN", "NOT_IN" -> filter.values().stream().anyMatch(v -> linked.contains(parseLong(v)));
                case "HAS_PROPERTY", "NOT_HAS_PROPERTY" -> !linked.isEmpty();
                case "EQ", "NEQ" -> linked.contains(parseLong(filter.value()));
                default -> throw HubSpotError.validation("Operator " + filter.operator() + " is not supported on "
                        + filter.property());
            };
            return filter.operator().startsWith("N") ? !any : any;
        }
        PropertyDefinition property = store.property(type, filter.property()).orElseThrow();
        String stored = hit.values().get(filter.property());
        if (stored == null || stored.isEmpty()) {
            return MATCH_MISSING.contains(filter.operator());
        }
        String op = filter.operator();
        switch (op) {
            case "HAS_PROPERTY":
                return true;
            case "NOT_HAS_PROPERTY":
                return false;
            case "EQ":
                return equal(property, stored, filter.value());
            case "NEQ":
                return !equal(property, stored, filter.value());
            case "IN":
                return filter.values().stream().anyMatch(v -> inValue(property, stored, v));
            case "NOT_IN":
                return filter.values().stream().noneMatch(v -> inValue(property, stored, v));
            case "CONTAINS_TOKEN":
                return containsToken(stored, filter.value());
            case "NOT_CONTAINS_TOKEN":
                return !containsToken(stored, filter.value());
            case "BETWEEN":
                return compare(property, stored, filter.value()) >= 0
                        && compare(property, stored, filter.highValue()) <= 0;
            default:
                int c = compare(property, stored, filter.value());
                return switch (op) {
                    case "LT" -> c < 0;
                    case "LTE" -> c <= 0;
                    case "GT" -> c > 0;
                    default -> c >= 0;
                };
        }
    }

    private static boolean equal(PropertyDefinition property, String stored, String value) {
        if (isOrdered(property)) {
            return compare(property, stored, value) == 0;
        }
        if (property.fieldType().equals("checkbox")) {
            return List.of(stored.split(";")).stream().anyMatch(v -> v.equalsIgnoreCase(value));
        }
        return stored.equalsIgnoreCase(value);
    }

    /** D-SEARCH: IN takes string values in lowercase; an uppercase value matches nothing. */
    private static boolean inValue(PropertyDefinition property, String stored, String value) {
        if (isOrdered(property)) {
            return compare(property, stored, value) == 0;
        }
        if (property.type().equals("enumeration")) {
            return List.of(stored.split(";")).stream().anyMatch(v -> v.equalsIgnoreCase(value));
        }
        return stored.toLowerCase(Locale.ROOT).equals(value);
    }

    private static boolean containsToken(String stored, String token) {
        String regex = "(?i)" + Pattern.quote(token).replace("*", "\\E.*\\Q");
        if (stored.matches(regex)) {
            return true;
        }
        for (String part : stored.split("[\\s,;]+")) {
            if (part.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOrdered(PropertyDefinition property) {
        return Set.of("number", "date", "datetime").contains(property.type());
    }

    private static int compare(PropertyDefinition property, String stored, String value) {
        if (isOrdered(property)) {
            BigDecimal left = number(property, stored);
            BigDecimal right = number(property, value);
            if (left == null || right == null) {
                throw HubSpotError.validation("'" + value + "' is not a valid value for " + property.type()
                        + " property " + property.name());
            }
            return left.compareTo(right);
        }
        return stored.compareToIgnoreCase(value);
    }

    /** Numbers as they are; dates and datetimes as epoch milliseconds, whichever form they were written in. */
    private static BigDecimal number(PropertyDefinition property, String text) {
        if (property.type().equals("number")) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Instant instant = PropertyValues.parseInstant(text);
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli());
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean matchesQuery(ObjectType type, Hit hit, String query) {
        if (query.isBlank()) {
            return true;
        }
        List<String> tokens = new ArrayList<>();
        for (String field : QUERY_FIELDS.get(type)) {
            String value = hit.values().get(field);
            if (value != null) {
                tokens.add(value.toLowerCase(Locale.ROOT));
                tokens.addAll(List.of(value.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
            }
        }
        for (String term : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (tokens.stream().noneMatch(t -> t.startsWith(term))) {
                return false;
            }
        }
        return true;
    }

    private Comparator<Hit> order(ObjectType type, JsonNode sort) {
        Comparator<Hit> byId = Comparator.comparingLong(h -> h.record().id);
        if (sort == null) {
            return byId;
        }
        String name = sort.isTextual() ? sort.asText() : sort.path("propertyName").asText("");
        String direction = sort.isTextual() ? "ASCENDING" : sort.path("direction").asText("ASCENDING");
        if (!direction.equals("ASCENDING") && !direction.equals("DESCENDING")) {
            throw HubSpotError.validation("sort direction must be ASCENDING or DESCENDING");
        }
        Optional<PropertyDefinition> property = store.property(type, name);
        if (property.isEmpty()) {
            throw HubSpotError.validation("Unable to sort on property '" + name + "': it does not exist");
        }
        boolean descending = direction.equals("DESCENDING");
        Comparator<Hit> byValue = (a, b) -> {
            String x = a.values().get(name);
            String y = b.values().get(name);
            if (x == null || y == null) {
                // Records without the value come last, whichever the direction.
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = compare(property.get(), x, y);
            return descending ? -c : c;
        };
        return byValue.thenComparing(byId);
    }
}
