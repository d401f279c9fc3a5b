package io.leadsync.bootstrap;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadsync.bootstrap.BenchRun.parallel;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/** Phase 3: what a per-lead tool does, one create-or-update call per lead, against the same sandboxes. */
final class NaiveBaselineScenario {
    private final BenchRun run;

    NaiveBaselineScenario(BenchRun run) {
        this.run = run;
    }

    void naiveBaseline() throws Exception {
        int leads = run.options.naiveLeads();
        say("naive baseline: one create-or-update call per lead, " + run.options.clients() + " clients, each CRM");
        String sfToken = String.valueOf(run.node.salesforce.tokensFor("admin@acme.example").get("access_token"));
        String hsToken = String.valueOf(run.node.hubspot.tokensFor("admin@acme.example").get("access_token"));
        // The baseline gets HubSpot's ten-second limit lifted (110 calls by default, which would cap it at 11
        // leads/s): its figure is the best a per-lead tool could do, so the ratio understates LeadSync's advantage.
        run.node.hubspot.limits(1_000_000, 100_000_000, null, null);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        parallel(run.options.clients(), leads, i -> {
            String id = "naive-" + i;
            String body = "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper " + i + "\",\"Email\":\"" + id
                    + "@naive.example\",\"Company\":\"Company " + (i % 97) + "\",\"Title\":\"Engineer\"}";
            int status = run.send("PATCH", run.node.salesforce.baseUrl() + "/services/data/v62.0/sobjects/Lead/"
                    + BenchNode.SF_EXTERNAL_ID + "/" + id, sfToken, body);
            if (status != 201 && status != 200) {
                failed.incrementAndGet();
            }
        });
        double sfSeconds = seconds(System.nanoTime() - start);
        start = System.nanoTime();
        parallel(run.options.clients(), leads, i -> {
            String id = "naive-" + i;
            String body = "{\"inputs\":[{\"idProperty\":\"" + BenchNode.HS_ID_PROPERTY + "\",\"id\":\"" + id
                    + "\",\"properties\":{\"firstname\":\"Grace\",\"lastname\":\"Hopper " + i + "\",\"email\":\""
                    + id + "@naive.example\",\"company\":\"Company " + (i % 97) + "\",\"jobtitle\":\"Engineer\"}}]}";
            int status = run.send("POST", run.node.hubspot.baseUrl() + "/crm/v3/objects/contacts/batch/upsert",
                    hsToken, body);
            if (status != 200 && status != 201) {
                failed.incrementAndGet();
            }
        });
        double hsSeconds = seconds(System.nanoTime() - start);
        run.node.hubspot.limits(110, null, null, null);
        run.results.put("naive per-lead baseline: Salesforce (" + run.options.clients() + " clients, same sandbox)",
                String.format(Locale.ROOT, "%d calls in %.1f s = %.0f leads/s, 1,000 calls per 1,000 leads",
                        leads, sfSeconds, leads / sfSeconds));
        run.results.put("naive per-lead baseline: HubSpot (" + run.options.clients() + " clients, rate limit lifted)",
                String.format(Locale.ROOT, "%d calls in %.1f s = %.0f leads/s, 1,000 calls per 1,000 leads",
                        leads, hsSeconds, leads / hsSeconds));
        run.results.put("LeadSync / naive delivery rate (Salesforce, HubSpot)", String.format(Locale.ROOT,
                "**%.1fx**, **%.1fx** (leads/s delivered by LeadSync's backlog push over the naive tool's)",
                (run.options.leads() / run.sfDeliverySeconds) / (leads / sfSeconds),
                (run.options.leads() / run.hsDeliverySeconds) / (leads / hsSeconds)));
        if (failed.get() > 0) {
            run.notes.add("The naive baseline had " + failed.get() + " refused calls.");
        }
    }
}
