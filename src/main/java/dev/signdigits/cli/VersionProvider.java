package dev.signdigits.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, falling back to "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"signdigits " + version(), "Java " + System.getProperty("java.version")};
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
