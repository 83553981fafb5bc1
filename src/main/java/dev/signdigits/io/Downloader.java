package dev.signdigits.io;

import dev.signdigits.SignDigitsException;
import dev.signdigits.progress.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads a URL to a file: streamed to a temporary sibling with a progress bar, checked against
 * an expected SHA-256 when one is given, then renamed into place, so the target is either the
 * complete, verified file or absent. Failures are one-sentence {@link SignDigitsException}s
 * ({@link DownloadException}, exit code ENVIRONMENT) naming the URL.
 */
public final class Downloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient client;
    private final PrintStream progressOut;

    /** Progress on stderr. */
    public Downloader() {
        this(System.err);
    }

    /** @param progressOut where the progress bar goes; null for none */
    public Downloader(PrintStream progressOut) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.progressOut = progressOut;
    }

    /** A finished download. */
    public record Download(Path file, long bytes, String sha256) {}

    /** A failed download; {@link #problem()} is the short reason, e.g. "HTTP 404". */
    public static final class DownloadException extends SignDigitsException {
        private final String problem;

        DownloadException(URI url, String problem, String advice, Throwable cause) {
            super("Download of " + url + " failed (" + problem + "): " + advice + ".", ENVIRONMENT, cause);
            this.problem = problem;
        }

        public String problem() {
            return problem;
        }
    }

    /**
     * Downloads {@code url} to {@code target}, replacing it only on success.
     *
     * @param expectedSha256 lowercase or uppercase hex; null or blank skips the check
     */
    public Download download(URI url, Path target, String expectedSha256) {
        Path parent = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(parent);
            partial = Files.createTempFile(parent, "." + target.getFileName(), ".part");
            HttpRequest request = HttpRequest.newBuilder(url).timeout(IDLE_TIMEOUT)
                    .header("User-Agent", "signdigits").GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            MessageDigest digest = Sha256.newDigest();
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DownloadException(url, "HTTP " + response.statusCode(), "check the URL, or try again later", null);
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                bytes = copy(body, partial, digest, length, target.getFileName().toString());
            }
            String actual = Sha256.hex(digest);
            if (expectedSha256 != null && !expectedSha256.isBlank() && !actual.equalsIgnoreCase(expectedSha256.strip())) {
                throw new DownloadException(url, "its SHA-256 is " + actual + " but " + expectedSha256.strip() + " was expected",
                        "the file changed or was damaged in transit, so check the checksum or try again", null);
            }
            AtomicFiles.move(partial, target);
            partial = null;
            return new Download(target, bytes, actual);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(url, "interrupted", "run it again", e);
        } catch (IOException | UnresolvedAddressException e) {
            throw new DownloadException(url, describe(e), "check the network connection and the URL", e);
        } finally {
            AtomicFiles.deleteQuietly(partial);
        }
    }

    private long copy(InputStream body, Path file, MessageDigest digest, long length, String name) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        long kibTotal = length > 0 ? (length + 1023) / 1024 : 0;
        ProgressBar bar = progressOut == null ? null
                : new ProgressBar("Downloading " + name, kibTotal, "KiB", progressOut, System.console() != null);
        long reported = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                total += n;
                if (bar != null && total / 1024 > reported) {
                    bar.step(total / 1024 - reported);
                    reported = total / 1024;
                }
            }
            if (bar != null) {
                bar.step((total + 1023) / 1024 - reported); // the last, partial KiB
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        if (length > 0 && total != length) {
            throw new IOException(String.format(Locale.ROOT, "connection closed after %d of %d bytes", total, length));
        }
        return total;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused or host unreachable";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no data for " + IDLE_TIMEOUT.toMinutes() + " minutes";
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException
                || root instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
