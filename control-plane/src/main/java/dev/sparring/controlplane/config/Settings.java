package dev.sparring.controlplane.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kebab-case settings with their defaults from one bundled properties file, overridden (in this
 * order, last wins) by an optional file, environment variables ({@code <envPrefix><KEY_IN_UPPER_SNAKE>})
 * and system properties ({@code -D<key>=value}). An override naming a key that has no default is an
 * error, so a typo never silently falls back to a default. Immutable once loaded.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Settings(Map<String, String> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /**
     * Loads the defaults from {@code defaultsResource} on the classpath, then applies the overrides.
     *
     * @param overrideFile a properties file whose keys must all exist in the defaults
     * @param env the process environment (only variables starting with {@code envPrefix} are read)
     * @param systemProperties system properties (only keys that exist in the defaults are read)
     */
    public static Settings load(String defaultsResource, Optional<Path> overrideFile, String envPrefix,
                                Map<String, String> env, Properties systemProperties) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        Properties defaults = readResource(defaultsResource);
        defaults.stringPropertyNames().forEach(k -> {
            values.put(k, defaults.getProperty(k).trim());
            sources.put(k, "default");
        });
        overrideFile.ifPresent(file -> {
            Properties overrides = readFile(file);
            for (String key : overrides.stringPropertyNames()) {
                requireKnown(values, key, file.toString());
                values.put(key, overrides.getProperty(key).trim());
                sources.put(key, file.toString());
            }
        });
        for (String key : values.keySet()) {
            String variable = envPrefix + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            String fromEnv = env.get(variable);
            if (fromEnv != null) {
                values.put(key, fromEnv.trim());
                sources.put(key, "environment " + variable);
            }
            String fromProperty = systemProperties.getProperty(key);
            if (fromProperty != null) {
                values.put(key, fromProperty.trim());
                sources.put(key, "system property " + key);
            }
        }
        return new Settings(values, sources);
    }

    /** Settings built from explicit values (tests and tools); every key must be given. */
    public static Settings of(Map<String, String> values) {
        Map<String, String> sources = new TreeMap<>();
        values.keySet().forEach(k -> sources.put(k, "explicit"));
        return new Settings(values, sources);
    }

    /** A copy with some values replaced; each key must already exist. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        Map<String, String> copySources = new TreeMap<>(sources);
        overrides.forEach((k, v) -> {
            requireKnown(values, k, "override");
            copy.put(k, v);
            copySources.put(k, "override");
        });
        return new Settings(copy, copySources);
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException("setting '" + key + "' has no default and was not given");
        }
        return value;
    }

    /** Empty when the setting is blank. */
    public Optional<String> optional(String key) {
        String value = string(key);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public int integer(String key, int min, int max) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw invalid(key, value, "a whole number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number from " + min + " to " + max);
        }
    }

    public boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    /** Durations are written {@code 500ms}, {@code 30s}, {@code 5m} or {@code 2h}. */
    public Duration duration(String key) {
        String value = string(key);
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw invalid(key, value, "a duration such as 500ms, 30s, 5m or 2h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    public URI uri(String key, String... schemes) {
        String value = string(key);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || (schemes.length > 0 && !java.util.Arrays.asList(schemes).contains(uri.getScheme()))) {
                throw invalid(key, value, "an absolute URL with scheme " + String.join(" or ", schemes));
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "an absolute URL");
        }
    }

    public Path path(String key) {
        return Path.of(string(key));
    }

    /** Where a setting's value came from (for the startup log). */
    public String source(String key) {
        return sources.getOrDefault(key, "unknown");
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("setting '" + key + "' is '" + value + "': expected " + expected);
    }

    private static void requireKnown(Map<String, String> values, String key, String where) {
        if (!values.containsKey(key)) {
            throw new ConfigException("unknown setting '" + key + "' in " + where
                    + " (every setting is listed with its default in the README)");
        }
    }

    private static Properties readResource(String resource) {
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("bundled defaults '" + resource + "' are missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new ConfigException("cannot read bundled defaults '" + resource + "'", e);
        }
    }

    private static Properties readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            return p;
        } catch (IOException e) {
            throw new ConfigException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
