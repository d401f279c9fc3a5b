package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.SignOnUseCase;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import java.util.Optional;

/**
 * Maps a provider-verified email to a local account. Only accounts an owner has already added sign on: a provider
 * vouching for an address does not make it a member of any workspace.
 */
public final class SignOnService implements SignOnUseCase {
    private final UserRepository users;

    public SignOnService(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<UserId> signOn(String verifiedEmail) {
        Optional<User> user;
        try {
            user = users.findByEmail(User.normaliseEmail(verifiedEmail));
        } catch (IllegalArgumentException notAnEmail) {
            return Optional.empty();
        }
        return user.filter(found -> !users.membershipsOf(found.id()).isEmpty()).map(User::id);
    }
}
