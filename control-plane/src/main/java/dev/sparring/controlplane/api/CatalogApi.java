package dev.sparring.controlplane.api;

import dev.sparring.controlplane.catalog.Persona;
import dev.sparring.controlplane.catalog.PersonaRepository;
import dev.sparring.controlplane.catalog.Scenario;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.http.Reply;
import java.util.Map;

/** {@code /api/personas} and {@code /api/scenarios}: the organisation's catalog, read-only. */
public final class CatalogApi {
    private final PersonaRepository personas;
    private final ScenarioRepository scenarios;

    public CatalogApi(PersonaRepository personas, ScenarioRepository scenarios) {
        this.personas = personas;
        this.scenarios = scenarios;
    }

    public Reply listPersonas(Exchange exchange) {
        var org = Auth.principal(exchange).orgId();
        return Reply.json(200, Map.of("personas", personas.list(org).stream().map(Persona::toDocument).toList()));
    }

    public Reply persona(Exchange exchange) {
        var org = Auth.principal(exchange).orgId();
        String id = exchange.pathParam("id");
        return Reply.json(200, personas.find(org, id).map(Persona::toDocument)
                .orElseThrow(() -> ProblemException.notFound("no persona '" + id + "'")));
    }

    public Reply listScenarios(Exchange exchange) {
        var org = Auth.principal(exchange).orgId();
        return Reply.json(200, Map.of("scenarios", scenarios.list(org).stream().map(Scenario::toDocument).toList()));
    }

    public Reply scenario(Exchange exchange) {
        var org = Auth.principal(exchange).orgId();
        String id = exchange.pathParam("id");
        return Reply.json(200, scenarios.find(org, id).map(Scenario::toDocument)
                .orElseThrow(() -> ProblemException.notFound("no scenario '" + id + "'")));
    }
}
