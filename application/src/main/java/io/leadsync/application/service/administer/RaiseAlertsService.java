package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.administer.RaiseAlertsUseCase;
import io.leadsync.application.port.out.AlertNotSentException;
import io.leadsync.application.port.out.ChatNotifier;
import io.leadsync.application.port.out.Mailer;
import io.leadsync.application.port.out.AlertSettingsStore;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.IncidentLog;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.health.AlertDecision;
import io.leadsync.domain.health.AlertSettings;
import io.leadsync.domain.health.ConnectionHealth;
import io.leadsync.domain.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns health into alerts. For each workspace with someone to tell, each connection's health is weighed by the
 * domain ({@link AlertDecision}); the incident log makes sure one node, once, sends the alert of an incident and its
 * recovery. A channel that fails is recorded in the audit; the incident stays open, so no second alert follows.
 */
public final class RaiseAlertsService implements RaiseAlertsUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(RaiseAlertsService.class);

    private final WorkspaceRepository workspaces;
    private final CrmConnectionRepository connections;
    private final ConnectionHealthUseCase health;
    private final AlertSettingsStore settings;
    private final IncidentLog incidents;
    private final Mailer mailer;
    private final ChatNotifier chat;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public RaiseAlertsService(WorkspaceRepository workspaces, CrmConnectionRepository connections,
                              ConnectionHealthUseCase health, AlertSettingsStore settings, IncidentLog incidents,
                              Mailer mailer, ChatNotifier chat, AuditLog audit, IdGenerator ids, Clock clock) {
        this.workspaces = workspaces;
        this.connections = connections;
        this.health = health;
        this.settings = settings;
        this.incidents = incidents;
        this.mailer = mailer;
        this.chat = chat;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public int raise() {
        int sent = 0;
        for (Workspace workspace : workspaces.all()) {
            AlertSettings alerts = settings.find(workspace.id());
            if (!alerts.anyone()) {
                // Nobody to tell: no incident is opened, so setting alerts up during trouble reports it at once.
                continue;
            }
            Set<ConnectionId> open = incidents.open(workspace.id());
            for (Map.Entry<ConnectionId, ConnectionHealthUseCase.Report> entry
                    : health.health(workspace.id()).entrySet()) {
                ConnectionHealth current = entry.getValue().health();
                AlertDecision decision = AlertDecision.decide(current, open.contains(entry.getKey()), alerts);
                Instant now = clock.instant();
                if (decision instanceof AlertDecision.Raise raise
                        && incidents.open(workspace.id(), entry.getKey(), now, raise.trigger())) {
                    CrmConnection connection = connections.find(workspace.id(), entry.getKey()).orElseThrow();
                    String name = name(connection);
                    tell(workspace, connection, alerts, "[LeadSync] " + name + " " + raise.trigger(),
                            name + " in the workspace \"" + workspace.name() + "\" " + raise.trigger() + ".\n\n"
                                    + current.reason() + "\n\nFailed leads: " + current.failedLeads()
                                    + ". Waiting leads: " + current.waitingLeads() + ".\n\nYou get one message "
                                    + "per incident, and another when the connection is healthy again.");
                    sent++;
                } else if (decision instanceof AlertDecision.Recover recover
                        && incidents.close(workspace.id(), entry.getKey(), now) && recover.tell()) {
                    CrmConnection connection = connections.find(workspace.id(), entry.getKey()).orElseThrow();
                    String name = name(connection);
                    tell(workspace, connection, alerts, "[LeadSync] Recovered: " + name + " syncs again",
                            name + " in the workspace \"" + workspace.name() + "\" is healthy again.\n\n"
                                    + current.reason());
                    sent++;
                }
            }
        }
        return sent;
    }

    private void tell(Workspace workspace, CrmConnection connection, AlertSettings alerts, String subject,
                      String text) {
        List<String> outcomes = new ArrayList<>();
        if (!alerts.emails().isEmpty()) {
            try {
                mailer.send(alerts.emails(), subject, text);
                outcomes.add("e-mailed to " + alerts.emails().size() + " recipient(s)");
            } catch (AlertNotSentException e) {
                outcomes.add("e-mail NOT sent: " + e.getMessage());
            }
        }
        if (alerts.chatWebhook().isPresent()) {
            try {
                chat.post(alerts.chatWebhook().get(), "*" + subject + "*\n" + text);
                outcomes.add("posted to the chat webhook at " + alerts.chatWebhook().get().getHost());
            } catch (AlertNotSentException e) {
                outcomes.add("chat message NOT sent: " + e.getMessage());
            }
        }
        String detail = subject + ": " + String.join("; ", outcomes);
        LOG.info("Alert for connection {}: {}", connection.id().value(), detail);
        audit.record(new AuditEntry(ids.newId(), workspace.id(), clock.instant(), "alerts", "alert.sent",
                Optional.empty(), Optional.of(connection.id().value()), detail));
    }

    private static String name(CrmConnection connection) {
        String kind = switch (connection.kind()) {
            case SALESFORCE -> "Salesforce";
            case HUBSPOT -> "HubSpot";
            case SALESFORCE_WEB_TO_LEAD -> "Salesforce Web-to-Lead";
            case WEBHOOK -> "The webhook";
            case SALESFORCE_ENDPOINT -> "The Salesforce endpoint";
        };
        return connection.kind() == CrmKind.WEBHOOK ? kind : kind + connection.identity()
                .map(identity -> " (" + identity.orgName() + ")").orElse("");
    }
}
