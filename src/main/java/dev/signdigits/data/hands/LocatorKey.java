package dev.signdigits.data.hands;

import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.HandLocator;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.tensorflowlite.Interpreter;

/**
 * Everything, apart from the photo itself, that changes what the hand locator answers for a photo:
 * the MediaPipe variant and its pinned model files, every locator setting (thresholds, tiles,
 * interpreter threads), the code that decodes and locates (a fingerprint of the {@code image} and
 * {@code hand} packages' classes) and the TFLite runtime's version. The crop policy is not in it:
 * it does not change the answer, only what is cut out with it.
 *
 * @param values the key's parts by name, in a fixed order
 */
record LocatorKey(Map<String, String> values) {
    /** Bumped when the cache file's layout changes. */
    static final String FORMAT = "1";

    LocatorKey {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The key for {@code spec}, or empty when the code cannot be fingerprinted (then nothing is cached). */
    static Optional<LocatorKey> of(HandFramingSpec spec) {
        if (!spec.on()) {
            throw new IllegalArgumentException("no hand locator to key");
        }
        return Code.FINGERPRINT.map(code -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("variant", spec.variant().toString());
            m.put("palm_detector_sha256", spec.variant().palm().sha256());
            m.put("landmarks_sha256", spec.variant().landmarks().sha256());
            m.put("settings", spec.settings().toString()); // the record's every field, new ones included
            m.put("code_sha256", code);
            m.put("tflite", CodeFingerprint.origin(Interpreter.class));
            return new LocatorKey(m);
        });
    }

    /** The cache file's name: the variant, then a hash of the whole key. */
    String fileName() {
        return "hands-" + values.get("variant") + "-" + Sha256.of(values.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + ".json";
    }

    /** The code fingerprint, computed once per JVM. */
    private static final class Code {
        static final Optional<String> FINGERPRINT = CodeFingerprint.of(List.of(ImageDecoder.class, HandLocator.class));
    }
}
