package io.leadsync.bootstrap;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.leadsync.bootstrap.BenchRun.delta;
import static io.leadsync.bootstrap.BenchRun.describe;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/** Phase 4: each CRM's pull catches up, a rep edits records in each CRM, then "pull now" merges them; timed. */
final class PullScenario {
    private static final java.util.regex.Pattern READ = java.util.regex.Pattern.compile("\"read\"\\s*:\\s*(\\d+)");
    private final BenchRun run;

    PullScenario(BenchRun run) {
        this.run = run;
    }

    void pull(String key, String sf, String hs) throws Exception {
        int edits = run.options.pullEdits();
        // Hourly, so the background worker neither pulls nor pushes while the edits are made; "pull now" is timed.
        run.frequency(key, sf, "HOURLY");
        run.frequency(key, hs, "HOURLY");
        // What the connections would have read in an earlier cycle anyway (ADR 0105): the echoes of the bench's own
        // pushes (records LeadSync just wrote look modified) and whatever else changed before the rep began. Read now,
        // untimed, so that the timed pull reads the rep's edits, as a pull in steady state does.
        catchUp(key, sf, "Salesforce");
        say("pull: a rep edits " + edits + " Salesforce Leads, then \"pull now\"");
        List<Map<String, Object>> sfRecords = run.node.salesforceRecords("bench-");
        for (int i = 0; i < edits; i++) {
            Map<String, Object> record = sfRecords.get(i);
            run.node.salesforce.editAsRep("Lead", String.valueOf(record.get("Id")), Map.of("City", "SF city " + i));
        }
        pullNow(key, sf, "Salesforce", edits, run.node.salesforce::callCounts, "SF city ");

        // Here, not above: HubSpot's pull reads up to 5 s before it starts (search's lag), and the backlog's last
        // pushes may be younger than that at the phase's start.
        catchUp(key, hs, "HubSpot");
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

    private void catchUp(String key, String connection, String crm) throws Exception {
        HttpResponse<String> answer = pullAnswer(key, connection);
        java.util.regex.Matcher read = READ.matcher(answer.body());
        run.results.put("pull: " + crm + " records read before the rep's edits (untimed, \"pull now\")",
                read.find() ? read.group(1) : answer.body());
    }

    private HttpResponse<String> pullAnswer(String key, String connection) throws Exception {
        HttpResponse<String> answer;
        do {
            answer = run.node.api(key, "POST", "/api/admin/v1/connections/" + connection + "/pull", null);
            if (answer.statusCode() == 409) {
                Thread.sleep(200);
            }
        } while (answer.statusCode() == 409);
        return answer;
    }

    void pullNow(String key, String connection, String crm, int edits,
                         java.util.function.Supplier<Map<String, Long>> counts, String marker) throws Exception {
        Map<String, Long> before = counts.get();
        long start = System.nanoTime();
        HttpResponse<String> answer = pullAnswer(key, connection);
        double pullSeconds = seconds(System.nanoTime() - start);
        long merged = run.node.count("select count(*) from leads where field_values->>'city' like '" + marker + "%'");
        long calls = delta(before, counts.get());
        run.results.put("pull: " + edits + " " + crm + " edits merged", String.format(Locale.ROOT,
                "%d leads changed in %.1f s = **%.0f edits/s**, %d CRM calls (%s); answer %s", merged, pullSeconds,
                merged / pullSeconds, calls, describe(delta(before, counts.get(), true)),
                answer.body().replaceAll("\\s+", " ")));
    }
}
