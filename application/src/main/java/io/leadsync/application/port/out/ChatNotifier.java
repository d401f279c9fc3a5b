package io.leadsync.application.port.out;

import java.net.URI;

/**
 * A message to a chat's incoming webhook (Slack-compatible: a JSON body with {@code text}). Outbound like a lead
 * webhook, so under the same rules about where it may point; {@link AlertNotSentException} when it did not land.
 */
public interface ChatNotifier {
    void post(URI webhook, String text);
}
