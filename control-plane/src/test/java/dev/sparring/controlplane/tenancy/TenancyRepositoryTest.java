package dev.sparring.controlplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TenancyRepositoryTest {

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final OrganisationRepository organisations = new OrganisationRepository(jdbc, clock);
    private final UserRepository users = new UserRepository(jdbc, clock);
    private final ApiKeyRepository apiKeys = new ApiKeyRepository(jdbc, clock);

    private Organisation acme;
    private Organisation globex;

    @BeforeEach
    void organisations() {
        acme = organisations.create("acme", "Acme Lending");
        globex = organisations.create("globex", "Globex");
    }

    @Test
    void createdKeyAuthenticatesAsItsUserAndOnlyItsHashIsStored() {
        User coach = users.create(acme.id(), NewUser.of("coach@acme.test", "Casey", Role.COACH));
        CreatedApiKey created = apiKeys.create(acme.id(), coach.id(), "ci");

        assertThat(created.plaintext()).startsWith("sk_").hasSize(3 + 43);
        assertThat(created.key().prefix()).isEqualTo(created.plaintext().substring(0, 11));
        assertThat(created.toString()).doesNotContain(created.plaintext());
        assertThat(apiKeys.authenticate(created.plaintext()))
                .contains(new Principal(acme.id(), coach.id(), Role.COACH));
        assertThat(jdbc.queryOne("SELECT key_hash = sha256(convert_to(?, 'UTF8')) FROM api_keys",
                row -> row.getBoolean(1), created.plaintext())).contains(true);
        assertThat(jdbc.queryOne("SELECT row_to_json(k)::text FROM api_keys k", row -> row.getString(1)))
                .hasValueSatisfying(row -> assertThat(row).doesNotContain(created.plaintext().substring(11)));
    }

    @Test
    void unknownAndRevokedKeysDoNotAuthenticateAndUseIsRecorded() {
        User rep = users.create(acme.id(), NewUser.of("rep@acme.test", "Robin", Role.REP));
        CreatedApiKey created = apiKeys.create(acme.id(), rep.id(), "laptop");
        clock.advance(Duration.ofMinutes(5));

        assertThat(apiKeys.authenticate(created.plaintext())).isPresent();
        assertThat(apiKeys.list(acme.id()).getFirst().lastUsedAt()).contains(clock.instant());
        assertThat(apiKeys.authenticate("sk_not-a-real-key")).isEmpty();

        assertThat(apiKeys.revoke(globex.id(), created.key().id())).as("another org cannot revoke it").isFalse();
        assertThat(apiKeys.revoke(acme.id(), created.key().id())).isTrue();
        assertThat(apiKeys.authenticate(created.plaintext())).isEmpty();
    }

    @Test
    void keysAndUsersAreInvisibleToOtherOrganisations() {
        User rep = users.create(acme.id(), NewUser.of("rep@acme.test", "Robin", Role.REP).withPhone("+15550100"));
        apiKeys.create(acme.id(), rep.id(), "laptop");

        assertThat(users.find(globex.id(), rep.id())).isEmpty();
        assertThat(users.findByPhone(globex.id(), "+15550100")).isEmpty();
        assertThat(users.findByPhone(acme.id(), "+15550100")).contains(rep);
        assertThat(apiKeys.list(globex.id())).isEmpty();
        assertThatThrownBy(() -> apiKeys.create(globex.id(), rep.id(), "cross-tenant"))
                .as("a key of one org cannot act as another org's user")
                .hasMessageContaining("23503");
    }

    @Test
    void importedKeyIsIdempotentAndMustBeLongEnough() {
        User admin = users.create(acme.id(), NewUser.of("admin@acme.test", "Ada", Role.ADMIN));
        String key = "imported-key-" + UUID.randomUUID();

        assertThat(apiKeys.importKey(acme.id(), admin.id(), "env", key)).isPresent();
        assertThat(apiKeys.importKey(acme.id(), admin.id(), "env", key)).isPresent();
        assertThat(apiKeys.list(acme.id())).hasSize(1);
        assertThat(apiKeys.list(acme.id()).getFirst().prefix()).hasSizeLessThanOrEqualTo(key.length() / 3);
        assertThat(apiKeys.authenticate(key)).contains(new Principal(acme.id(), admin.id(), Role.ADMIN));
        assertThatThrownBy(() -> apiKeys.importKey(acme.id(), admin.id(), "env", "short"))
                .isInstanceOf(TenancyException.class).hasMessageContaining("at least 24");
    }

    @Test
    void ensureIsIdempotentBySlug() {
        Organisation first = organisations.ensure("default", "Default organisation");
        Organisation second = organisations.ensure("default", "Renamed elsewhere");
        assertThat(second).isEqualTo(first);
        assertThat(organisations.findBySlug("default")).contains(first);
    }
}
