package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotSearchIT {

    private static final String SEARCH = CONTACTS + "/search";
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0, CLOCK);
        http = new HubSpotHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        sandbox.accessTokenLifetime(Duration.ofDays(1));
        sandbox.limits(null, null, 1000, null);
        token = http.token("admin@acme.example");
    }

    private String create(String properties) {
        HttpResponse<String> response = http.post(CONTACTS, token, "{'properties':" + properties + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        CLOCK.advance(Duration.ofMillis(10));
        return json(response).get("id").asText();
    }

    private JsonNode search(String body) {
        HttpResponse<String> response = http.post(SEARCH, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private List<String> emails(String filters) {
        JsonNode result = search("{'filterGroups':" + filters + ",'properties':['email'],'limit':200}");
        List<String> emails = new ArrayList<>();
        result.get("results").forEach(r -> emails.add(r.at("/properties/email").asText()));
        return emails;
    }

    private void seed() {
        create("{'email':'ada@acme.example','firstname':'Ada','lifecyclestage':'lead','hs_lead_status':'NEW'}");
        create("{'email':'grace@acme.example','firstname':'Grace','lifecyclestage':'customer'}");
        create("{'email':'linus@other.example','firstname':'Linus','jobtitle':'Kernel hacker'}");
        CLOCK.advance(Duration.ofSeconds(2));
    }

    @Test
    void writesBecomeSearchableOnlyAfterTheIndexingLag() {
        String id = create("{'email':'ada@acme.example','firstname':'Ada'}");
        assertThat(search("{}").get("total").asInt()).isZero();
        CLOCK.advance(Duration.ofMillis(1000));
        assertThat(search("{}").get("total").asInt()).isEqualTo(1);

        http.patch(CONTACTS + "/" + id, token, "{'properties':{'firstname':'Augusta'}}");
        JsonNode stale = search("{'properties':['firstname']}");
        assertThat(stale.at("/results/0/properties/firstname").asText()).isEqualTo("Ada");
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(search("{'properties':['firstname']}").at("/results/0/properties/firstname").asText())
                .isEqualTo("Augusta");

        http.send("DELETE", CONTACTS + "/" + id, token, null);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(search("{}").get("total").asInt()).isZero();

        http.post("/__sandbox/hubspot/search-lag", null, "{'millis':0}");
        create("{'email':'now@acme.example'}");
        assertThat(search("{}").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void operatorsFilterAsHubSpotDoes() {
        seed();
        assertThat(emails("[{'filters':[{'propertyName':'email','operator':'EQ','value':'ADA@acme.example'}]}]"))
                .containsExactly("ada@acme.example");
        assertThat(emails("[{'filters':[{'propertyName':'email','operator':'NEQ','value':'ada@acme.example'}]}]"))
                .containsExactly("grace@acme.example", "linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'email','operator':'CONTAINS_TOKEN','value':'*@acme.example'}]}]"))
                .containsExactly("ada@acme.example", "grace@acme.example");
        assertThat(emails("[{'filters':[{'propertyName':'firstname','operator':'IN','values':['ada','linus']}]}]"))
                .containsExactly("ada@acme.example", "linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'firstname','operator':'IN','values':['Ada']}]}]")).isEmpty();
        assertThat(emails("[{'filters':[{'propertyName':'lifecyclestage','operator':'NOT_IN','values':['lead']}]}]"))
                .containsExactly("grace@acme.example", "linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'jobtitle','operator':'HAS_PROPERTY'}]}]"))
                .containsExactly("linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'jobtitle','operator':'NOT_HAS_PROPERTY'}]}]"))
                .containsExactly("ada@acme.example", "grace@acme.example");
        assertThat(emails("[{'filters':[{'propertyName':'hs_lead_status','operator':'EQ','value':'NEW'}]}]"))
                .containsExactly("ada@acme.example");

        List<String> ids = new ArrayList<>();
        search("{'limit':10}").get("results").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(emails("[{'filters':[{'propertyName':'hs_object_id','operator':'GT','value':'" + ids.get(0) + "'}]}]"))
                .containsExactly("grace@acme.example", "linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'hs_object_id','operator':'BETWEEN','value':'" + ids.get(0)
                + "','highValue':'" + ids.get(1) + "'}]}]")).containsExactly("ada@acme.example", "grace@acme.example");
        String adaModified = search("{'limit':1,'properties':['lastmodifieddate']}")
                .at("/results/0/properties/lastmodifieddate").asText();
        long since = Instant.parse(adaModified).toEpochMilli() + 1;
        assertThat(emails("[{'filters':[{'propertyName':'lastmodifieddate','operator':'GTE','value':'" + since + "'}]}]"))
                .containsExactly("grace@acme.example", "linus@other.example");
        assertThat(emails("[{'filters':[{'propertyName':'lastmodifieddate','operator':'LT','value':'2099-01-01T00:00:00Z'}]}]"))
                .hasSize(3);
    }

    @Test
    void groupsAreOrAndFiltersInAGroupAreAnd() {
        seed();
        assertThat(emails("[{'filters':[{'propertyName':'firstname','operator':'EQ','value':'Ada'},"
                + "{'propertyName':'lifecyclestage','operator':'EQ','value':'customer'}]}]")).isEmpty();
        assertThat(emails("[{'filters':[{'propertyName':'firstname','operator':'EQ','value':'Ada'}]},"
                + "{'filters':[{'propertyName':'lifecyclestage','operator':'EQ','value':'customer'}]}]"))
                .containsExactly("ada@acme.example", "grace@acme.example");
    }

    @Test
    void oneSortAndCreationOrderWithoutOne() {
        seed();
        JsonNode sorted = search("{'sorts':[{'propertyName':'firstname','direction':'DESCENDING'}],"
                + "'properties':['firstname']}");
        assertThat(sorted.get("results")).extracting(r -> r.at("/properties/firstname").asText())
                .containsExactly("Linus", "Grace", "Ada");
        assertThat(search("{'properties':['firstname']}").get("results"))
                .extracting(r -> r.at("/properties/firstname").asText()).containsExactly("Ada", "Grace", "Linus");
        assertThat(http.post(SEARCH, token, "{'sorts':[{'propertyName':'firstname'},{'propertyName':'email'}]}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void pagingWithAfterAndTotal() {
        for (int i = 0; i < 5; i++) {
            create("{'email':'p" + i + "@acme.example'}");
        }
        CLOCK.advance(Duration.ofSeconds(2));
        JsonNode first = search("{'limit':2,'properties':['email']}");
        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.at("/paging/next/after").asText()).isEqualTo("2");
        JsonNode third = search("{'limit':2,'after':'4','properties':['email']}");
        assertThat(third.get("results")).hasSize(1);
        assertThat(third.has("paging")).isFalse();
        assertThat(third.at("/results/0/properties/email").asText()).isEqualTo("p4@acme.example");
        assertThat(third.at("/results/0/properties").has("hs_object_id")).isTrue();
    }

    @Test
    void limitsOnPageSizeAfterAndFiltersAre400() {
        assertThat(http.post(SEARCH, token, "{'limit':201}").statusCode()).isEqualTo(400);
        HttpResponse<String> beyond = http.post(SEARCH, token, "{'limit':100,'after':'10000'}");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(json(beyond).get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post(SEARCH, token, "{'limit':100,'after':'9900'}").statusCode()).isEqualTo(200);

        String filter = "{'propertyName':'email','operator':'HAS_PROPERTY'}";
        String six = String.join(",", java.util.Collections.nCopies(6, "{'filters':[" + filter + "]}"));
        assertThat(http.post(SEARCH, token, "{'filterGroups':[" + six + "]}").statusCode()).isEqualTo(400);
        String sevenFilters = String.join(",", java.util.Collections.nCopies(7, filter));
        assertThat(http.post(SEARCH, token, "{'filterGroups':[{'filters':[" + sevenFilters + "]}]}").statusCode())
                .isEqualTo(400);
        String fiveFilters = String.join(",", java.util.Collections.nCopies(5, filter));
        String fourGroups = String.join(",", java.util.Collections.nCopies(4, "{'filters':[" + fiveFilters + "]}"));
        assertThat(http.post(SEARCH, token, "{'filterGroups':[" + fourGroups + "]}").statusCode()).isEqualTo(400);
        String threeGroups = String.join(",", java.util.Collections.nCopies(3, "{'filters':[" + fiveFilters + "]}"));
        assertThat(http.post(SEARCH, token, "{'filterGroups':[" + threeGroups + "]}").statusCode()).isEqualTo(200);

        assertThat(http.post(SEARCH, token, "{'filterGroups':[{'filters':[{'propertyName':'shoe_size',"
                + "'operator':'EQ','value':'9'}]}]}").statusCode()).isEqualTo(400);
        assertThat(http.post(SEARCH, token, "{'filterGroups':[{'filters':[{'propertyName':'email',"
                + "'operator':'LIKE','value':'9'}]}]}").statusCode()).isEqualTo(400);
        assertThat(http.post(SEARCH, token, "{'query':'" + "x".repeat(3001) + "'}").statusCode()).isEqualTo(400);
    }

    @Test
    void searchHasItsOwnPerSecondLimitAndNoRateLimitHeaders() {
        sandbox.limits(null, null, 5, null);
        HttpResponse<String> first = http.post(SEARCH, token, "{}");
        assertThat(first.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-hubspot-ratelimit"));
        for (int i = 0; i < 4; i++) {
            assertThat(http.post(SEARCH, token, "{}").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = http.post(SEARCH, token, "{}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(http.post(SEARCH, token, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void freeTextQueryMatchesNameAndEmailPrefixes() {
        seed();
        assertThat(search("{'query':'gra','properties':['email']}").get("results"))
                .extracting(r -> r.at("/properties/email").asText()).containsExactly("grace@acme.example");
        assertThat(search("{'query':'other'}").get("total").asInt()).isEqualTo(1);
    }
}
