package dev.signdigits.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thread settings every entry point hands to PyTorch: a --threads value above 0 wins over the
 * default and over an earlier choice, 0 and the plain call keep what was chosen. The properties are
 * the process's own, so each test puts them back.
 */
class NativeSetupTest {
    private String threads;
    private String interop;

    @BeforeEach
    void save() {
        threads = System.getProperty(NativeSetup.THREADS);
        interop = System.getProperty(NativeSetup.INTEROP_THREADS);
        System.clearProperty(NativeSetup.THREADS);
    }

    @AfterEach
    void restore() {
        put(NativeSetup.THREADS, threads);
        put(NativeSetup.INTEROP_THREADS, interop);
    }

    @Test
    void anExplicitCountWinsAndZeroKeepsWhatWasChosen() {
        NativeSetup.beforeFirstDjlCall(3);
        assertThat(NativeSetup.threads()).isEqualTo("3");
        NativeSetup.beforeFirstDjlCall(0);
        NativeSetup.beforeFirstDjlCall();
        assertThat(NativeSetup.threads()).isEqualTo("3");
        NativeSetup.beforeFirstDjlCall(5);
        assertThat(NativeSetup.threads()).isEqualTo("5");
        assertThat(System.getProperty(NativeSetup.INTEROP_THREADS)).isNotNull();
    }

    @Test
    void theDefaultIsTheEnvironmentsCountOrTheCores() {
        assertThat(NativeSetup.threads()).isEqualTo("default");
        NativeSetup.beforeFirstDjlCall(0);
        String env = System.getenv("SIGNDIGITS_THREADS");
        assertThat(NativeSetup.threads()).isEqualTo(env == null || env.isBlank()
                ? Integer.toString(Runtime.getRuntime().availableProcessors()) : env);
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> NativeSetup.beforeFirstDjlCall(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThat(NativeSetup.threads()).isEqualTo("default");
    }

    private static void put(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
