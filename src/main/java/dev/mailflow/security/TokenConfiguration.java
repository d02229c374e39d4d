package dev.mailflow.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** Machine tokens and the cache of verified HTTP Basic credentials. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /**
     * No observation around each security filter of each request: wrapping the dozen filters costs
     * more than checking a token (seen in bench/exporter-vs-blackbox.sh profiles); the request as a
     * whole is still timed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserNames userNames(InMemoryUserDetailsManager users, JdbcClient jdbc, Clock clock) {
        return new UserNames(users, jdbc, clock);
    }

    @Bean
    MachineTokens machineTokens(TokenProperties properties, JdbcClient jdbc, UserNames users, Clock clock) {
        return new MachineTokens(properties, new TokenStore(jdbc), users, clock);
    }

    /**
     * The password check every sign-in uses (form and HTTP Basic), behind the cache. As Spring's
     * default would, it upgrades a stored password's encoding after a successful sign-in.
     */
    @Bean
    AuthenticationProvider passwordAuthentication(
            InMemoryUserDetailsManager users,
            ObjectProvider<PasswordEncoder> encoder,
            TokenProperties properties,
            Clock clock) {
        var dao = new DaoAuthenticationProvider(users);
        dao.setUserDetailsPasswordService(users);
        encoder.ifAvailable(dao::setPasswordEncoder);
        return new VerifiedCredentialsCache(dao, users, properties.basicCache(), clock);
    }
}
