package dev.signdigits.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.image.TestImages;

class ImageFolderTest {

    @Test
    void scansTheMirrorSortedAndIgnoresRootFiles() throws Exception {
        DatasetIndex index = ImageFolder.scan(TestImages.MIRROR);

        assertThat(index.labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        long onDisk;
        try (var files = Files.walk(TestImages.MIRROR)) {
            onDisk = files.filter(Files::isRegularFile)
                    .filter(p -> TestImages.MIRROR.relativize(p).getNameCount() == 2)
                    .count();
        }
        assertThat(index.size()).isEqualTo((int) onDisk);
        assertThat(index.entries()).isSortedAccordingTo(java.util.Comparator.comparing(LabeledFile::relativePath));
        assertThat(index.entries()).allSatisfy(e ->
                assertThat(e.relativePath()).startsWith(index.labels().get(e.label()) + "/"));
        assertThat(index.entries()).noneMatch(e -> e.relativePath().contains("LICENSE") || e.relativePath().contains("groups"));
        assertThat(index.countsPerLabel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(index.size());
    }

    @Test
    void contentHashIsStableAndChangesWithAnyFile(@TempDir Path dir) throws Exception {
        Path data = smallDataset(dir.resolve("a"));
        String first = ImageFolder.scan(data).contentHash();
        Path copy = smallDataset(dir.resolve("b"));
        assertThat(ImageFolder.scan(copy).contentHash()).isEqualTo(first);

        Files.write(data.resolve("1/b.jpg"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(ImageFolder.scan(data).contentHash()).isNotEqualTo(first);
        Files.move(copy.resolve("0/a.jpg"), copy.resolve("0/z.jpg"));
        assertThat(ImageFolder.scan(copy).contentHash()).isNotEqualTo(first);
    }

    @Test
    void skipsNonImagesAndHiddenFilesButReportsThem(@TempDir Path dir) throws Exception {
        Path data = smallDataset(dir);
        Files.writeString(data.resolve("0/notes.txt"), "hello");
        Files.writeString(data.resolve("0/.DS_Store"), "x");
        Files.writeString(data.resolve("README.md"), "root files are not photos");
        Files.createDirectories(data.resolve(".cache"));

        DatasetIndex index = ImageFolder.scan(data);
        assertThat(index.entries()).extracting(LabeledFile::relativePath).containsExactly("0/a.jpg", "0/sub/c.png", "1/b.jpg");
        assertThat(index.ignoredFiles()).containsExactly("0/notes.txt");
        assertThat(index.countsPerLabel()).isEqualTo(Map.of("0", 2, "1", 1));
    }

    @Test
    void missingDirectoryIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> ImageFolder.scan(missing)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("data fetch");
    }

    @Test
    void emptyClassFolderIsAnError(@TempDir Path dir) throws Exception {
        Path data = smallDataset(dir);
        Files.createDirectories(data.resolve("2"));
        Files.writeString(data.resolve("2/readme.txt"), "no photos here");
        assertThatThrownBy(() -> ImageFolder.scan(data)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(data.resolve("2").toString()).hasMessageContaining("no images");
    }

    @Test
    void folderThatIsNotADigitIsNamed(@TempDir Path dir) throws Exception {
        Path data = smallDataset(dir);
        Files.createDirectories(data.resolve("cats"));
        assertThatThrownBy(() -> ImageFolder.scan(data)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining(data.resolve("cats").toString()).hasMessageContaining("0 to 9");
    }

    @Test
    void folderWithoutClassFoldersIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("photo.jpg"), "x");
        assertThatThrownBy(() -> ImageFolder.scan(dir)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("no class folders");
    }

    /** Two classes, three real photos (one in a nested folder). */
    static Path smallDataset(Path root) throws Exception {
        for (String file : List.of("0/a.jpg", "0/sub/c.png", "1/b.jpg")) {
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(TestImages.MIRROR.resolve(file.startsWith("0") ? "0/IMG_1118.JPG" : "1/IMG_1119.JPG"), target);
        }
        return root;
    }
}
