package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.OverviewUseCase;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.overview.OverviewRange;
import io.leadsync.domain.overview.Series;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The landing page: leads captured and, per CRM, delivered, refused, the sync lag and the calls used, over the last
 * 24 hours by hour or the last 30 days by day, as SVG charts drawn here (ADR 0066).
 */
@Controller("/app/overview")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OverviewController {
    private final OverviewUseCase overview;
    private final ConnectionViews views;

    OverviewController(OverviewUseCase overview, ConnectionViews views) {
        this.overview = overview;
        this.views = views;
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String range) {
        WebContext context = WebContext.of(request);
        OverviewRange chosen = "30d".equals(range) ? OverviewRange.MONTH : OverviewRange.DAY;
        OverviewUseCase.Overview figures = overview.overview(context.workspaceId(), chosen);
        Map<String, Object> model = Pages.model(context, "overview", "Overview");
        boolean day = chosen == OverviewRange.DAY;
        model.put("range", day ? "24h" : "30d");
        model.put("rangeLabel", day ? "the last 24 hours, by hour" : "the last 30 days, by day");
        long delivered = figures.delivered().stream().mapToLong(Series::total).sum();
        long failed = figures.failed().stream().mapToLong(Series::total).sum();
        model.put("captured", figures.captured().total());
        model.put("delivered", delivered);
        model.put("failed", failed);
        long waiting = 0;
        List<Map<String, Object>> connections = new ArrayList<>();
        for (CrmConnection connection : views.authorised(context.workspaceId())) {
            if (connection.state() == io.leadsync.domain.crm.ConnectionState.DISCONNECTED) {
                continue;
            }
            Map<String, Object> summary = views.summary(connection);
            waiting += (Long) summary.get("waitingLeads");
            connections.add(summary);
        }
        model.put("waiting", waiting);
        model.put("connections", connections);
        List<Map<String, Object>> charts = new ArrayList<>();
        charts.add(chart("captured-chart", "Leads captured", "Leads your agents captured in LeadSync.", chosen,
                figures, List.of(figures.captured()), true, "leads"));
        charts.add(chart("delivered-chart", "Leads delivered per CRM",
                "Leads each CRM took (a record created or updated).", chosen, figures, figures.delivered(), true,
                "leads"));
        charts.add(chart("failed-chart", "Failures per CRM",
                "Attempts a CRM refused; each is retried, and kept on Errors if it keeps failing.", chosen, figures,
                figures.failed(), true, "failed attempts"));
        charts.add(chart("lag-chart", "Sync lag per CRM",
                "How long the oldest lead waiting for each CRM had waited, in minutes (the highest of each "
                        + (day ? "hour" : "day") + ").", chosen, figures, figures.lagMinutes(), false, "minutes"));
        charts.add(chart("budget-chart", "API calls per CRM",
                day ? "Calls used so far that day against each connection's daily budget (budgets reset at 00:00 UTC)."
                        : "Calls each connection used per day.", chosen, figures, figures.callsUsed(), false,
                "calls"));
        model.put("charts", charts);
        return Pages.render("overview", model);
    }

    private static Map<String, Object> chart(String id, String title, String explanation, OverviewRange range,
                                             OverviewUseCase.Overview figures, List<Series> series, boolean stacked,
                                             String unit) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("id", id);
        chart.put("title", title);
        chart.put("explanation", explanation);
        chart.put("svg", SvgChart.bars(id, title, range, figures.buckets(), series, stacked, unit));
        List<Map<String, Object>> legend = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            legend.add(Map.of("name", s.name(), "swatch", "swatch s" + (i % 6), "key", s.key(),
                    "figure", stacked ? s.total() + " " + unit : "highest " + s.highest() + " " + unit));
        }
        chart.put("legend", legend);
        chart.put("empty", series.stream().allMatch(s -> s.highest() == 0));
        return chart;
    }
}
