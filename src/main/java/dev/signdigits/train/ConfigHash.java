package dev.signdigits.train;

import dev.signdigits.io.Sha256;
import java.nio.charset.StandardCharsets;

/** A short fingerprint of a configuration, so --resume refuses to mix two different runs. */
final class ConfigHash {
    private ConfigHash() {}

    static String of(TrainingConfig config) {
        return Sha256.of(config.asMap().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
