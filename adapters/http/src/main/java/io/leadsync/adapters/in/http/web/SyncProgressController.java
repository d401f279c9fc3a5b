package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.GetSyncProgressUseCase;
import io.leadsync.application.port.in.SyncProgress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live counts of a running "Sync now", read by the connection page about once a second while its request is out
 * (leadsync.js): sent, skipped, failed and waiting of the workspace's leads, from the shared queue, so any node answers.
 */
@Controller("/app/connections/{connectionId}/sync/progress")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SyncProgressController {
    private final ConnectionPage page;
    private final GetSyncProgressUseCase progress;

    SyncProgressController(ConnectionPage page, GetSyncProgressUseCase progress) {
        this.page = page;
        this.progress = progress;
    }

    @Get
    HttpResponse<?> progress(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            SyncProgress now = progress.progress(new GetSyncProgressUseCase.SyncProgressQuery(context.workspaceId(),
                    connection.id()));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("progress", view(now));
            return Pages.render("sync-progress", model);
        });
    }

    static Map<String, Object> view(SyncProgress progress) {
        Map<String, Object> view = new LinkedHashMap<>();
        long done = progress.delivered() + progress.skipped() + progress.failed();
        view.put("running", progress.running());
        view.put("leads", progress.leads());
        view.put("done", Math.min(done, progress.leads()));
        view.put("sent", progress.delivered());
        view.put("skipped", progress.skipped());
        view.put("failed", progress.failed());
        view.put("waiting", progress.waiting());
        view.put("summary", summary(progress));
        view.put("trouble", progress.skipped() > 0 || progress.failed() > 0);
        return view;
    }

    /** "3 of 40 leads done: 2 sent, 1 skipped, 0 failed; 37 waiting, 4 CRM calls so far." */
    static String summary(SyncProgress progress) {
        long done = progress.delivered() + progress.skipped() + progress.failed();
        return Math.min(done, progress.leads()) + " of " + progress.leads()
                + (progress.leads() == 1 ? " lead done: " : " leads done: ") + progress.delivered() + " sent, "
                + progress.skipped() + " skipped, " + progress.failed() + " failed; " + progress.waiting()
                + " waiting, " + progress.crmCalls() + (progress.crmCalls() == 1 ? " CRM call" : " CRM calls")
                + " so far.";
    }
}
