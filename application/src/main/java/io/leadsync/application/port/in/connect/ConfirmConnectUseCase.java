package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;
import java.util.UUID;

/**
 * OAuth connects bound to the admin who started them (ADR 0045). A callback reaching the browser session that started
 * the connect completes it; any other callback (another browser, no session, a connect started with an API key)
 * connects nothing until a member of the connect's workspace who may change it confirms, in that same browser.
 */
public interface ConfirmConnectUseCase {
    /**
     * The CRM's callback as it reached a browser: its session ({@code browserSession}, if signed in) and a random
     * {@code browserNonce} the browser keeps in a cookie until it confirms.
     *
     * @throws ConnectFailedException when the callback cannot complete a connect, with the reason for the admin
     */
    CallbackOutcome receive(CompleteConnectCommand callback, Optional<UUID> browserSession, String browserNonce);

    /** The connect waiting for this browser's confirmation, for the confirmation page. */
    Optional<AwaitingConfirmation> awaiting(String state, String browserNonce);

    /**
     * The signed-in {@code user} confirms, in the browser the callback reached, that the connect's workspace receives
     * the CRM.
     *
     * @throws NotAllowedException when the user may not change that workspace
     * @throws ConnectFailedException when there is nothing (left) to confirm
     */
    CrmConnection confirm(String state, String browserNonce, UserId user);

    /**
     * What a callback came to: {@code connected}, or nothing connected yet and the browser must sign in and confirm
     * the connect of {@code confirmationNeeded} (its state).
     */
    record CallbackOutcome(Optional<CrmConnection> connected, Optional<String> confirmationNeeded) {
        public static CallbackOutcome connected(CrmConnection connection) {
            return new CallbackOutcome(Optional.of(connection), Optional.empty());
        }

        public static CallbackOutcome confirmationNeeded(String state) {
            return new CallbackOutcome(Optional.empty(), Optional.of(state));
        }

        @Override
        public String toString() {
            return "CallbackOutcome[" + connected.map(CrmConnection::id).map(String::valueOf)
                    .orElse("confirmation needed") + "]";
        }
    }

    /** A connect waiting for confirmation: which CRM, for which workspace, started by whom. */
    record AwaitingConfirmation(CrmKind kind, WorkspaceId workspaceId, String startedBy) {
    }
}
