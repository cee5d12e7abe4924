package dev.sparring.loadtest;

import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulatorConfig;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulator;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulatorConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./sparring simulators}: starts the Deepgram, OpenAI (chat and Realtime) and ElevenLabs simulators on free
 * loopback ports and prints the environment that points a media server at them, so the production
 * provider clients can run offline (demos, load tests). Runs until interrupted.
 */
public final class Simulators {
    private Simulators() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path scripts = Path.of(args.length > 0 ? args[0] : "config/scripts");
        DeepgramSimulator deepgram = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults("sim-deepgram-key", scripts));
        OpenAiChatSimulator openai = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults("sim-openai-key"));
        ElevenLabsSimulator elevenlabs = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults("sim-elevenlabs-key"));
        RealtimeSimulator realtime = RealtimeSimulator.start(RealtimeSimulatorConfig.defaults("sim-openai-key", scripts));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deepgram.close();
            openai.close();
            elevenlabs.close();
            realtime.close();
            stopped.countDown();
        }, "simulators-stop"));
        System.out.printf("""

                  Provider simulators are running (Ctrl-C stops them). Start the media server with:

                  export DEEPGRAM_API_KEY=sim-deepgram-key DEEPGRAM_BASE_URL=%s
                  export OPENAI_API_KEY=sim-openai-key OPENAI_BASE_URL=%s
                  export ELEVENLABS_API_KEY=sim-elevenlabs-key ELEVENLABS_BASE_URL=%s

                  For the OpenAI Realtime mode instead of the chat model, use
                  OPENAI_BASE_URL=http://127.0.0.1:%d with SPARRING_MS_PIPELINE_MODE=realtime.

                """, deepgram.baseUrl(), openai.baseUrl(), elevenlabs.baseUrl(), realtime.port());
        stopped.await();
    }
}
