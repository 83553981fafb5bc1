package dev.signdigits.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A photo folder for the job: real photos from the mirror (the first {@code perDigit} of each digit,
 * by name, in folders 0..9) and, in {@code bad/}, files that cannot be decoded, generated here:
 * a truncated JPEG, random bytes, an empty file, text named .jpg, a PNG signature alone. Plus a
 * notes.txt that the job must skip (not an image name).
 */
final class TestPhotos {
    static final List<String> BAD = List.of("truncated.jpg", "random.JPG", "empty.png", "text.jpeg", "signature-only.png");

    private TestPhotos() {}

    /** Creates the folder; returns every file the job must predict, as absolute paths. */
    static List<Path> create(Path dir, int perDigit) {
        List<Path> files = new ArrayList<>();
        try {
            for (int digit = 0; digit <= 9; digit++) {
                Path target = Files.createDirectories(dir.resolve(Integer.toString(digit)));
                try (Stream<Path> photos = Files.list(CoreCli.DATASET.resolve(Integer.toString(digit)))) {
                    for (Path photo : photos.sorted().limit(perDigit).toList()) {
                        files.add(Files.copy(photo, target.resolve(photo.getFileName())));
                    }
                }
            }
            Path bad = Files.createDirectories(dir.resolve("bad"));
            byte[] jpeg = Files.readAllBytes(files.get(0));
            byte[] random = new byte[4096];
            new Random(7).nextBytes(random);
            random[0] = 0x13; // never a valid magic number by accident
            files.add(Files.write(bad.resolve(BAD.get(0)), Arrays.copyOf(jpeg, jpeg.length * 2 / 5)));
            files.add(Files.write(bad.resolve(BAD.get(1)), random));
            files.add(Files.write(bad.resolve(BAD.get(2)), new byte[0]));
            files.add(Files.writeString(bad.resolve(BAD.get(3)), "not a photo\n"));
            files.add(Files.write(bad.resolve(BAD.get(4)), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}));
            Files.writeString(dir.resolve("notes.txt"), "a file the job skips", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
