package io.leadsync.application.port.in.administer;

/**
 * A login from the login page, throttled per account and per client address (ADR 0046): growing waits after a few
 * failures, then a temporary lockout. Failed and throttled attempts are audited. An unknown email is answered, and
 * takes as long, as a known one.
 */
public interface AttemptLogInUseCase {
    LogInOutcome attempt(LogInAttempt attempt);
}
