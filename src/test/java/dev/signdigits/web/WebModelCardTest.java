package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model card escapes what a model says about itself. Uses the stand-in, whose properties hold
 * markup on purpose (a real model's provenance has none); the real runtimes' cards are checked in
 * {@link WebOperationsTest}.
 */
class WebModelCardTest {
    @TempDir
    Path root;

    @Test
    void modelPropertiesAreEscaped() {
        try (TestServer server = TestServer.start(root)) {
            Http.Response page = server.http.get("/model");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains(StandInModel.ID).contains("test-exemplar").contains("test_accuracy")
                    .contains("&lt;script&gt;").doesNotContain("<script>alert");
        }
    }
}
