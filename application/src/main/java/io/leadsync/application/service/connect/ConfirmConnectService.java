package io.leadsync.application.service.connect;

import io.leadsync.application.port.in.connect.CompleteConnectCommand;
import io.leadsync.application.port.in.connect.CompleteConnectUseCase;
import io.leadsync.application.port.in.connect.ConfirmConnectUseCase;
import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.UserId;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Binds OAuth connects to the admin who started them (ADR 0045). The authorization code of a callback that did not
 * reach the starting session is kept (encrypted) with the pending connect, together with the hash of a nonce only the
 * receiving browser holds: so the code can be redeemed only in that browser, by a member of the connect's workspace
 * who may change it. An attacker who started a connect and lured an admin into approving it therefore gets nothing:
 * the code waits in the admin's browser, for a workspace the admin does not belong to.
 */
public final class ConfirmConnectService implements ConfirmConnectUseCase {
    private final CompleteConnectUseCase complete;
    private final PendingConnectRepository pending;
    private final UserRepository users;
    private final Clock clock;

    public ConfirmConnectService(CompleteConnectUseCase complete, PendingConnectRepository pending,
                                 UserRepository users, Clock clock) {
        this.complete = complete;
        this.pending = pending;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public CallbackOutcome receive(CompleteConnectCommand callback, Optional<UUID> browserSession,
                                   String browserNonce) {
        Optional<PendingConnect> connect = pending.find(callback.state());
        Optional<String> code = callback.code().filter(value -> !value.isBlank());
        boolean sameSession = connect.flatMap(PendingConnect::startedInSession)
                .filter(started -> browserSession.filter(started::equals).isPresent()).isPresent();
        // A refusal, a missing code, an unknown state or the starting session itself: the usual completion (which
        // records a refusal, or explains what is wrong).
        if (connect.isEmpty() || code.isEmpty() || callback.error().isPresent() || sameSession) {
            return CallbackOutcome.connected(complete.complete(callback));
        }
        if (connect.get().expiredAt(clock.instant())) {
            return CallbackOutcome.connected(complete.complete(callback));
        }
        if (!pending.awaitConfirmation(callback.state(), code.get(), AdminSession.hashOf(browserNonce))) {
            throw new ConnectFailedException("This connect link was already used; start the connect again.", true);
        }
        return CallbackOutcome.confirmationNeeded(callback.state());
    }

    @Override
    public Optional<AwaitingConfirmation> awaiting(String state, String browserNonce) {
        return awaitingIn(state, browserNonce).map(found -> new AwaitingConfirmation(found.connect().kind(),
                found.connect().workspaceId(), found.connect().startedBy()));
    }

    @Override
    public CrmConnection confirm(String state, String browserNonce, UserId user) {
        PendingConnectRepository.Awaiting found = awaitingIn(state, browserNonce).orElseThrow(() ->
                new ConnectFailedException("There is no connect waiting for this browser's confirmation: it was "
                        + "confirmed already, took longer than " + PendingConnect.LIFETIME.toMinutes()
                        + " minutes, or came back to another browser. Start the connect again.", true));
        boolean mayChange = users.membershipsOf(user).stream().anyMatch(membership ->
                membership.workspaceId().equals(found.connect().workspaceId()) && membership.role().mayChange());
        if (!mayChange) {
            throw new NotAllowedException("This connect was started in a workspace where you may not connect CRMs. "
                    + "Nothing was connected.");
        }
        return complete.complete(new CompleteConnectCommand(state, Optional.of(found.code()), Optional.empty(),
                Optional.empty()));
    }

    private Optional<PendingConnectRepository.Awaiting> awaitingIn(String state, String browserNonce) {
        if (state == null || browserNonce == null || browserNonce.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = AdminSession.hashOf(browserNonce).getBytes(StandardCharsets.US_ASCII);
        return pending.findAwaiting(state)
                .filter(found -> !found.connect().expiredAt(clock.instant()))
                .filter(found -> MessageDigest.isEqual(presented,
                        found.browserHash().getBytes(StandardCharsets.US_ASCII)));
    }
}
