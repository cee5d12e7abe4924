package dev.sparring.controlplane.tenancy;

import dev.sparring.controlplane.db.Jdbc;
import java.time.Clock;
import java.util.Optional;

/**
 * First-start setup, safe to run on every start: the default organisation, its admin user and an admin
 * API key. Stateless; called once by the control plane's startup thread.
 */
public final class TenancyBootstrap {

    public static final String DEFAULT_ORG_SLUG = "default";
    public static final String DEFAULT_ORG_NAME = "Default organisation";
    public static final String ADMIN_EMAIL = "admin@sparring.local";
    public static final String BOOTSTRAP_KEY_NAME = "bootstrap";

    private final Jdbc jdbc;
    private final OrganisationRepository organisations;
    private final UserRepository users;
    private final ApiKeyRepository apiKeys;

    public TenancyBootstrap(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = new OrganisationRepository(jdbc, clock);
        this.users = new UserRepository(jdbc, clock);
        this.apiKeys = new ApiKeyRepository(jdbc, clock);
    }

    /**
     * Ensures the defaults exist. With {@code configuredApiKey} (SPARRING_API_KEY) its hash is stored for the
     * admin; without it a key is generated the first time only and returned so the caller can print it once.
     */
    public BootstrapResult ensureDefaults(Optional<String> configuredApiKey) {
        return jdbc.inTransaction(connection -> {
            Organisation organisation = organisations.ensure(DEFAULT_ORG_SLUG, DEFAULT_ORG_NAME);
            User admin = users.findByEmail(organisation.id(), ADMIN_EMAIL).orElseGet(() -> users.create(
                    organisation.id(), NewUser.of(ADMIN_EMAIL, "Administrator", Role.ADMIN)));
            if (configuredApiKey.isPresent()) {
                apiKeys.importKey(organisation.id(), admin.id(), BOOTSTRAP_KEY_NAME, configuredApiKey.get())
                        .orElseThrow(() -> new TenancyException(
                                "SPARRING_API_KEY is already registered to another user"));
                return new BootstrapResult(organisation, admin, Optional.empty());
            }
            boolean hasKey = apiKeys.listForUser(organisation.id(), admin.id()).stream()
                    .anyMatch(key -> key.name().equals(BOOTSTRAP_KEY_NAME) && key.revokedAt().isEmpty());
            Optional<String> generated = hasKey ? Optional.empty()
                    : Optional.of(apiKeys.create(organisation.id(), admin.id(), BOOTSTRAP_KEY_NAME).plaintext());
            return new BootstrapResult(organisation, admin, generated);
        });
    }
}
