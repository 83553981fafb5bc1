package dev.signdigits.predict;

/**
 * Whether a runtime's native library is on the class path, found by a resource its jar carries,
 * without loading it. A container image built for one runtime drops the other runtimes' jars
 * (deployment/Dockerfile), and {@code --runtime auto} must not pick one that is gone.
 */
final class InstalledRuntimes {
    private InstalledRuntimes() {}

    static boolean has(InferenceRuntime runtime) {
        return switch (runtime) {
            case AUTO -> true;
            case DJL -> resource("jnilib/pytorch.properties") && resource("native/lib/pytorch.properties");
            case ONNX -> resource("ai/onnxruntime/OrtEnvironment.class");
            case TFLITE, TFLITE_FLOAT16, TFLITE_INT8 -> resource("org/bytedeco/tensorflowlite/"
                    + org.bytedeco.javacpp.Loader.getPlatform() + "/" + System.mapLibraryName("jnitensorflowlite"));
        };
    }

    private static boolean resource(String name) {
        return InstalledRuntimes.class.getClassLoader().getResource(name) != null;
    }
}
