package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.AttemptLogInUseCase;
import io.leadsync.application.port.in.administer.LogInAttempt;
import io.leadsync.application.port.in.administer.LogInCommand;
import io.leadsync.application.port.in.administer.LogInOutcome;
import io.leadsync.application.port.in.administer.LogInUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LoginAttempts;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.LoginThrottle;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Throttles logins per account and per client address (ADR 0046). The account is the typed email, whether or not it
 * has an account, so the throttle answers the same for both. A throttled attempt checks no password. Every failure
 * and throttled attempt is logged, and audited in the workspaces of the account it named, if any.
 */
public final class AttemptLogInService implements AttemptLogInUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLogInService.class);
    private static final int MAX_SUBJECT = 300;

    private final LogInUseCase passwords;
    private final LoginAttempts attempts;
    private final UserRepository users;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final LoginThrottle perAccount;
    private final LoginThrottle perAddress;

    public AttemptLogInService(LogInUseCase passwords, LoginAttempts attempts, UserRepository users, AuditLog audit,
                               IdGenerator ids, Clock clock, LoginThrottle perAccount, LoginThrottle perAddress) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.users = users;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    @Override
    public LogInOutcome attempt(LogInAttempt attempt) {
        String email = attempt.email() == null ? "" : attempt.email().strip().toLowerCase(Locale.ROOT);
        String account = clip("account:" + email);
        String address = clip("address:" + attempt.clientAddress());
        Instant now = clock.instant();
        Optional<Instant> blocked = later(blockedUntil(account, perAccount, now), blockedUntil(address, perAddress, now));
        if (blocked.isPresent()) {
            Duration wait = Duration.between(now, blocked.get());
            record(email, "login.throttled", "login refused without checking the password: too many failed attempts"
                    + " (from " + attempt.clientAddress() + "); next attempt in " + wait.toSeconds() + " s", now);
            return LogInOutcome.throttled(wait);
        }
        Optional<UserId> user = passwords.logIn(new LogInCommand(attempt.email(), attempt.password()));
        if (user.isPresent()) {
            attempts.clear(account);
            return LogInOutcome.signedIn(user.get());
        }
        Instant failedAt = clock.instant();
        LoginAttempts.Failures accountFailures = attempts.recordFailure(account, failedAt,
                failedAt.minus(perAccount.lockout()));
        attempts.recordFailure(address, failedAt, failedAt.minus(perAddress.lockout()));
        record(email, "login.failed", "wrong email or password from " + attempt.clientAddress() + " ("
                + accountFailures.count() + " failed in a row)", failedAt);
        return LogInOutcome.refused();
    }

    private Optional<Instant> blockedUntil(String subject, LoginThrottle throttle, Instant now) {
        return attempts.find(subject).filter(failures -> !throttle.forgotten(failures.lastFailureAt(), now))
                .flatMap(failures -> throttle.blockedUntil(failures.count(), failures.lastFailureAt(), now));
    }

    private static Optional<Instant> later(Optional<Instant> one, Optional<Instant> other) {
        if (one.isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return one;
        }
        return Optional.of(one.get().isAfter(other.get()) ? one.get() : other.get());
    }

    private void record(String email, String action, String detail, Instant now) {
        LOG.warn("{} for {}: {}", action, clip(email), detail);
        Optional<User> user;
        try {
            user = users.findByEmail(User.normaliseEmail(email));
        } catch (IllegalArgumentException notAnEmail) {
            user = Optional.empty();
        }
        user.ifPresent(found -> {
            for (Membership membership : users.membershipsOf(found.id())) {
                audit.record(new AuditEntry(ids.newId(), membership.workspaceId(), now, "user:" + found.email(),
                        action, Optional.empty(), Optional.empty(), detail));
            }
        });
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX_SUBJECT ? printable.substring(0, MAX_SUBJECT) : printable;
    }
}
