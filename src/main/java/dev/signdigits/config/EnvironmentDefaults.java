package dev.signdigits.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every long option a value from the environment or {@code .env} when no flag is given, so
 * the precedence is flag > environment > .env > built-in default (the option's annotation).
 * {@code --data-dir} reads {@code SIGNDIGITS_DATA_DIR}; the same name means the same setting in
 * every subcommand.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    public static final String PREFIX = "SIGNDIGITS_";

    private final Map<String, String> environment;
    private final DotEnv dotEnv;

    public EnvironmentDefaults(Map<String, String> environment, DotEnv dotEnv) {
        this.environment = environment;
        this.dotEnv = dotEnv;
    }

    /** The environment variable that sets this option, e.g. SIGNDIGITS_DATA_DIR for --data-dir. */
    public static Optional<String> variableFor(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return Optional.empty();
        }
        String longest = option.longestName();
        if (!longest.startsWith("--")) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + longest.substring(2).replace('-', '_').toUpperCase(Locale.ROOT));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return lookup(arg).map(Lookup::value).orElse(null);
    }

    /** The value and its source if the environment or .env sets this option. */
    public Optional<Lookup> lookup(ArgSpec arg) {
        Optional<String> variable = variableFor(arg);
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        String name = variable.get();
        String fromEnv = environment.get(name);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new Lookup(name, fromEnv, SettingSource.ENVIRONMENT));
        }
        String fromFile = dotEnv.values().get(name);
        if (fromFile != null && !fromFile.isEmpty()) {
            return Optional.of(new Lookup(name, fromFile, SettingSource.DOT_ENV));
        }
        return Optional.empty();
    }

    public DotEnv dotEnv() {
        return dotEnv;
    }

    /** One resolved value. */
    public record Lookup(String variable, String value, SettingSource source) {}
}
