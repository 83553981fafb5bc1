package dev.signdigits.data.hands;

import dev.signdigits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A SHA-256 over the compiled classes of some packages (each named by one of its classes), as they
 * are on the class path: a class directory or a jar alike. Any change to the code of those packages
 * changes it, so a cached answer of that code is never served after the code changed. Empty when
 * the classes cannot be read (an unusual class loader): then nothing should be cached.
 */
final class CodeFingerprint {
    private CodeFingerprint() {}

    static Optional<String> of(List<Class<?>> packages) {
        MessageDigest digest = Sha256.newDigest();
        try {
            for (Class<?> anchor : packages) {
                digest.update(anchor.getPackageName().getBytes(StandardCharsets.UTF_8));
                for (ClassFile file : classFiles(anchor)) {
                    digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                    digest.update(file.bytes());
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(Sha256.hex(digest));
    }

    /** Where a class was loaded from: a jar's file name (its version with it), or "classes". */
    static String origin(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        String location = source.getLocation().getPath();
        return location.endsWith(".jar") ? location.substring(location.lastIndexOf('/') + 1) : "classes";
    }

    private record ClassFile(String name, byte[] bytes) {}

    /** The .class files directly in {@code anchor}'s package (nested classes included), by name. */
    private static List<ClassFile> classFiles(Class<?> anchor) throws IOException, URISyntaxException {
        URL url = anchor.getResource(anchor.getSimpleName() + ".class");
        if (url == null) {
            throw new IOException("no class file for " + anchor);
        }
        List<ClassFile> files = new ArrayList<>();
        if (url.getProtocol().equals("file")) {
            try (Stream<Path> list = Files.list(Path.of(url.toURI()).getParent())) {
                for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".class")).toList()) {
                    files.add(new ClassFile(p.getFileName().toString(), Files.readAllBytes(p)));
                }
            }
        } else if (url.getProtocol().equals("jar")) {
            String prefix = anchor.getPackageName().replace('.', '/') + "/";
            Path jarPath = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.add(new ClassFile(name.substring(prefix.length()), in.readAllBytes()));
                        }
                    }
                }
            }
        } else {
            throw new IOException("cannot list classes loaded from " + url);
        }
        files.sort(Comparator.comparing(ClassFile::name));
        return files;
    }
}
