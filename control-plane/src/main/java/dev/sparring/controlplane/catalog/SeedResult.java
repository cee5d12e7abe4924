package dev.sparring.controlplane.catalog;

/**
 * What one seeding run did.
 *
 * @param personasRead      persona files read
 * @param scenariosRead     scenario files read
 * @param personasChanged   personas inserted or updated (0 when the database already matched the files)
 * @param scenariosChanged  scenarios inserted or updated
 */
public record SeedResult(int personasRead, int scenariosRead, int personasChanged, int scenariosChanged) {
}
