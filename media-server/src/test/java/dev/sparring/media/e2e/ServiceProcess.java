package dev.sparring.media.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the two services as a real child JVM, started from its module's build output exactly as
 * {@code ./sparring run} starts it, so tests can stop it gracefully (SIGTERM) or kill it hard
 * (SIGKILL). Its output goes to a log file next to the test reports.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final URI readyUrl;
    private Process process;

    private ServiceProcess(String name, List<String> command, Map<String, String> env, Path log, URI readyUrl) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.log = log;
        this.readyUrl = readyUrl;
    }

    /** The module's classes and runtime classpath, as built by this Maven run. */
    static ServiceProcess of(String name, String module, String mainClass, Map<String, String> env, URI readyUrl) {
        Path moduleDir = Path.of("..", module).toAbsolutePath().normalize();
        Path target = moduleDir.resolve(System.getProperty("sparring.target", "target"));
        Path classpathFile = target.resolve("runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build " + module + " first (mvn install)");
        }
        String classpath;
        try {
            classpath = target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", classpath, mainClass));
        Path log = Path.of(System.getProperty("sparring.target", "target"), "e2e-logs", name + "-" + System.nanoTime() + ".log");
        return new ServiceProcess(name, command, env, log, readyUrl);
    }

    ServiceProcess start() throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        org.awaitility.Awaitility.await(name + " ready at " + readyUrl)
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(this::ready);
        return this;
    }

    private boolean ready() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; log: "
                    + Files.readString(log));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then waits for the graceful shutdown to finish. */
    int stopGracefully(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM; log at " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
