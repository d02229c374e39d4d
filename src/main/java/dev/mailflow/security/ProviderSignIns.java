package dev.mailflow.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * A sign-in through an OIDC (or plain OAuth 2) provider, kept apart from the machine tokens' names:
 * a user whose name is a token's is refused (they would read the token's runs and start runs as
 * it), and every other name is remembered, so no token can be created with it later.
 *
 * @param <R> the provider's user request ({@code OidcUserRequest} for OIDC)
 * @param <U> the user it gives ({@code OidcUser} for OIDC)
 */
final class ProviderSignIns<R extends OAuth2UserRequest, U extends OAuth2User> implements OAuth2UserService<R, U> {

    private static final Logger log = LoggerFactory.getLogger(ProviderSignIns.class);

    private final OAuth2UserService<R, U> provider;
    private final ObjectProvider<MachineTokens> tokens;
    private final ObjectProvider<UserNames> names;

    ProviderSignIns(
            OAuth2UserService<R, U> provider, ObjectProvider<MachineTokens> tokens, ObjectProvider<UserNames> names) {
        this.provider = provider;
        this.tokens = tokens;
        this.names = names;
    }

    @Override
    public U loadUser(R request) {
        var user = provider.loadUser(request);
        var name = user.getName();
        var machineTokens = tokens.getIfAvailable();
        if (machineTokens != null && machineTokens.tokenName(name)) {
            log.warn("Sign-in through a provider refused: the name {} belongs to a machine token", name);
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("name_taken", "This name belongs to a machine token; ask an administrator.", null));
        }
        var userNames = names.getIfAvailable();
        if (userNames != null) {
            try {
                userNames.signedIn(name);
            } catch (DataAccessException e) {
                // The sign-in stands; the name is remembered at the next one.
                log.warn("could not remember the user {}: {}", name, e.getMessage());
            }
        }
        return user;
    }
}
