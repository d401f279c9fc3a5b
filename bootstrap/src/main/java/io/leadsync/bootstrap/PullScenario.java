package io.leadsync.bootstrap;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.leadsync.bootstrap.BenchRun.delta;
import static io.leadsync.bootstrap.BenchRun.describe;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/** Phase 4: a rep edits records in each CRM, then "pull now" merges them; timed. */
final class PullScenario {
    private final BenchRun run;

    PullScenario(BenchRun run) {
        this.run = run;
    }

    void pull(String key, String sf, String hs) throws Exception {
        int edits = run.options.pullEdits();
        // Hourly, so the background worker neither pulls nor pushes while the edits are made; "pull now" is timed.
        run.frequency(key, sf, "HOURLY");
        run.frequency(key, hs, "HOURLY");
        say("pull: a rep edits " + edits + " Salesforce Leads, then \"pull now\"");
        List<Map<String, Object>> sfRecords = run.node.salesforceRecords("bench-");
        for (int i = 0; i < edits; i++) {
            Map<String, Object> record = sfRecords.get(i);
            run.node.salesforce.editAsRep("Lead", String.valueOf(record.get("Id")), Map.of("City", "SF city " + i));
        }
        pullNow(key, sf, "Salesforce", edits, run.node.salesforce::callCounts, "SF city ");

        say("pull: a rep edits " + edits + " HubSpot contacts, then \"pull now\"");
        List<Map<String, Object>> hsRecords = run.node.hubspotRecords("bench-");
        // HubSpot's search sees a write only after its indexing lag (5 s in LeadSync's window).
        for (int i = 0; i < edits; i++) {
            Map<String, Object> record = hsRecords.get(i);
            run.node.hubspot.editAsRep("contacts", String.valueOf(record.get("id")), Map.of("city", "HS city " + i));
        }
        Thread.sleep(6_000);
        pullNow(key, hs, "HubSpot", edits, run.node.hubspot::callCounts, "HS city ");
    }

    void pullNow(String key, String connection, String crm, int edits,
                         java.util.function.Supplier<Map<String, Long>> counts, String marker) throws Exception {
        Map<String, Long> before = counts.get();
        long start = System.nanoTime();
        HttpResponse<String> answer;
        do {
            answer = run.node.api(key, "POST", "/api/admin/v1/connections/" + connection + "/pull", null);
            if (answer.statusCode() == 409) {
                Thread.sleep(200);
            }
        } while (answer.statusCode() == 409);
        double pullSeconds = seconds(System.nanoTime() - start);
        long merged = run.node.count("select count(*) from leads where field_values->>'city' like '" + marker + "%'");
        long calls = delta(before, counts.get());
        run.results.put("pull: " + edits + " " + crm + " edits merged", String.format(Locale.ROOT,
                "%d leads changed in %.1f s = **%.0f edits/s**, %d CRM calls (%s); answer %s", merged, pullSeconds,
                merged / pullSeconds, calls, describe(delta(before, counts.get(), true)),
                answer.body().replaceAll("\\s+", " ")));
    }
}
