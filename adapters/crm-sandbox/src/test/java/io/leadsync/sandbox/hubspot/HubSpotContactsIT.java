package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotContactsIT {

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
        token = http.token("admin@acme.example");
    }

    private JsonNode create(String properties) {
        HttpResponse<String> response = http.post(CONTACTS, token, "{'properties':" + properties + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** The per-property errors HubSpot embeds as a JSON array in the message. */
    private static JsonNode embeddedErrors(HttpResponse<String> response) {
        String message = json(response).get("message").asText();
        assertThat(message).startsWith("Property values were not valid: ");
        return tree(message.substring("Property values were not valid: ".length()).replace('\'', '\u2019'));
    }

    @Test
    void createAnswers201WithStringIdsAndSystemProperties() {
        JsonNode contact = create("{'email':'Ada@Example.com','firstname':'Ada','lastname':'Lovelace'}");

        String id = contact.get("id").asText();
        assertThat(contact.get("id").isTextual()).isTrue();
        assertThat(contact.at("/properties/email").asText()).isEqualTo("ada@example.com");
        assertThat(contact.at("/properties/hs_object_id").asText()).isEqualTo(id);
        assertThat(contact.at("/properties/createdate").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertThat(contact.at("/properties/lastmodifieddate").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertThat(contact.get("createdAt").asText()).isEqualTo("2026-03-10T12:00:00.000Z");
        assertThat(contact.get("archived").asBoolean()).isFalse();

        JsonNode read = json(http.get(CONTACTS + "/" + id, token));
        assertThat(read.get("properties")).isEqualTo(tree("{'createdate':'2026-03-10T12:00:00.000Z',"
                + "'email':'ada@example.com','firstname':'Ada','hs_object_id':'" + id + "',"
                + "'lastmodifieddate':'2026-03-10T12:00:00.000Z','lastname':'Lovelace'}"));
        JsonNode some = json(http.get(CONTACTS + "/" + id + "?properties=jobtitle,no_such_property", token));
        assertThat(some.get("properties").has("jobtitle")).isTrue();
        assertThat(some.at("/properties/jobtitle").isNull()).isTrue();
        assertThat(some.get("properties").has("no_such_property")).isFalse();
        assertThat(json(http.get(CONTACTS + "/ADA@example.com?idProperty=email", token)).get("id").asText())
                .isEqualTo(id);
        assertThat(http.get(CONTACTS + "/ada@example.com?idProperty=firstname", token).statusCode()).isEqualTo(400);
    }

    @Test
    void patchChangesValuesAndMovesLastModifiedDate() {
        String id = create("{'email':'ada@example.com','jobtitle':'Analyst'}").get("id").asText();
        CLOCK.advance(Duration.ofMinutes(5));

        HttpResponse<String> patched = http.patch(CONTACTS + "/" + id, token,
                "{'properties':{'jobtitle':'Engineer','city':''}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).at("/properties/jobtitle").asText()).isEqualTo("Engineer");
        assertThat(json(patched).at("/properties/lastmodifieddate").asText()).isEqualTo(
                HubSpotTime.format(CLOCK.instant()));
        assertThat(json(patched).get("updatedAt").asText()).isEqualTo(HubSpotTime.format(CLOCK.instant()));

        HttpResponse<String> byEmail = http.patch(CONTACTS + "/ada@example.com?idProperty=email", token,
                "{'properties':{'jobtitle':''}}");
        assertThat(byEmail.statusCode()).isEqualTo(200);
        assertThat(json(byEmail).at("/properties").has("jobtitle")).isFalse();
        assertThat(http.patch(CONTACTS + "/999999", token, "{'properties':{'jobtitle':'x'}}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void deleteArchivesTheContact() {
        String id = create("{'email':'ada@example.com'}").get("id").asText();
        assertThat(http.send("DELETE", CONTACTS + "/" + id, token, null).statusCode()).isEqualTo(204);

        HttpResponse<String> gone = http.get(CONTACTS + "/" + id, token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone)).isEqualTo(tree("{'status':'error','message':'resource not found','correlationId':'"
                + json(gone).get("correlationId").asText() + "','category':'OBJECT_NOT_FOUND'}"));
        JsonNode archived = json(http.get(CONTACTS + "/" + id + "?archived=true", token));
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(archived.get("archivedAt").asText()).isNotBlank();
    }

    @Test
    void aDuplicateEmailIs409WithTheExistingId() {
        String id = create("{'email':'ada@example.com'}").get("id").asText();
        HttpResponse<String> duplicate = http.post(CONTACTS, token, "{'properties':{'email':'ADA@example.com'}}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).get("category").asText()).isEqualTo("CONFLICT");
        assertThat(json(duplicate).get("message").asText()).isEqualTo("Contact already exists. Existing ID: " + id);
        assertThat(json(duplicate).get("status").asText()).isEqualTo("error");

        String other = create("{'email':'grace@example.com'}").get("id").asText();
        assertThat(http.patch(CONTACTS + "/" + other, token, "{'properties':{'email':'ada@example.com'}}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    void unknownPropertiesAndBadValuesAre400WithEveryProblemListed() {
        HttpResponse<String> response = http.post(CONTACTS, token, "{'properties':{'email':'not-an-email',"
                + "'favourite_colour':'blue','lifecyclestage':'lead-ish','hs_object_id':'7'}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("category").asText()).isEqualTo("VALIDATION_ERROR");
        JsonNode errors = embeddedErrors(response);
        assertThat(errors).extracting(e -> e.get("name").asText() + ":" + e.get("error").asText())
                .containsExactlyInAnyOrder("email:INVALID_EMAIL", "favourite_colour:PROPERTY_DOESNT_EXIST",
                        "lifecyclestage:INVALID_OPTION", "hs_object_id:READ_ONLY_VALUE");
        assertThat(errors.get(0).get("isValid").asBoolean()).isFalse();
        assertThat(sandbox.records("contacts")).isEmpty();
    }

    @Test
    void numberBoolDateAndDatetimePropertiesAreTypeChecked() {
        for (String property : List.of(
                "{'name':'score','label':'Score','type':'number','fieldType':'number','groupName':'contactinformation'}",
                "{'name':'vip','label':'VIP','type':'bool','fieldType':'booleancheckbox','groupName':'contactinformation'}",
                "{'name':'met_on','label':'Met on','type':'date','fieldType':'date','groupName':'contactinformation'}",
                "{'name':'seen_at','label':'Seen at','type':'datetime','fieldType':'date','groupName':'contactinformation'}")) {
            assertThat(http.post("/crm/v3/properties/contacts", token, property).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> bad = http.post(CONTACTS, token, "{'properties':{'email':'a@b.example','score':'lots',"
                + "'vip':'yes','met_on':'1597061000000','seen_at':'yesterday'}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(embeddedErrors(bad)).extracting(e -> e.get("name").asText() + ":" + e.get("error").asText())
                .containsExactlyInAnyOrder("score:INVALID_INTEGER", "vip:INVALID_OPTION", "met_on:INVALID_DATE",
                        "seen_at:INVALID_DATETIME");

        JsonNode good = create("{'email':'a@b.example','score':'17.50','vip':'true','met_on':'1596931200000',"
                + "'seen_at':'1714550400000'}");
        JsonNode p = good.get("properties");
        assertThat(p.get("score").asText()).isEqualTo("17.5");
        assertThat(p.get("vip").asText()).isEqualTo("true");
        assertThat(p.get("met_on").asText()).isEqualTo("2020-08-09");
        assertThat(p.get("seen_at").asText()).isEqualTo("2024-05-01T08:00:00.000Z");
    }

    @Test
    void aContactNeedsAnEmailOrAName() {
        assertThat(http.post(CONTACTS, token, "{'properties':{'jobtitle':'CEO'}}").statusCode()).isEqualTo(400);
        assertThat(http.post(CONTACTS, token, "{'properties':{'lastname':'Hopper'}}").statusCode()).isEqualTo(201);
    }

    @Test
    void theLifecycleStageOnlyMovesForward() {
        String id = create("{'email':'a@b.example','lifecyclestage':'opportunity'}").get("id").asText();
        JsonNode back = json(http.patch(CONTACTS + "/" + id, token, "{'properties':{'lifecyclestage':'lead'}}"));
        assertThat(back.at("/properties/lifecyclestage").asText()).isEqualTo("opportunity");
        JsonNode forward = json(http.patch(CONTACTS + "/" + id, token,
                "{'properties':{'lifecyclestage':'customer'}}"));
        assertThat(forward.at("/properties/lifecyclestage").asText()).isEqualTo("customer");
    }

    @Test
    void batchCreateIs201AndAnInvalidInputMakesIt207TiedByTraceId() {
        HttpResponse<String> ok = http.post(CONTACTS + "/batch/create", token, "{'inputs':["
                + "{'properties':{'email':'a@b.example'}},{'properties':{'email':'c@d.example'}}]}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(json(ok).get("status").asText()).isEqualTo("COMPLETE");
        assertThat(json(ok).get("results")).hasSize(2);
        assertThat(json(ok).has("numErrors")).isFalse();
        assertThat(json(ok).get("startedAt").asText()).isNotBlank();
        assertThat(json(ok).get("completedAt").asText()).isNotBlank();

        HttpResponse<String> partial = http.post(CONTACTS + "/batch/create", token, "{'inputs':["
                + "{'properties':{'email':'e@f.example'},'objectWriteTraceId':'t1'},"
                + "{'properties':{'email':'g@h.example','shoe_size':'9'},'objectWriteTraceId':'t2'}]}");
        assertThat(partial.statusCode()).isEqualTo(207);
        JsonNode body = json(partial);
        assertThat(body.get("numErrors").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(body.at("/errors/0/context/objectWriteTraceId/0").asText()).isEqualTo("t2");
        assertThat(body.at("/errors/0/message").asText()).contains("PROPERTY_DOESNT_EXIST");
        assertThat(body.get("results")).extracting(r -> r.at("/properties/email").asText())
                .containsExactly("e@f.example");
    }

    @Test
    void batchCreateWithADuplicateEmailFailsWhole() {
        create("{'email':'a@b.example'}");
        HttpResponse<String> response = http.post(CONTACTS + "/batch/create", token, "{'inputs':["
                + "{'properties':{'email':'new@b.example'}},{'properties':{'email':'a@b.example'}}]}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("message").asText()).matches("Contact already exists\\. Existing ID: \\d+");
        assertThat(sandbox.records("contacts")).hasSize(1);
        HttpResponse<String> within = http.post(CONTACTS + "/batch/create", token, "{'inputs':["
                + "{'properties':{'email':'x@b.example'}},{'properties':{'email':'X@b.example'}}]}");
        assertThat(within.statusCode()).isEqualTo(409);
        assertThat(sandbox.records("contacts")).hasSize(1);
    }

    @Test
    void batchesAreLimitedTo100Inputs() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            inputs.add("{'properties':{'email':'c" + i + "@b.example'}}");
        }
        for (String op : List.of("create", "update", "upsert", "read", "archive")) {
            HttpResponse<String> response = http.post(CONTACTS + "/batch/" + op, token,
                    "{'inputs':[" + String.join(",", inputs) + "]}");
            assertThat(response.statusCode()).as(op).isEqualTo(400);
            assertThat(json(response).get("message").asText()).isEqualTo("Batch operations are limited to 100 records");
            assertThat(json(response).get("category").asText()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(sandbox.records("contacts")).isEmpty();
    }

    @Test
    void batchUpdateAndReadReportMissingIdsAs207() {
        String id = create("{'email':'a@b.example'}").get("id").asText();
        HttpResponse<String> update = http.post(CONTACTS + "/batch/update", token, "{'inputs':["
                + "{'id':'" + id + "','properties':{'firstname':'Ann'}},{'id':'99999','properties':{'firstname':'X'}}]}");
        assertThat(update.statusCode()).isEqualTo(207);
        assertThat(json(update).at("/errors/0")).isEqualTo(tree("{'status':'error','category':'OBJECT_NOT_FOUND',"
                + "'message':'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are"
                + " valid.','context':{'ids':['99999']},'errors':[],'links':{}}"));
        assertThat(json(update).at("/results/0/properties/firstname").asText()).isEqualTo("Ann");

        assertThat(http.post(CONTACTS + "/batch/update", token, "{'inputs':[{'id':'" + id + "','properties':{}},"
                + "{'id':'" + id + "','properties':{}}]}").statusCode()).isEqualTo(400);

        HttpResponse<String> read = http.post(CONTACTS + "/batch/read", token, "{'idProperty':'email',"
                + "'properties':['firstname'],'inputs':[{'id':'a@b.example'},{'id':'nobody@b.example'}]}");
        assertThat(read.statusCode()).isEqualTo(207);
        assertThat(json(read).at("/results/0/properties/firstname").asText()).isEqualTo("Ann");
        assertThat(json(read).at("/errors/0/context/ids/0").asText()).isEqualTo("nobody@b.example");
        HttpResponse<String> allThere = http.post(CONTACTS + "/batch/read", token,
                "{'properties':['email'],'inputs':[{'id':'" + id + "'}]}");
        assertThat(allThere.statusCode()).isEqualTo(200);
    }

    @Test
    void batchUpsertByEmailCreatesOrUpdatesAndTellsWhichIsNew() {
        String id = create("{'email':'a@b.example','firstname':'Old'}").get("id").asText();
        HttpResponse<String> response = http.post(CONTACTS + "/batch/upsert", token, "{'inputs':["
                + "{'id':'a@b.example','idProperty':'email','properties':{'firstname':'New'}},"
                + "{'id':'z@b.example','idProperty':'email','properties':{'firstname':'Zed'}}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response).get("results");
        assertThat(results).extracting(r -> r.get("id").asText().equals(id) + ":" + r.get("new").asBoolean())
                .containsExactlyInAnyOrder("true:false", "false:true");
        assertThat(sandbox.records("contacts")).extracting(r -> (Object) ((Map<?, ?>) r.get("properties")).get("email"))
                .containsExactlyInAnyOrder("a@b.example", "z@b.example");
    }

    @Test
    void upsertByEmailIsAllOrNothingAndNeedsAUniqueIdProperty() {
        HttpResponse<String> invalid = http.post(CONTACTS + "/batch/upsert", token, "{'inputs':["
                + "{'id':'a@b.example','idProperty':'email','properties':{'firstname':'A'}},"
                + "{'id':'b@b.example','idProperty':'email','properties':{'nope':'x'}}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(sandbox.records("contacts")).isEmpty();

        assertThat(http.post(CONTACTS + "/batch/upsert", token, "{'inputs':[{'id':'Ada','idProperty':'firstname',"
                + "'properties':{}}]}").statusCode()).isEqualTo(400);
    }

    @Test
    void upsertByACustomUniquePropertyMayPartlySucceed() {
        assertThat(http.post("/crm/v3/properties/contacts", token, "{'name':'ai_lead_id','label':'AI Lead ID',"
                + "'type':'string','fieldType':'text','groupName':'contactinformation','hasUniqueValue':true}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> response = http.post(CONTACTS + "/batch/upsert", token, "{'inputs':["
                + "{'id':'L-1','idProperty':'ai_lead_id','properties':{'email':'l1@b.example'}},"
                + "{'id':'L-2','idProperty':'ai_lead_id','properties':{'email':'broken'}}]}");
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(json(response).get("numErrors").asInt()).isEqualTo(1);
        assertThat(json(response).at("/results/0/properties/ai_lead_id").asText()).isEqualTo("L-1");
        assertThat(json(response).at("/results/0/new").asBoolean()).isTrue();
        assertThat(json(http.get(CONTACTS + "/L-1?idProperty=ai_lead_id", token)).at("/properties/email").asText())
                .isEqualTo("l1@b.example");
        HttpResponse<String> nameless = http.post(CONTACTS + "/batch/upsert", token, "{'inputs':["
                + "{'id':'L-3','idProperty':'ai_lead_id','properties':{'jobtitle':'CTO'}}]}");
        assertThat(nameless.statusCode()).isEqualTo(207);
        assertThat(json(nameless).get("results")).isEmpty();
        HttpResponse<String> duplicate = http.post(CONTACTS, token,
                "{'properties':{'email':'l9@b.example','ai_lead_id':'L-1'}}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    @Test
    void batchArchiveIs204AndArchivedContactsLeaveTheList() {
        String a = create("{'email':'a@b.example'}").get("id").asText();
        create("{'email':'c@b.example'}");
        assertThat(http.post(CONTACTS + "/batch/archive", token, "{'inputs':[{'id':'" + a + "'},{'id':'424242'}]}")
                .statusCode()).isEqualTo(204);
        JsonNode list = json(http.get(CONTACTS, token));
        assertThat(list.get("results")).extracting(r -> r.at("/properties/email").asText())
                .containsExactly("c@b.example");
        assertThat(json(http.get(CONTACTS + "?archived=true", token)).get("results")).hasSize(1);
    }

    @Test
    void listPagesWithAfter() {
        for (int i = 0; i < 5; i++) {
            create("{'email':'p" + i + "@b.example'}");
        }
        JsonNode first = json(http.get(CONTACTS + "?limit=2&properties=email", token));
        assertThat(first.get("results")).hasSize(2);
        String after = first.at("/paging/next/after").asText();
        JsonNode second = json(http.get(CONTACTS + "?limit=2&after=" + after, token));
        assertThat(second.at("/results/0/properties/email").asText()).isEqualTo("p2@b.example");
        JsonNode last = json(http.get(CONTACTS + "?limit=2&after=" + second.at("/paging/next/after").asText(), token));
        assertThat(last.get("results")).hasSize(1);
        assertThat(last.has("paging")).isFalse();
        assertThat(http.get(CONTACTS + "?limit=101", token).statusCode()).isEqualTo(400);
    }

    @Test
    void aRepEditMovesLastModifiedDate() {
        String id = create("{'email':'a@b.example'}").get("id").asText();
        CLOCK.advance(Duration.ofMinutes(3));
        Map<String, Object> edited = sandbox.editAsRep("contacts", id, Map.of("jobtitle", "VP Sales"));
        assertThat(((Map<?, ?>) edited.get("properties")).get("lastmodifieddate"))
                .isEqualTo(HubSpotTime.format(CLOCK.instant()));
        assertThat(json(http.get(CONTACTS + "/" + id + "?properties=jobtitle", token)).at("/properties/jobtitle")
                .asText()).isEqualTo("VP Sales");
    }

    @Test
    void propertyValuesMustBeScalars() {
        HttpResponse<String> response = http.post(CONTACTS, token, "{'properties':{'email':['a@b.example']}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.post(CONTACTS, token, "{not json").statusCode()).isEqualTo(400);
    }
}
