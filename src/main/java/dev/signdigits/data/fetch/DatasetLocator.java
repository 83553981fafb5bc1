package dev.signdigits.data.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Default places of the Sign Language Digits dataset. */
public final class DatasetLocator {
    /** Where {@code data fetch} puts the dataset, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "raw", "sign-language-digits");
    /** The public archive of the dataset's repository (branch master). */
    public static final URI DEFAULT_URL =
            URI.create("https://github.com/ardamavi/Sign-Language-Digits-Dataset/archive/refs/heads/master.zip");
    /** The environment variable the launcher sets to the project root. */
    public static final String HOME_VARIABLE = "SIGNDIGITS_HOME";

    private DatasetLocator() {}

    /** {@code ${SIGNDIGITS_HOME:-.}/../shared/datasets/sign-language-digits}. */
    public static Path defaultMirrorDir(Map<String, String> environment) {
        String home = environment.get(HOME_VARIABLE);
        return Path.of(home == null || home.isBlank() ? "." : home)
                .resolve(Path.of("..", "shared", "datasets", "sign-language-digits")).normalize();
    }
}
