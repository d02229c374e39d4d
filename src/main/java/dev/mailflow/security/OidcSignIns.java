package dev.mailflow.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An OIDC sign-in, kept apart from the machine tokens' names: a user whose name is a token's is
 * refused (they would read the token's runs and start runs as it), and every other name is
 * remembered, so no token can be created with it later.
 */
final class OidcSignIns implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIns.class);

    private final OAuth2UserService<OidcUserRequest, OidcUser> provider;
    private final ObjectProvider<MachineTokens> tokens;
    private final ObjectProvider<UserNames> names;

    OidcSignIns(
            OAuth2UserService<OidcUserRequest, OidcUser> provider,
            ObjectProvider<MachineTokens> tokens,
            ObjectProvider<UserNames> names) {
        this.provider = provider;
        this.tokens = tokens;
        this.names = names;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        var user = provider.loadUser(request);
        var name = user.getName();
        var machineTokens = tokens.getIfAvailable();
        if (machineTokens != null && machineTokens.tokenName(name)) {
            log.warn("OIDC sign-in refused: the name {} belongs to a machine token", name);
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("name_taken", "This name belongs to a machine token; ask an administrator.", null));
        }
        var userNames = names.getIfAvailable();
        if (userNames != null) {
            try {
                userNames.signedIn(name);
            } catch (DataAccessException e) {
                // The sign-in stands; the name is remembered at the next one.
                log.warn("could not remember the OIDC user {}: {}", name, e.getMessage());
            }
        }
        return user;
    }
}
