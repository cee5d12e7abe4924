package dev.sparring.controlplane.tenancy;

import java.util.Optional;

/**
 * What {@link TenancyBootstrap#ensureDefaults} found or created.
 *
 * @param generatedApiKey the admin key generated on this start (first start without SPARRING_API_KEY);
 *                        print it once, it cannot be recovered later
 */
public record BootstrapResult(Organisation organisation, User admin, Optional<String> generatedApiKey) {

    @Override
    public String toString() {
        return "BootstrapResult[organisation=" + organisation.slug() + ", admin=" + admin.email()
                + ", generatedApiKey=" + (generatedApiKey.isPresent() ? "(generated)" : "(none)") + "]";
    }
}
