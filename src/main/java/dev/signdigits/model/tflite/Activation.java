package dev.signdigits.model.tflite;

/** Activation fused into an operator (schema enum ActivationFunctionType). */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT;

    static Activation of(int code) {
        return code >= 0 && code < values().length ? values()[code] : NONE;
    }
}
