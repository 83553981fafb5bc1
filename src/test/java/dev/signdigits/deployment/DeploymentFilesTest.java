package dev.signdigits.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.signdigits.predict.DigitClassifiers;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import dev.signdigits.predict.InferenceRuntime;

/**
 * There is no Docker engine or cluster here, so the deployment files are checked structurally:
 * they parse, the probes hit the server's health routes on the port it listens on, the pieces
 * refer to each other by the right names, the image runs as non-root, and its per-runtime pruning
 * matches real dependency jars.
 */
class DeploymentFilesTest {
    private static final Path DIR = Path.of("deployment");
    private static final int PORT = 8080;
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void kubernetesDeploymentProbesHealthRoutesAndLimitsResources() throws IOException {
        JsonNode deployment = yaml("kubernetes/deployment.yaml");
        assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
        JsonNode pod = deployment.path("spec").path("template");
        assertThat(deployment.path("spec").path("selector").path("matchLabels").properties())
                .allSatisfy(e -> assertThat(pod.path("metadata").path("labels").path(e.getKey()).asText())
                        .isEqualTo(e.getValue().asText()));
        JsonNode container = pod.path("spec").path("containers").get(0);
        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(PORT);

        assertProbe(container.path("readinessProbe"), "/v2/health/ready", port);
        assertProbe(container.path("livenessProbe"), "/v2/health/live", port);
        assertProbe(container.path("startupProbe"), "/v2/health/live", port);
        for (String kind : List.of("requests", "limits")) {
            assertThat(container.path("resources").path(kind).path("cpu").asText()).as(kind).isNotEmpty();
            assertThat(container.path("resources").path(kind).path("memory").asText()).as(kind).isNotEmpty();
        }
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(env(container, "SIGNDIGITS_RUNTIME")).isIn(InferenceRuntime.ids());
        long drainSeconds = Long.parseLong(env(container, "SIGNDIGITS_DRAIN_TIMEOUT_MS")) / 1000;
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asLong())
                .as("the kubelet must wait for the drain").isGreaterThan(drainSeconds);
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp", "/models");
    }

    @Test
    void serviceAndAutoscalerPointAtTheDeployment() throws IOException {
        JsonNode deployment = yaml("kubernetes/deployment.yaml");
        JsonNode service = yaml("kubernetes/service.yaml");
        JsonNode hpa = yaml("kubernetes/hpa.yaml");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode containerPort = deployment.path("spec").path("template").path("spec").path("containers").get(0)
                .path("ports").get(0);

        assertThat(service.path("kind").asText()).isEqualTo("Service");
        assertThat(service.path("spec").path("selector").properties())
                .allSatisfy(e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
                .isIn(containerPort.path("name").asText(), Integer.toString(PORT));

        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText());
        assertThat(hpa.path("spec").path("minReplicas").asInt())
                .isPositive().isLessThanOrEqualTo(hpa.path("spec").path("maxReplicas").asInt());
        assertThat(hpa.path("spec").path("metrics").findValuesAsText("name")).contains("cpu");

        JsonNode kustomization = yaml("kubernetes/kustomization.yaml");
        for (JsonNode resource : kustomization.path("resources")) {
            assertThat(DIR.resolve("kubernetes").resolve(resource.asText())).isRegularFile();
        }
    }

    @Test
    void composeBuildsTheImageAndChecksReadiness() throws IOException {
        JsonNode service = yaml("docker-compose.yml").path("services").path("signdigits");
        assertThat(DIR.resolve(service.path("build").path("context").asText())
                .resolve(service.path("build").path("dockerfile").asText()).normalize()).isRegularFile();
        assertThat(service.path("ports").get(0).asText()).endsWith(":" + PORT);
        assertThat(service.path("healthcheck").path("test").toString()).contains("/v2/health/ready");
        assertThat(service.path("environment").path("SIGNDIGITS_RUNTIME").asText())
                .isEqualTo(service.path("build").path("args").path("RUNTIME").asText()).isIn(InferenceRuntime.ids());
        assertThat(service.path("user").asText()).doesNotStartWith("0").isNotEqualTo("root");
    }

    @Test
    void dockerfileIsMultiStageNonRootWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        int lastFrom = lines.indexOf(froms.get(froms.size() - 1));
        List<String> runtimeStage = lines.subList(lastFrom, lines.size());
        String user = runtimeStage.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertThat(user).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
        String text = String.join("\n", lines);
        assertThat(text).contains("EXPOSE " + PORT).containsPattern("HEALTHCHECK[^\\n]*\\n?[^\\n]*/v2/health/ready");
        for (String runtime : InferenceRuntime.ids()) {
            assertThat(text).as("the image can be built for runtime " + runtime).containsPattern("[|\\s(]" + runtime + "[|)]");
        }
    }

    @Test
    void everyPrunedJarPatternMatchesARealDependency() throws IOException {
        String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        Matcher rm = Pattern.compile("rm -f ([^;]+);").matcher(dockerfile);
        List<String> globs = new ArrayList<>();
        while (rm.find()) {
            globs.addAll(Arrays.asList(rm.group(1).trim().split("\\s+")));
        }
        assertThat(globs).isNotEmpty();
        for (String glob : globs) {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            assertThat(jars).as("a dependency jar named like " + glob).anyMatch(j -> matcher.matches(Path.of(j)));
        }
    }

    @Test
    void systemdUnitRunsTheServerAsAServiceUser() throws IOException {
        List<String> unit = Files.readAllLines(DIR.resolve("systemd/signdigits.service"));
        assertThat(unit).contains("[Unit]", "[Service]", "[Install]");
        assertThat(unit).anyMatch(l -> l.matches("User=(?!root$)\\w+"));
        assertThat(unit).anyMatch(l -> l.startsWith("ExecStart=") && l.endsWith(" serve"));
        assertThat(unit).anyMatch(l -> l.startsWith("Restart="));
        assertThat(unit).anyMatch(l -> l.startsWith("Environment=GLIBC_TUNABLES="));
        List<String> env = Files.readAllLines(DIR.resolve("systemd/signdigits.env"));
        assertThat(env).anyMatch(l -> l.startsWith("SIGNDIGITS_RUNTIME=")
                && InferenceRuntime.ids().contains(l.substring("SIGNDIGITS_RUNTIME=".length())));
    }

    private static void assertProbe(JsonNode probe, String path, JsonNode port) {
        JsonNode get = probe.path("httpGet");
        assertThat(get.path("path").asText()).isEqualTo(path);
        assertThat(get.path("port").asText()).isIn(port.path("name").asText(), Integer.toString(PORT));
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(DIR.resolve(file).toFile());
    }
}
