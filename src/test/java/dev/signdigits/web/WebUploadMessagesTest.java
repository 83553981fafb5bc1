package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload errors tell the client what it sent in its own terms: no parser states, readable file names. */
class WebUploadMessagesTest {
    static TestServer server;

    @BeforeAll
    static void start(@TempDir Path root) {
        server = TestServer.start(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void imageFieldWithoutAFileNameIsToldToSendAFileNotToRenameTheField() {
        Http.Response response = server.http.multipart("/api/v1/predict", new Http.Multipart().text("image", "hello"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).contains("'image'").contains("without a file name")
                .doesNotContain("name the file field");
    }

    @Test
    void truncatedMultipartIsDescribedWithoutTheParsersStateNames() {
        String body = "not a boundary at all";
        Http.Response response = server.http.post("/api/v1/predict", body.getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=XyZ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).doesNotContain("PREAMBLE").doesNotContainIgnoringCase("eof")
                .contains("boundary");
    }

    @Test
    void nonAsciiFileNamesAreShownAsSentAndControlsAreNot() {
        byte[] notAnImage = "plain text".getBytes(StandardCharsets.US_ASCII);
        Http.Response response = server.http.multipart("/api/v1/predict",
                new Http.Multipart().file("image", "f\u00f6t\u00f6\u202e.jpg", "image/jpeg", notAnImage));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).contains("'f\u00f6t\u00f6?.jpg'").doesNotContain("\u202e");
    }
}
