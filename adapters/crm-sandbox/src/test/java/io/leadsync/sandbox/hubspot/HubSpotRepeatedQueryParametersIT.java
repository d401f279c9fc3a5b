package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HubSpot takes a list query parameter comma-separated ({@code ?properties=a,b}) or repeated
 * ({@code ?properties=a&properties=b}); its official Node client (@hubspot/api-client) sends the repeated form.
 */
class HubSpotRepeatedQueryParametersIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
        http = new HubSpotHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void repeatedPropertiesReadLikeACommaSeparatedList() {
        String token = http.token("admin@acme.example");
        JsonNode created = json(http.post(CONTACTS, token,
                "{'properties':{'email':'ada@example.com','firstname':'Ada','jobtitle':'Countess'}}"));
        String id = created.get("id").asText();

        JsonNode repeated = json(http.get(CONTACTS + "/" + id + "?properties=firstname&properties=jobtitle", token));
        JsonNode commas = json(http.get(CONTACTS + "/" + id + "?properties=firstname,jobtitle", token));

        assertThat(repeated.at("/properties/firstname").asText()).isEqualTo("Ada");
        assertThat(repeated.at("/properties/jobtitle").asText()).isEqualTo("Countess");
        assertThat(repeated.get("properties")).isEqualTo(commas.get("properties"));
        JsonNode page = json(http.get(CONTACTS + "?limit=1&properties=firstname&properties=jobtitle", token));
        List<String> names = new ArrayList<>();
        page.at("/results/0/properties").fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("firstname", "jobtitle");
    }
}
