package dev.signdigits.web;

import dev.signdigits.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@code @ClassTemplate} suite once per runtime of {@link RuntimeModel#RUNTIMES} (or of another
 * model's runtimes, see {@link #over}), each time
 * against real servers started for that runtime's model and stopped after the suite's last test.
 * A suite registers it in a static field and reads the current runtime's servers from it:
 *
 * <pre>{@code
 * @ClassTemplate
 * class WebSomethingTest {
 *     @RegisterExtension
 *     static final RuntimeServers servers = RuntimeServers.serving(b -> b.apiKey(KEY));
 *     ... servers.http().post(...), servers.served().photo(3) ...
 * }</pre>
 *
 * Invocations run one after the other, so one set of servers is up at a time.
 */
final class RuntimeServers implements ClassTemplateInvocationContextProvider {
    /** How one server of an invocation is configured and which loader opens its model directories. */
    private record Spec(UnaryOperator<ServerConfig.Builder> settings, Function<ServedModel, ClassifierLoader> loader) {}

    private final List<Spec> specs;
    private final List<String> runtimes;
    private final Function<String, ServedModel> models;
    private String runtime;
    private ServedModel served;
    private List<TestServer> servers = List.of();
    private Path root;

    private RuntimeServers(List<Spec> specs, List<String> runtimes, Function<String, ServedModel> models) {
        this.specs = List.copyOf(specs);
        this.runtimes = List.copyOf(runtimes);
        this.models = models;
    }

    /** One server per runtime with {@code settings}, opening the model with the runtime's own loader. */
    static RuntimeServers serving(UnaryOperator<ServerConfig.Builder> settings) {
        return new RuntimeServers(List.of(new Spec(settings, ServedModel::loader)), RuntimeModel.RUNTIMES, RuntimeModel::of);
    }

    /** Also starts a further server per runtime, whose model directories {@code loader} opens; see {@link #server(int)}. */
    RuntimeServers and(UnaryOperator<ServerConfig.Builder> settings, Function<ServedModel, ClassifierLoader> loader) {
        List<Spec> more = new ArrayList<>(specs);
        more.add(new Spec(settings, loader));
        return new RuntimeServers(more, runtimes, models);
    }

    /**
     * The same servers for another model, once per runtime of {@code over}: {@code models} gives
     * the model a runtime serves (default: {@link RuntimeModel}, the whole-photo model, on
     * {@link RuntimeModel#RUNTIMES}).
     */
    RuntimeServers over(List<String> over, Function<String, ServedModel> models) {
        return new RuntimeServers(specs, over, models);
    }

    /** The runtime of the current invocation, e.g. "tflite-int8". */
    String runtime() {
        return runtime;
    }

    /** The real model the current invocation serves. */
    ServedModel served() {
        return served;
    }

    /** The first server of the current invocation. */
    TestServer server() {
        return server(0);
    }

    /** The {@code index}-th server of the current invocation, in the order they were declared. */
    TestServer server(int index) {
        return servers.get(index);
    }

    /** A client of the first server. */
    Http http() {
        return server().http;
    }

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        return runtimes.stream().map(Invocation::new);
    }

    private void start(String name) {
        runtime = name;
        served = models.apply(name);
        try {
            root = Files.createTempDirectory("signdigits-web-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TestServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                Spec spec = specs.get(i);
                started.add(TestServer.start(root.resolve("server-" + i), spec.settings(), served, spec.loader().apply(served)));
            }
        } finally {
            servers = List.copyOf(started);
        }
    }

    private void stop() {
        try {
            servers.forEach(TestServer::close);
        } finally {
            servers = List.of();
            AtomicFiles.deleteRecursively(root);
        }
    }

    /** One runtime's invocation: named after the runtime; starts its servers before the suite's tests and stops them after. */
    private final class Invocation implements ClassTemplateInvocationContext, BeforeClassTemplateInvocationCallback,
            AfterClassTemplateInvocationCallback {
        private final String name;

        Invocation(String name) {
            this.name = name;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return name;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public void beforeClassTemplateInvocation(ExtensionContext context) {
            start(name);
        }

        @Override
        public void afterClassTemplateInvocation(ExtensionContext context) {
            stop();
        }
    }
}
