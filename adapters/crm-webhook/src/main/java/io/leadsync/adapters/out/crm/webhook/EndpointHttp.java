package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.LeadEndpoint;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The JDK HTTP client (ADR 0012) shared by both endpoints. Only the start of an answer's body is read: it is kept as
 * the failure's reason, and a receiver's error page can be large. Redirects are not followed: a webhook that moved
 * must be changed by the admin, not followed with the lead and its credentials.
 */
@Singleton
final class EndpointHttp {
    private static final int READ_AT_MOST = 4 * LeadEndpoint.Answer.EXCERPT;

    private final HttpClient client;
    private final EndpointHttpSettings settings;

    EndpointHttp(EndpointHttpSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    EndpointHttpSettings settings() {
        return settings;
    }

    LeadEndpoint.Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(settings.timeout()).header("User-Agent", "LeadSync").build();
        try {
            HttpResponse<InputStream> response = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] start = body.readNBytes(READ_AT_MOST);
                return new LeadEndpoint.Answer(response.statusCode(), new String(start, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The host only: the URL's query may carry a receiver's key.
            throw new CrmUnavailableException(built.uri().getHost() + " did not answer: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while sending to " + built.uri().getHost());
        }
    }
}
