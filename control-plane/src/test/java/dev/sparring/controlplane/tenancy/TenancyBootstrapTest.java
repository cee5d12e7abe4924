package dev.sparring.controlplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TenancyBootstrapTest {

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final TenancyBootstrap bootstrap = new TenancyBootstrap(jdbc, clock);
    private final ApiKeyRepository apiKeys = new ApiKeyRepository(jdbc, clock);

    @Test
    void firstStartGeneratesAnAdminKeyOnceAndLaterStartsChangeNothing() {
        BootstrapResult first = bootstrap.ensureDefaults(Optional.empty());
        BootstrapResult second = bootstrap.ensureDefaults(Optional.empty());

        assertThat(first.organisation().slug()).isEqualTo("default");
        assertThat(first.organisation().name()).isEqualTo("Default organisation");
        assertThat(first.admin().role()).isEqualTo(Role.ADMIN);
        assertThat(first.generatedApiKey()).isPresent();
        assertThat(first.toString()).doesNotContain(first.generatedApiKey().get());
        assertThat(apiKeys.authenticate(first.generatedApiKey().get()))
                .contains(new Principal(first.organisation().id(), first.admin().id(), Role.ADMIN));

        assertThat(second.generatedApiKey()).isEmpty();
        assertThat(second.organisation()).isEqualTo(first.organisation());
        assertThat(second.admin()).isEqualTo(first.admin());
        assertThat(apiKeys.list(first.organisation().id())).hasSize(1);
    }

    @Test
    void configuredKeyIsStoredAsAHashAndAuthenticatesTheAdmin() {
        String configured = "sk_configured_from_the_environment_0123456789";
        BootstrapResult first = bootstrap.ensureDefaults(Optional.of(configured));
        BootstrapResult again = bootstrap.ensureDefaults(Optional.of(configured));

        assertThat(first.generatedApiKey()).isEmpty();
        assertThat(again.admin()).isEqualTo(first.admin());
        assertThat(apiKeys.list(first.organisation().id())).hasSize(1);
        assertThat(apiKeys.authenticate(configured)).map(Principal::role).contains(Role.ADMIN);
    }
}
