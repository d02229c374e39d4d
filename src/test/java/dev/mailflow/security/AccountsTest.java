package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

@ExtendWith(OutputCaptureExtension.class)
class AccountsTest {

    private static final AccountProperties NONE =
            new AccountProperties(List.of(), new AccountProperties.Oidc("roles", List.of(Role.OPERATOR)));

    @Test
    void withoutConfiguredUsersBootsUserSignsInWithAGeneratedPasswordPrintedAtStartup(CapturedOutput output) {
        var boot = new SecurityProperties();
        boot.getUser().setRoles(List.of("OPERATOR", "nonsense"));

        var users = Accounts.from(NONE, boot);

        var password = boot.getUser().getPassword();
        assertThat(output.getOut()).contains("Using generated security password: " + password);
        var user = users.loadUserByUsername("user");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(password, user.getPassword()))
                .isTrue();
        assertThat(user.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OPERATOR");
    }

    @Test
    void aSetPasswordIsNotPrinted(CapturedOutput output) {
        var boot = new SecurityProperties();
        boot.getUser().setName("ops");
        boot.getUser().setPassword("s3cret-set-by-env");

        var users = Accounts.from(NONE, boot);

        assertThat(output.getOut()).doesNotContain("s3cret-set-by-env").doesNotContain("generated security password");
        assertThat(users.userExists("ops")).isTrue();
    }

    @Test
    void configuredUsersReplaceBootsUser() {
        var hash = "{bcrypt}$2a$04$KHoGjKjGQb5mWdSu0CiuAO3x3kXPeplS1d4ybWXpBHkQp/S4EL6tC";
        var accounts = new AccountProperties(
                List.of(new AccountProperties.User("kate", hash, List.of(Role.SENDER, Role.VIEWER))), NONE.oidc());

        var users = Accounts.from(accounts, new SecurityProperties());

        assertThat(users.userExists("user")).isFalse();
        assertThat(users.loadUserByUsername("kate").getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_SENDER", "ROLE_VIEWER");
    }

    @Test
    void rolesBindInAnyCase() {
        var source = new MapConfigurationPropertySource(java.util.Map.of(
                "mailflow.security.users[0].name", "kate",
                "mailflow.security.users[0].password", "{bcrypt}x",
                "mailflow.security.users[0].roles", "sender,admin",
                "mailflow.security.oidc.roles-claim", "groups"));
        var bound = new Binder(source)
                .bind("mailflow.security", AccountProperties.class)
                .get();

        assertThat(bound.users().getFirst().roles()).containsExactly(Role.SENDER, Role.ADMIN);
        assertThat(bound.oidc().rolesClaim()).isEqualTo("groups");
        assertThat(bound.oidc().defaultRoles()).containsExactly(Role.OPERATOR);
    }
}
