package dev.sparring.controlplane.twilio;

import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.NewCall;
import dev.sparring.controlplane.catalog.DialledNumber;
import dev.sparring.controlplane.catalog.DialledNumberRepository;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.http.Endpoint;
import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.http.Reply;
import dev.sparring.controlplane.session.CallLauncher;
import dev.sparring.controlplane.session.SessionToken;
import dev.sparring.controlplane.session.SessionTokens;
import dev.sparring.controlplane.tenancy.User;
import dev.sparring.controlplane.tenancy.UserRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/voice}: Twilio asks what to do with an incoming call. Maps the caller to a rep
 * (or a guest) and the call to a scenario — the dialled number's scenario, else the rep's assigned
 * one, else the default — creates the call and answers TwiML that connects a bidirectional Media
 * Stream to the media server, with the session token as a stream parameter. A retried webhook for
 * the same CallSid reuses its call. Stateless; runs on Jetty worker threads.
 */
public final class VoiceWebhook implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(VoiceWebhook.class);

    private final TwilioGate gate;
    private final UUID defaultOrgId;
    private final String defaultScenario;
    private final DialledNumberRepository numbers;
    private final UserRepository users;
    private final ScenarioRepository scenarios;
    private final CallRepository calls;
    private final CallLauncher launcher;
    private final SessionTokens tokens;
    private final String statusCallbackUrl;
    private final Counter answered;

    public VoiceWebhook(TwilioGate gate, UUID defaultOrgId, String defaultScenario, DialledNumberRepository numbers,
                        UserRepository users, ScenarioRepository scenarios, CallRepository calls, CallLauncher launcher,
                        SessionTokens tokens, String statusCallbackUrl, MeterRegistry registry) {
        this.gate = gate;
        this.defaultOrgId = defaultOrgId;
        this.defaultScenario = defaultScenario;
        this.numbers = numbers;
        this.users = users;
        this.scenarios = scenarios;
        this.calls = calls;
        this.launcher = launcher;
        this.tokens = tokens;
        this.statusCallbackUrl = statusCallbackUrl;
        this.answered = Counter.builder("sparring.twilio.voice.answered").description("Voice webhooks answered with a stream")
                .register(registry);
    }

    @Override
    public Reply handle(Exchange exchange) {
        Map<String, List<String>> form = gate.admit(exchange);
        String callSid = TwilioGate.param(form, "CallSid")
                .orElseThrow(() -> ProblemException.badRequest("the form parameter CallSid is missing"));
        String from = TwilioGate.param(form, "From").orElse("anonymous");
        String to = TwilioGate.param(form, "To").orElse("unknown");
        Optional<String> script = launcher.validScript(exchange.query("script"));

        Optional<Call> existing = calls.findByTwilioCallSidAnyOrg(callSid);
        if (existing.isPresent()) {
            return retried(existing.get());
        }

        Optional<DialledNumber> number = numbers.findByNumberAnyOrg(to);
        UUID orgId = number.map(DialledNumber::orgId).orElse(defaultOrgId);
        Optional<User> rep = users.findByPhone(orgId, from);
        String scenario = number.map(DialledNumber::scenarioId)
                .or(() -> rep.flatMap(User::preferredScenarioId))
                .orElse(defaultScenario);
        if (scenarios.find(orgId, scenario).isEmpty()) {
            log.error("voice webhook for {}: scenario '{}' does not exist in organisation {}", callSid, scenario, orgId);
            return twiml(Twiml.sayAndHangUp("Sorry, this practice line is not set up yet. Goodbye."));
        }
        NewCall request = NewCall.twilio(scenario, rep.map(User::id), from, to, callSid);
        CallLauncher.Launch launch = launcher.launch(orgId, script.map(request::withScript).orElse(request));
        answered.increment();
        log.info("voice webhook {}: call {} for {} on scenario {}", callSid, launch.call().id(),
                rep.map(u -> "rep " + u.id()).orElse("a guest"), scenario);
        return twiml(Twiml.connectStream(launch.streamUrl(), launch.token(), statusCallbackUrl));
    }

    /** Twilio retries a webhook that timed out: answer again for the same call, with a fresh token. */
    private Reply retried(Call call) {
        if (call.state() != CallState.CREATED && call.state() != CallState.CONNECTING) {
            return twiml(Twiml.sayAndHangUp("This call has already ended. Goodbye."));
        }
        SessionToken token = tokens.newToken(call.id(), call.orgId(), call.scenarioId(), call.channel().dbValue(), call.script());
        return twiml(Twiml.connectStream(launcher.streamUrl(), tokens.encode(token), statusCallbackUrl));
    }

    private static Reply twiml(String xml) {
        return Reply.text(200, "text/xml", xml);
    }
}
