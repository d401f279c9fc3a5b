package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.overview.OverviewRange;
import io.leadsync.domain.overview.Series;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A bar chart as SVG markup, drawn on the server: no chart script, nothing from a CDN, and no inline style (the CSP
 * forbids it; colours come from the {@code s0..s5} classes in leadsync.css). Counts stack per bucket; levels (lag,
 * calls used so far) stand side by side. Every bar carries its figure in a {@code <title>} (a tooltip) and in
 * {@code data-count}, so what the admin hovers and what a test reads are the same number.
 */
final class SvgChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    /** Draws {@code series} over {@code buckets}; {@code stacked} adds them up per bucket, else side by side. */
    static String bars(String id, String title, OverviewRange range, List<Instant> buckets, List<Series> series,
                       boolean stacked, String unit) {
        int n = buckets.size();
        long highest = 1;
        for (int b = 0; b < n; b++) {
            long sum = 0;
            for (Series s : series) {
                long v = s.values()[b];
                sum = stacked ? sum + v : Math.max(sum, v);
            }
            highest = Math.max(highest, sum);
        }
        long top = niceCeiling(highest);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / n;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\" data-testid=\"")
                .append(id).append("\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        // Grid lines at 0, half and the top, labelled on the left.
        for (int g = 0; g <= 2; g++) {
            long value = top * g / 2;
            double y = TOP + plotHeight - plotHeight * g / 2;
            svg.append("<line class=\"grid-line\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(value).append("</text>");
        }
        int labelEvery = range == OverviewRange.DAY ? 6 : 5;
        for (int b = 0; b < n; b++) {
            double x = LEFT + slot * b;
            if ((n - 1 - b) % labelEvery == 0) {
                svg.append("<text class=\"axis\" x=\"").append(fmt(x + slot / 2)).append("\" y=\"")
                        .append(HEIGHT - 6).append("\" text-anchor=\"middle\"").append(hour(range, buckets.get(b)))
                        .append('>').append(label(range, buckets.get(b))).append("</text>");
            }
            double base = TOP + plotHeight;
            double barWidth = stacked || series.isEmpty() ? slot * 0.7 : slot * 0.8 / series.size();
            for (int i = 0; i < series.size(); i++) {
                long v = series.get(i).values()[b];
                if (v == 0) {
                    continue;
                }
                double h = Math.max(1, plotHeight * v / top);
                double bx = stacked ? x + slot * 0.15 : x + slot * 0.1 + barWidth * i;
                double by = stacked ? base - h : TOP + plotHeight - h;
                svg.append("<rect class=\"bar s").append(i % 6).append("\" x=\"").append(fmt(bx)).append("\" y=\"")
                        .append(fmt(by)).append("\" width=\"").append(fmt(barWidth)).append("\" height=\"")
                        .append(fmt(h)).append("\" data-series=\"").append(escape(series.get(i).key()))
                        .append("\" data-count=\"").append(v).append('"').append(hour(range, buckets.get(b)))
                        .append("><title>")
                        .append(escape(series.get(i).name() + ", " + longLabel(range, buckets.get(b)) + ": " + v
                                + " " + unit)).append("</title></rect>");
                if (stacked) {
                    base -= h;
                }
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** 2, 4, 10, 20, 40, 100...: an axis top at or above {@code value} whose half is a whole number too. */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long m : new long[] {2, 4, 10}) {
                if (step * m >= value) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /**
     * An hour's instant and its UTC text, for leadsync.js to show it in the browser's time zone (the server does not
     * know it). Days stay UTC days: the figures are summed by UTC day, and a relabelled day would not be the admin's.
     */
    private static String hour(OverviewRange range, Instant at) {
        return range == OverviewRange.DAY ? " data-hour=\"" + at + "\" data-hour-label=\""
                + escape(longLabel(range, at)) + "\"" : "";
    }

    private static String label(OverviewRange range, Instant at) {
        return range == OverviewRange.DAY ? HOUR.format(at) : DAY.format(at);
    }

    private static String longLabel(OverviewRange range, Instant at) {
        return range == OverviewRange.DAY ? DAY.format(at) + " " + HOUR.format(at) + " UTC" : DAY.format(at);
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
