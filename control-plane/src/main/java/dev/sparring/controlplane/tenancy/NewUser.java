package dev.sparring.controlplane.tenancy;

import java.util.Objects;
import java.util.Optional;

/** What is needed to add a member to an organisation. */
public record NewUser(String email, String displayName, Role role, Optional<String> phone,
                      Optional<String> preferredScenarioId) {

    public NewUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(preferredScenarioId, "preferredScenarioId");
        if (email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank");
        }
    }

    public static NewUser of(String email, String displayName, Role role) {
        return new NewUser(email, displayName, role, Optional.empty(), Optional.empty());
    }

    public NewUser withPhone(String number) {
        return new NewUser(email, displayName, role, Optional.of(number), preferredScenarioId);
    }
}
