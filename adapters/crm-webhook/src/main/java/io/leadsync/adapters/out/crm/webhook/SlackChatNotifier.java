package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.AlertNotSentException;
import io.leadsync.application.port.out.ChatNotifier;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.LeadEndpoint;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Alerts to a Slack-compatible incoming webhook: {@code {"text": ...}} as JSON (Slack, Mattermost, Rocket.Chat and
 * Teams' Slack-compatible connectors take it). Sent through {@link EndpointHttp}, the client lead webhooks use, so an
 * alert URL obeys the same outbound rules: no redirects, the same timeout, and the outbound-address guard once it
 * sits in that client.
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
            answer = http.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(text))));
        } catch (CrmUnavailableException e) {
            throw new AlertNotSentException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AlertNotSentException("the chat webhook's address is not usable: " + e.getMessage());
        }
        if (answer.status() / 100 != 2) {
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
