package dev.signdigits.cli;

import dev.signdigits.config.EnvironmentDefaults;
import dev.signdigits.config.SettingSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code signdigits config}: every setting's effective value and where it came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print every setting's effective value and its source (environment, .env or default).")
public final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--env-example", description = "Print a .env.example listing every setting with its default.")
    boolean envExample;

    /** One setting as the user sees it. */
    record Setting(String variable, String flag, String description, String defaultValue,
                   String value, SettingSource source, List<String> commands) {}

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        EnvironmentDefaults defaults = (EnvironmentDefaults) root.defaultValueProvider();
        Map<String, Setting> settings = collect(root, defaults);
        PrintWriter out = spec.commandLine().getOut();
        if (envExample) {
            printEnvExample(settings, out);
        } else {
            printTable(settings, out, defaults);
        }
        out.flush();
        return 0;
    }

    static Map<String, Setting> collect(CommandSpec root, EnvironmentDefaults defaults) {
        Map<String, Setting> settings = new TreeMap<>();
        collectInto(root, defaults, settings);
        return settings;
    }

    private static void collectInto(CommandSpec command, EnvironmentDefaults defaults, Map<String, Setting> settings) {
        for (OptionSpec option : command.options()) {
            if (option.inherited()) {
                continue;
            }
            var variable = EnvironmentDefaults.variableFor(option);
            if (variable.isEmpty() || option.longestName().equals("--verbose") || option.longestName().equals("--env-example")) {
                continue;
            }
            String annotated = option.defaultValue() == null ? "" : option.defaultValue();
            var looked = defaults.lookup(option);
            String value = looked.map(EnvironmentDefaults.Lookup::value).orElse(annotated);
            SettingSource source = looked.map(EnvironmentDefaults.Lookup::source).orElse(SettingSource.DEFAULT);
            String description = String.join(" ", option.description());
            Setting existing = settings.get(variable.get());
            List<String> commands = new ArrayList<>(existing == null ? List.of() : existing.commands());
            commands.add(command.qualifiedName().replaceFirst("^signdigits ?", ""));
            // Description and default both from the first command that has the option, so they agree.
            settings.put(variable.get(), new Setting(variable.get(), option.longestName(),
                    existing == null ? description : existing.description(),
                    existing == null ? annotated : existing.defaultValue(),
                    existing == null || looked.isPresent() ? value : existing.value(), source, commands));
        }
        for (CommandLine sub : command.subcommands().values()) {
            if (sub.getCommandSpec().parent() == command) {
                collectInto(sub.getCommandSpec(), defaults, settings);
            }
        }
    }

    private static void printTable(Map<String, Setting> settings, PrintWriter out, EnvironmentDefaults defaults) {
        if (defaults.dotEnv().source() != null) {
            out.println("(.env read from " + defaults.dotEnv().source().toAbsolutePath() + ")");
        }
        out.printf("%-32s %-40s %-12s %s%n", "SETTING", "VALUE", "SOURCE", "FLAG");
        settings.values().forEach(s -> out.printf("%-32s %-40s %-12s %s%n",
                s.variable(), s.value().isEmpty() ? "(unset)" : isSecret(s.variable()) ? "(set, hidden)" : s.value(),
                s.source().label(), s.flag()));
        out.println("Precedence: flag > environment > .env > default.");
    }

    /** Keys and passwords are never printed: the table is often pasted into bug reports. */
    private static boolean isSecret(String variable) {
        return variable.endsWith("_KEY") || variable.endsWith("_TOKEN") || variable.endsWith("_PASSWORD")
                || variable.endsWith("_SECRET");
    }

    private static void printEnvExample(Map<String, Setting> settings, PrintWriter out) {
        out.println("# signdigits settings. Copy to .env and uncomment what you want to change.");
        out.println("# Precedence: command-line flag > environment variable > .env > the default shown here.");
        for (Setting s : settings.values()) {
            out.println();
            out.println("# " + s.description() + " (" + s.flag() + "; used by: "
                    + String.join(", ", s.commands().stream().map(c -> c.isEmpty() ? "signdigits" : c).distinct().toList()) + ")");
            out.println("# " + s.variable() + "=" + s.defaultValue());
        }
    }
}
