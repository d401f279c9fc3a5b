package io.leadsync.application.port.in.connect;

/** Starts an OAuth connect: a pending connect with fresh state and PKCE verifier, and the CRM's authorize URL. */
public interface StartConnectUseCase {
    StartedConnect start(StartConnectCommand command);
}
