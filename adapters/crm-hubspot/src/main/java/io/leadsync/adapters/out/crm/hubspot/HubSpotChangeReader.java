package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads changed HubSpot contacts with the search API (HUBSPOT.md section 3), sorted by {@code lastmodifieddate}, and
 * archived contacts with the list API, a bounded slice a cycle.
 *
 * <p>Paging is by key, never by offset: every search starts from a bound, the last record handed out as
 * (lastmodifieddate, id), and the cursor is that bound. Two reasons. Search can reach only 10,000 results of one query
 * ({@code after} ≥ 10,000 is a 400), and a bound that moves with every page never comes near that cap, however many
 * contacts changed. And an offset counts positions in a result set that moves while LeadSync pages through it: a
 * contact of an earlier page that a rep edits again leaves the window (its new stamp is after {@code until}) once
 * search indexes the edit, every later record moves up one place, and an offset would skip one.
 *
 * <p>HubSpot sorts by one property only and does not say how it orders records with the same stamp, so a full page
 * is trusted only up to its last stamp: the records with that stamp may go on in the next page, and which of them
 * came first is HubSpot's choice. The next search starts at that stamp again. When a whole page has one stamp (a bulk
 * import or workflow touched hundreds of contacts in one millisecond), that stamp is read on its own, filtered to it
 * with {@code EQ} and sorted by {@code hs_object_id}, the one order HubSpot does promise, keyed by id.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotChangeReader implements CrmChangeReader {
    static final int SEARCH_LIMIT = 200;
    static final int LIST_LIMIT = 100;
    /** The deletion scan's list calls per cycle: its bound (see {@link #deletions(CrmSession, Instant, Instant, Optional)}). */
    static final int DELETION_PAGES = 10;
    static final String MODIFIED = "lastmodifieddate";
    static final String ID = "hs_object_id";
    /** Search allows 5 calls a second per portal; a short wait and a retry are cheaper than failing the pull. */
    static final Duration SEARCH_WAIT = Duration.ofMillis(1100);
    static final int SEARCH_RETRIES = 3;
    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,18}");
    private static final String SEARCH_PATH = "/crm/v3/objects/contacts/search";

    static final int SEARCHES_PER_SECOND = 5;
    /**
     * The most changes a window may have to be read by record id (ADR 0108): its watermark moves only after its last
     * page, so a pull that stops reads it again; 100 searches, 20 s at the search limit, well inside a pull's lease.
     */
    static final int BY_ID_LIMIT = 20_000;
    private static final String BY_ID = "i|";

    private final HubSpotHttp http;
    private final Sleeper sleeper;
    private final int byIdLimit;
    private final HubSpotSearchPacer pacer = new HubSpotSearchPacer(SEARCHES_PER_SECOND, System::nanoTime);

    /** How the reader waits out the search limit; a seam so unit tests need not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @jakarta.inject.Inject
    HubSpotChangeReader(HubSpotHttp http) {
        this(http, duration -> Thread.sleep(duration.toMillis()));
    }

    HubSpotChangeReader(HubSpotHttp http, Sleeper sleeper) {
        this(http, sleeper, BY_ID_LIMIT);
    }

    /** With another bound for reading by id: 0 reads every window by stamp (tests of that path). */
    HubSpotChangeReader(HubSpotHttp http, Sleeper sleeper, int byIdLimit) {
        this.http = http;
        this.sleeper = sleeper;
        this.byIdLimit = byIdLimit;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.HUBSPOT;
    }

    @Override
    public ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor) {
        Call call = new Call(session);
        // Records carry milliseconds; "not after until" is "at most until's millisecond".
        long until = window.until().toEpochMilli();
        Position start = Position.range(window.after());
        if (start.modifiedAt() > until) {
            return call.page(List.of(), Optional.empty());
        }
        if ((cursor.isEmpty() && byIdLimit > 0) || cursor.filter(value -> value.startsWith(BY_ID)).isPresent()) {
            // A window of up to BY_ID_LIMIT changes is read by record id: every page full, no stamp read twice.
            String afterId = cursor.map(value -> byIdCursor(value)).orElse("");
            Search byId = call.search(byIdQuery(start, until, afterId));
            if (!byId.more()) {
                // The window's only page is in change order (search sorts each answer so); a last page is not.
                return call.page(byId.contacts(), Optional.empty(), cursor.isEmpty());
            }
            if (cursor.isPresent() || byId.total() <= byIdLimit) {
                String lastId = byId.contacts().stream().map(Contact::id).max(ID_ORDER).orElseThrow();
                return call.page(byId.contacts(), Optional.of(BY_ID + lastId), false);
            }
            // A larger window (a backfill, an import) goes by stamp, each page's watermark saved as it is merged.
        }
        Position from = cursor.map(Position::parse).orElse(start);
        if (from.modifiedAt() > until) {
            return call.page(List.of(), Optional.empty());
        }
        if (from.tie()) {
            return call.tie(from);
        }
        Search range = call.search(rangeQuery(from, until));
        if (!range.more()) {
            return call.page(range.contacts(), Optional.empty());
        }
        long lastStamp = range.contacts().get(range.contacts().size() - 1).modifiedAt().toEpochMilli();
        List<Contact> complete = range.contacts().stream()
                .filter(contact -> contact.modifiedAt().toEpochMilli() < lastStamp).toList();
        if (!complete.isEmpty()) {
            Contact last = complete.get(complete.size() - 1);
            return call.page(complete, Optional.of(Position.range(last.watermark()).encode()));
        }
        // The whole page has one stamp: read that stamp by id, from where the bound left it.
        return call.tie(new Position(true, lastStamp, from.modifiedAt() == lastStamp ? from.recordId() : ""));
    }

    @Override
    public DeletionPage deletions(CrmSession session, Instant since, Instant until) {
        return deletions(session, since, until, Optional.empty());
    }

    /**
     * Archived contacts, at most {@link #DELETION_PAGES} list calls a cycle whatever the recycle bin holds. HubSpot's
     * list of archived contacts can be neither filtered nor sorted by when they were archived, so reading it whole
     * every cycle costs one call per 100 archived contacts, for ever. Instead each cycle reads the next
     * {@link #DELETION_PAGES} pages from where the last one stopped ({@code resume}, HubSpot's own paging cursor,
     * saved by the caller) and starts over after the last page. A deletion is therefore seen within
     * ceil(archived / {@value #DELETION_PAGES}00) cycles: at once with up to 1,000 archived contacts, within 10 cycles
     * with 10,000. Every archived contact on the pages read is reported (not only those archived after
     * {@code since}, since a page is read again only a round later); marking an already marked link is a no-op.
     */
    @Override
    public DeletionPage deletions(CrmSession session, Instant since, Instant until, Optional<String> resume) {
        Call call = new Call(session);
        List<Deletion> deletions = new ArrayList<>();
        Optional<String> after = resume.filter(value -> !value.isBlank());
        for (int page = 0; page < DELETION_PAGES; page++) {
            String query = "?archived=true&limit=" + LIST_LIMIT + "&properties=" + ID
                    + after.map(value -> "&after=" + HubSpotHttp.encode(value)).orElse("");
            HubSpotHttp.Response response = call.send(() -> http.get(http.api("/crm/v3/objects/contacts" + query),
                    call.session.tokens().accessToken()));
            if (!response.ok() || response.body() == null) {
                throw HubSpotErrors.failure(response, "listing archived contacts");
            }
            JsonNode results = response.body().get("results");
            for (JsonNode result : results == null ? List.<JsonNode>of() : results.values()) {
                Optional<String> id = HubSpotHttp.text(result, "id");
                Optional<Instant> archivedAt = HubSpotHttp.text(result, "archivedAt").flatMap(HubSpotChangeReader::instant);
                if (id.isPresent() && archivedAt.isPresent() && !archivedAt.get().isAfter(until)) {
                    deletions.add(new Deletion(id.get(), archivedAt.get()));
                }
            }
            Optional<String> next = nextAfter(response.body());
            // A page that names itself as the next one would loop for ever: start over next cycle.
            after = next.equals(after) ? Optional.empty() : next;
            if (after.isEmpty()) {
                break;
            }
        }
        deletions.sort(Comparator.comparing(Deletion::deletedAt).thenComparing(Deletion::crmRecordId, ID_ORDER));
        return new DeletionPage(deletions, call.calls, after);
    }

    /**
     * Records after the bound and not after {@code until}: {@code (stamp > t) OR (stamp = t AND id > id)}; from a
     * bound without an id (the origin, or a stamp to read from its start), simply {@code stamp >= t}.
     */
    private static Map<String, Object> rangeQuery(Position from, long until) {
        List<Object> groups = new ArrayList<>();
        if (from.recordId().isEmpty()) {
            groups.add(group(filter(MODIFIED, "GTE", from.modifiedAt()), filter(MODIFIED, "LTE", until)));
        } else {
            groups.add(group(filter(MODIFIED, "GT", from.modifiedAt()), filter(MODIFIED, "LTE", until)));
            // Its stamp is not after until: checked before searching.
            groups.add(group(filter(MODIFIED, "EQ", from.modifiedAt()), filter(ID, "GT", from.recordId())));
        }
        return Map.of("filterGroups", groups, "sorts", List.of(sort(MODIFIED)));
    }

    /**
     * The whole window by record id, after {@code afterId}: {@code (stamp > t OR (stamp = t AND id > id)) AND stamp <=
     * until}, or {@code t <= stamp <= until} from a bound without an id, each with {@code id > afterId}.
     */
    private static Map<String, Object> byIdQuery(Position from, long until, String afterId) {
        List<Object> groups = new ArrayList<>();
        List<Object> range = new ArrayList<>(List.of(filter(MODIFIED, from.recordId().isEmpty() ? "GTE" : "GT",
                from.modifiedAt()), filter(MODIFIED, "LTE", until)));
        if (!afterId.isEmpty()) {
            range.add(filter(ID, "GT", afterId));
        }
        groups.add(Map.of("filters", range));
        if (!from.recordId().isEmpty()) {
            String after = afterId.isEmpty() || ID_ORDER.compare(from.recordId(), afterId) > 0 ? from.recordId()
                    : afterId;
            groups.add(group(filter(MODIFIED, "EQ", from.modifiedAt()), filter(ID, "GT", after)));
        }
        return Map.of("filterGroups", groups, "sorts", List.of(sort(ID)));
    }

    private static String byIdCursor(String cursor) {
        String id = cursor.substring(BY_ID.length());
        if (!NUMERIC_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a HubSpot change cursor: " + cursor);
        }
        return id;
    }

    /** One stamp's records with an id after the bound's, by id. */
    private static Map<String, Object> tieQuery(Position from) {
        List<Object> filters = new ArrayList<>();
        filters.add(filter(MODIFIED, "EQ", from.modifiedAt()));
        if (!from.recordId().isEmpty()) {
            filters.add(filter(ID, "GT", from.recordId()));
        }
        return Map.of("filterGroups", List.of(Map.of("filters", filters)), "sorts", List.of(sort(ID)));
    }

    private static Map<String, Object> group(Object... filters) {
        return Map.of("filters", List.of(filters));
    }

    private static Map<String, Object> filter(String property, String operator, Object value) {
        // Datetimes are compared as epoch milliseconds; every value goes as a string (HUBSPOT.md section 3).
        return Map.of("propertyName", property, "operator", operator, "value", String.valueOf(value));
    }

    private static Map<String, Object> sort(String property) {
        return Map.of("propertyName", property, "direction", "ASCENDING");
    }

    private static Optional<String> nextAfter(JsonNode body) {
        JsonNode paging = body.get("paging");
        JsonNode next = paging == null ? null : paging.get("next");
        return HubSpotHttp.text(next, "after").filter(value -> !value.isBlank());
    }

    /** HubSpot writes datetimes as ISO (search, records) and takes or shows epoch milliseconds in places. */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * HubSpot ids are numbers as strings: "99" comes before "100", as {@code hs_object_id GT} and the id sort
     * compare them. Shorter first, then by text, is that order for digit strings without leading zeros.
     */
    static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Comparator<Contact> CHANGE_ORDER = Comparator.comparing(Contact::modifiedAt)
            .thenComparing(Contact::id, ID_ORDER);

    /**
     * Where the next search starts: after (stamp, id), by stamp ({@code tie} false) or within that one stamp by id
     * ({@code tie} true). An empty id: from the stamp's first record. Encoded as {@code r|t|id} or {@code t|t|id}.
     */
    record Position(boolean tie, long modifiedAt, String recordId) {
        static Position range(Watermark after) {
            // An id that is not a HubSpot id (another CRM's, or none) cannot bound hs_object_id: start at the stamp,
            // which may repeat records of that stamp; the merge makes that harmless.
            String id = NUMERIC_ID.matcher(after.recordId()).matches() ? after.recordId() : "";
            return new Position(false, after.modifiedAt().toEpochMilli(), id);
        }

        String encode() {
            return (tie ? "t" : "r") + "|" + modifiedAt + "|" + recordId;
        }

        static Position parse(String cursor) {
            String[] parts = cursor.split("\\|", -1);
            if (parts.length != 3 || !(parts[0].equals("r") || parts[0].equals("t"))
                    || !(parts[2].isEmpty() || NUMERIC_ID.matcher(parts[2]).matches())) {
                throw new IllegalArgumentException("not a HubSpot change cursor: " + cursor);
            }
            try {
                return new Position(parts[0].equals("t"), Long.parseLong(parts[1]), parts[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a HubSpot change cursor: " + cursor, e);
            }
        }
    }

    /** A contact as search answered it; its properties are turned into values once the page is settled. */
    private record Contact(String id, Instant modifiedAt, JsonNode properties) {
        Watermark watermark() {
            return new Watermark(modifiedAt, id);
        }
    }

    /** One search's contacts in change order, whether HubSpot has more for the same query, and how many in all. */
    private record Search(List<Contact> contacts, boolean more, long total) {
    }

    /** One changes() or deletions() call: its session, its CRM calls and the usage they reported. */
    private final class Call {
        private final CrmSession session;
        private final Map<String, LeadField> pulled = new LinkedHashMap<>();
        private int calls;
        private Optional<ApiUsage> usage = Optional.empty();

        Call(CrmSession session) {
            this.session = session;
            for (FieldMapping mapping : session.mappings()) {
                if (mapping.direction().allowsPull()) {
                    pulled.put(mapping.crmField(), mapping.appField());
                }
            }
        }

        ChangePage tie(Position from) {
            Search tie = search(tieQuery(from));
            if (tie.contacts().isEmpty()) {
                // Nothing left at this stamp: go on after it.
                return page(List.of(), Optional.of(new Position(false, from.modifiedAt(), from.recordId()).encode()));
            }
            Contact last = tie.contacts().get(tie.contacts().size() - 1);
            return page(tie.contacts(), Optional.of(new Position(tie.more(), from.modifiedAt(), last.id()).encode()));
        }

        Search search(Map<String, Object> query) {
            Set<String> properties = new LinkedHashSet<>(List.of(ID, MODIFIED));
            properties.addAll(pulled.keySet());
            Map<String, Object> body = new LinkedHashMap<>(query);
            body.put("properties", List.copyOf(properties));
            body.put("limit", SEARCH_LIMIT);
            HubSpotHttp.Response response = searchWithin(body);
            List<Contact> contacts = new ArrayList<>();
            JsonNode results = response.body().get("results");
            for (JsonNode result : results == null ? List.<JsonNode>of() : results.values()) {
                JsonNode values = result.get("properties");
                Optional<String> id = HubSpotHttp.text(result, "id").or(() -> HubSpotHttp.text(values, ID));
                Optional<Instant> modified = HubSpotHttp.text(values, MODIFIED)
                        .or(() -> HubSpotHttp.text(result, "updatedAt")).flatMap(HubSpotChangeReader::instant);
                if (id.isEmpty() || modified.isEmpty()) {
                    throw new io.leadsync.application.port.out.CrmUnavailableException("HubSpot search answered a "
                            + "contact without an id or " + MODIFIED + ": cannot place it in change order");
                }
                contacts.add(new Contact(id.get(), modified.get(), values));
            }
            // HubSpot sorts by one property and leaves ties in an order of its own: settle them by id here.
            contacts.sort(CHANGE_ORDER);
            JsonNode total = response.body().get("total");
            return new Search(contacts, nextAfter(response.body()).isPresent(),
                    total == null || !total.isNumber() ? Long.MAX_VALUE : total.getLongValue());
        }

        /** A search, with a bounded wait when the portal's 5-a-second search limit (not the daily one) is hit. */
        private HubSpotHttp.Response searchWithin(Map<String, Object> body) {
            for (int attempt = 0; ; attempt++) {
                pace();
                HubSpotHttp.Response response = send(() -> http.postJson(http.api(SEARCH_PATH),
                        session.tokens().accessToken(), body));
                if (response.ok() && response.body() != null) {
                    return response;
                }
                if (response.status() == 429 && secondly(response) && attempt < SEARCH_RETRIES) {
                    try {
                        sleeper.sleep(response.retryAfter().filter(wait -> wait.compareTo(SEARCH_WAIT) > 0)
                                .orElse(SEARCH_WAIT));
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw HubSpotErrors.failure(response, "searching changed contacts");
            }
        }

        /**
         * Waits for a free slot in this portal's search allowance, so that a long pull spends no calls on 429s. Other
         * LeadSync instances search the same portal unseen, so a 429 can still come, and is waited out above.
         */
        private void pace() {
            Duration wait = pacer.reserve(session.identity().orgId());
            if (!wait.isZero()) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.leadsync.application.port.out.CrmUnavailableException(
                            "interrupted while waiting for HubSpot's search limit", e);
                }
            }
        }

        /** The search limit's 429 ({@code SECONDLY}, or none named); a daily or ten-second one is not waited out here. */
        private boolean secondly(HubSpotHttp.Response response) {
            return HubSpotHttp.text(response.body(), "policyName").map("SECONDLY"::equals).orElse(true);
        }

        HubSpotHttp.Response send(Supplier<HubSpotHttp.Response> request) {
            calls++;
            HubSpotHttp.Response response = request.get();
            response.usage().ifPresent(reported -> usage = Optional.of(reported));
            return response;
        }

        ChangePage page(List<Contact> contacts, Optional<String> next) {
            return page(contacts, next, true);
        }

        ChangePage page(List<Contact> contacts, Optional<String> next, boolean inChangeOrder) {
            return new ChangePage(contacts.stream().map(this::change).toList(), next, calls, usage, inChangeOrder);
        }

        private CrmChange change(Contact contact) {
            Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
            List<String> unreadable = new ArrayList<>();
            pulled.forEach((property, field) -> {
                String raw = HubSpotHttp.text(contact.properties(), property).orElse(null);
                try {
                    values.put(field, HubSpotPropertyTypes.canonical(field, raw));
                } catch (InvalidLeadException e) {
                    unreadable.add(field.apiName() + " (" + property + " = \"" + abbreviate(raw) + "\"): "
                            + field.rule());
                }
            });
            return new CrmChange(contact.id(), contact.modifiedAt(), values, unreadable);
        }

        private static String abbreviate(String raw) {
            return raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
        }
    }
}
