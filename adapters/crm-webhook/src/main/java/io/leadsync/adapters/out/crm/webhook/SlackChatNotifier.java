package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.AlertNotSentException;
import io.leadsync.application.port.out.ChatNotifier;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DestinationRefusedException;
import io.leadsync.application.port.out.LeadEndpoint;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Alerts to a Slack-compatible incoming webhook: {@code {"text": ...}} as JSON (Slack, Mattermost, Rocket.Chat and
 * Teams' Slack-compatible connectors take it). An admin chose the URL, so it goes through
 * {@link EndpointHttp#sendToCustomer}, like a lead webhook: only to addresses the outbound policy permits (ADR 0042),
 * checked on the resolved address, no redirects, the same timeout.
 */
@Singleton
final class SlackChatNotifier implements ChatNotifier {
    private final EndpointHttp http;

    SlackChatNotifier(EndpointHttp http) {
        this.http = http;
    }

    @Override
    public void post(URI webhook, String text) {
        LeadEndpoint.Answer answer;
        try {
            answer = http.sendToCustomer(new Http11Exchange.Request(webhook,
                    Map.of("Content-Type", "application/json"), body(text).getBytes(StandardCharsets.UTF_8)));
        } catch (DestinationRefusedException e) {
            throw new AlertNotSentException("the chat webhook's address is refused: " + e.getMessage());
        } catch (CrmUnavailableException e) {
            throw new AlertNotSentException(e.getMessage());
        }
        if (!answer.accepted()) {
            // The host only: the URL's path is the webhook's secret.
            throw new AlertNotSentException(webhook.getHost() + " answered HTTP " + answer.status() + ": "
                    + answer.bodyExcerpt());
        }
    }

    static String body(String text) {
        StringBuilder json = new StringBuilder("{\"text\":\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append("\"}").toString();
    }
}
