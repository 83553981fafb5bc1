package dev.signdigits.config;

/** Where an option's effective value came from, in order of precedence. */
public enum SettingSource {
    FLAG("flag"),
    ENVIRONMENT("environment"),
    DOT_ENV(".env"),
    DEFAULT("default");

    private final String label;

    SettingSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
