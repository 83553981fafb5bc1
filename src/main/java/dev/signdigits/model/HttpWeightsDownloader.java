package dev.signdigits.model;

import dev.signdigits.SignDigitsException;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

/** Plain HTTPS download with java.net.http into a temporary sibling, checked, then renamed into place. */
final class HttpWeightsDownloader implements WeightsDownloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override
    public void download(URI url, Path target, String sha256) {
        Path tmp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
            HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                if (response.statusCode() != 200) {
                    throw new SignDigitsException("Downloading " + url + " failed with HTTP status " + response.statusCode()
                            + "; copy the file to " + target + " by hand.", SignDigitsException.ENVIRONMENT, null);
                }
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = Sha256.hex(digest);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new SignDigitsException("The file downloaded from " + url + " has SHA-256 " + actual + " instead of "
                        + sha256 + "; it was discarded: try again later or copy the file to " + target + " by hand.",
                        SignDigitsException.ENVIRONMENT, null);
            }
            AtomicFiles.move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new SignDigitsException("Cannot download " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the network or copy the file to "
                    + target + " by hand.", SignDigitsException.ENVIRONMENT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignDigitsException("Download of " + url + " was interrupted; run the command again.",
                    SignDigitsException.ENVIRONMENT, e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }
}
