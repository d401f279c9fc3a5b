package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicationIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, CLOCK);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        CLOCK.set(Instant.parse("2026-03-10T09:00:00Z"));
        sandbox.reset();
        // The windows here span hours and days; the 2-hour token lifetime is not under test.
        sandbox.tokenLifetime(Duration.ofDays(60));
        token = http.adminToken();
    }

    private String create(String lastName) {
        return json(http.send("POST", V + "/sobjects/Lead", token,
                "{\"LastName\":\"" + lastName + "\",\"Company\":\"Acme\"}")).get("id").asText();
    }

    private HttpResponse<String> window(String kind, String start, String end) {
        return http.get(V + "/sobjects/Lead/" + kind + "/?start=" + HttpCall.encode(start) + "&end="
                + HttpCall.encode(end), token);
    }

    @Test
    void updated_lists_ids_changed_in_the_window_and_caps_latest_date_covered_at_now() {
        String early = create("Early");
        CLOCK.advance(Duration.ofMinutes(30));
        String late = create("Late");
        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(42));
        http.send("PATCH", V + "/sobjects/Lead/" + early, token, "{\"Title\":\"CTO\"}");
        CLOCK.advance(Duration.ofMinutes(5));

        HttpResponse<String> all = window("updated", "2026-03-10T00:00:00+00:00", "2026-03-11T00:00:00+00:00");
        HttpResponse<String> firstHalfHour = window("updated", "2026-03-10T09:00:00+00:00",
                "2026-03-10T09:30:00+00:00");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all)).isEqualTo(tree("{'ids':['" + late + "','" + early + "'],"
                + "'latestDateCovered':'2026-03-10T09:45:00.000+0000'}"));
        assertThat(json(firstHalfHour)).isEqualTo(tree("{'ids':[],"
                + "'latestDateCovered':'2026-03-10T09:30:00.000+0000'}"));
        assertThat(all.headers().firstValue("Sforce-Limit-Info")).isPresent();
    }

    @Test
    void seconds_are_ignored_and_the_next_window_starting_at_latest_date_covered_misses_nothing() {
        create("First");
        JsonNode first = json(window("updated", "2026-03-10T08:00:59Z", "2026-03-10T09:00:59Z"));
        CLOCK.advance(Duration.ofSeconds(20));
        String second = create("Second");
        CLOCK.advance(Duration.ofMinutes(2));

        assertThat(first.get("latestDateCovered").asText()).isEqualTo("2026-03-10T09:00:00.000+0000");
        assertThat(first.get("ids")).isEmpty();
        JsonNode next = json(window("updated", first.get("latestDateCovered").asText().replace(".000+0000", "Z"),
                "2026-03-10T10:00:00Z"));
        assertThat(next.get("ids").size()).isEqualTo(2);
        assertThat(next.get("ids").get(1).asText()).isEqualTo(second);
    }

    @Test
    void deleted_lists_tombstones_with_their_deletion_date_and_query_all_still_sees_them() {
        String id = create("Gone");
        create("Stays");
        CLOCK.advance(Duration.ofHours(2));
        assertThat(http.send("DELETE", V + "/sobjects/Lead/" + id, token, null).statusCode()).isEqualTo(204);
        CLOCK.advance(Duration.ofHours(1));

        HttpResponse<String> deleted = window("deleted", "2026-03-10T00:00:00+00:00", "2026-03-11T00:00:00+00:00");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted)).isEqualTo(tree("{'deletedRecords':[{'id':'" + id + "',"
                + "'deletedDate':'2026-03-10T11:00:00.000+0000'}],"
                + "'earliestDateAvailable':'2026-03-10T09:00:00.000+0000',"
                + "'latestDateCovered':'2026-03-10T12:00:00.000+0000'}"));
        assertThat(json(window("updated", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")).get("ids").size())
                .isEqualTo(1);
        JsonNode queryAll = json(http.get(V + "/queryAll?q=" + HttpCall.encode(
                "SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true"), token));
        assertThat(queryAll.get("totalSize").asInt()).isEqualTo(1);
        assertThat(queryAll.get("records").get(0).get("Id").asText()).isEqualTo(id);
    }

    @Test
    void emptying_the_recycle_bin_loses_the_tombstones_and_moves_earliest_date_available() {
        String id = create("Gone");
        http.send("DELETE", V + "/sobjects/Lead/" + id, token, null);
        CLOCK.advance(Duration.ofHours(1));

        assertThat(http.send("DELETE", "/__sandbox/salesforce/recycle-bin", null, null).statusCode())
                .isEqualTo(204);

        JsonNode deleted = json(window("deleted", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"));
        assertThat(deleted.get("deletedRecords")).isEmpty();
        assertThat(deleted.get("earliestDateAvailable").asText()).isEqualTo("2026-03-10T10:00:00.000+0000");
        assertThat(json(http.get(V + "/queryAll?q=" + HttpCall.encode("SELECT Id FROM Lead"), token))
                .get("totalSize").asInt()).isZero();
    }

    @Test
    void tombstones_older_than_fifteen_days_are_purged() {
        String id = create("Gone");
        http.send("DELETE", V + "/sobjects/Lead/" + id, token, null);
        CLOCK.advance(Duration.ofDays(16));

        JsonNode deleted = json(window("deleted", "2026-03-24T00:00:00Z", "2026-03-26T00:00:00Z"));

        assertThat(deleted.get("deletedRecords")).isEmpty();
        assertThat(deleted.get("earliestDateAvailable").asText()).isEqualTo("2026-03-10T09:00:00.000+0000");
        assertThat(json(http.get(V + "/queryAll?q=" + HttpCall.encode("SELECT Id FROM Lead"), token))
                .get("totalSize").asInt()).isZero();
    }

    @Test
    void the_window_is_validated() {
        assertError(window("updated", "2026-03-10T09:00:00Z", "2026-03-10T09:00:30Z"), "INVALID_REPLICATION_DATE",
                "startDate must chronologically precede endDate by more than one minute");
        assertError(window("updated", "2026-03-10T10:00:00Z", "2026-03-10T09:00:00Z"), "INVALID_REPLICATION_DATE",
                "startDate must chronologically precede endDate by more than one minute");
        assertError(window("updated", "2026-02-01T00:00:00Z", "2026-03-10T09:00:00Z"), "INVALID_REPLICATION_DATE",
                "startDate cannot be more than 30 days ago");
        assertError(window("deleted", "2026-02-20T00:00:00Z", "2026-03-10T09:00:00Z"), "INVALID_REPLICATION_DATE",
                "startDate cannot be more than 15 days ago");
        assertThat(window("updated", "2026-02-20T00:00:00Z", "2026-03-10T09:00:00Z").statusCode()).isEqualTo(200);
        HttpResponse<String> unencodedPlus = http.get(V + "/sobjects/Lead/updated/?start=2026-03-10T00:00:00+00:00"
                + "&end=2026-03-10T08:00:00+00:00", token);
        assertThat(unencodedPlus.statusCode()).isEqualTo(400);
        assertThat(json(unencodedPlus).get(0).get("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");
        assertThat(http.get(V + "/sobjects/Lead/updated/?end=2026-03-10T08:00:00Z", token).statusCode())
                .isEqualTo(400);
    }

    @Test
    void calls_are_counted_under_their_own_names() {
        window("updated", "2026-03-10T00:00:00Z", "2026-03-10T08:00:00Z");
        window("deleted", "2026-03-10T00:00:00Z", "2026-03-10T08:00:00Z");

        assertThat(sandbox.callCounts()).containsEntry("GET /services/data/vXX.X/sobjects/Lead/updated", 1L)
                .containsEntry("GET /services/data/vXX.X/sobjects/Lead/deleted", 1L);
    }

    private static void assertError(HttpResponse<String> response, String code, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(tree("[{'message':'" + message + "','errorCode':'" + code + "'}]"));
    }
}
