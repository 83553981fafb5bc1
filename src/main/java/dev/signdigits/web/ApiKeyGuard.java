package dev.signdigits.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * Optional shared-secret check for the routes that do work (/api, v2 infer, /admin). The key comes
 * in {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}; comparison is constant-time over
 * digests so response timing says nothing about the key.
 */
final class ApiKeyGuard {
    private final Optional<byte[]> expectedDigest;

    ApiKeyGuard(Optional<String> apiKey) {
        this.expectedDigest = apiKey.map(ApiKeyGuard::digest);
    }

    boolean enabled() {
        return expectedDigest.isPresent();
    }

    /** A before-handler: passes, or throws 401. */
    void check(Context ctx) {
        if (expectedDigest.isEmpty()) {
            return;
        }
        String presented = presentedKey(ctx);
        if (presented == null || !MessageDigest.isEqual(expectedDigest.get(), digest(presented))) {
            throw new ApiException(401, presented == null
                    ? "This route needs an API key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'."
                    : "The API key is wrong: send the key the server was started with.",
                    Map.of("WWW-Authenticate", "Bearer realm=\"signdigits\""));
        }
    }

    private static String presentedKey(Context ctx) {
        String header = ctx.header("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
