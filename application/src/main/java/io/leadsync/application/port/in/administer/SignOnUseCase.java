package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;
import java.util.Optional;

/** Single sign-on: an email the identity provider has verified names an existing local user (no self sign-up). */
public interface SignOnUseCase {
    /** @return the user with that email, when they belong to at least one workspace; empty otherwise */
    Optional<UserId> signOn(String verifiedEmail);
}
