package dev.signdigits.web.routes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated KServe v2 inference request.
 *
 * @param id      the client's request id, echoed in the response
 * @param input   the one input tensor
 * @param outputs output names the client asked for; empty means all
 */
record InferRequest(Optional<String> id, Input input, Set<String> outputs) {

    /** The input tensor, in one of the two forms the model metadata lists. */
    sealed interface Input permits Fp32, Encoded {
        int count();
    }

    /** Pre-processed images, NCHW float32. */
    record Fp32(float[] data, int count) implements Input {}

    /** Encoded images (JPEG, PNG...), base64 in the JSON. */
    record Encoded(List<byte[]> images) implements Input {
        public int count() {
            return images.size();
        }
    }
}
