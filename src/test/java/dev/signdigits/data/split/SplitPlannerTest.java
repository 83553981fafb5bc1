package dev.signdigits.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitPlannerTest {
    static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static DatasetIndex mirror;
    private static GroupsFile groups;

    @BeforeAll
    static void scan() {
        mirror = ImageFolder.scan(MIRROR);
        groups = GroupsFile.read(MIRROR.resolve(GroupsFile.FILE_NAME));
    }

    /** The acceptance check: no group in two splits, every class within 2 photos of its share. */
    @ParameterizedTest
    @ValueSource(longs = {42, 1, 2024})
    void groupedSplitOfTheMirrorKeepsGroupsWholeAndClassesBalanced(long seed) {
        SplitPlan plan = SplitPlanner.plan(mirror, groups, SplitFractions.DEFAULT, seed);
        SplitManifest manifest = plan.manifest();

        assertThat(manifest.entries()).extracting(ManifestEntry::file)
                .containsExactlyElementsOf(mirror.entries().stream().map(LabeledFile::relativePath).toList());
        Map<String, Split> splitOfGroup = new HashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            Split earlier = splitOfGroup.putIfAbsent(entry.group(), entry.split());
            assertThat(earlier == null || earlier == entry.split()).as("group %s in two splits", entry.group()).isTrue();
        }
        Map<String, Integer> perClass = mirror.countsPerLabel();
        for (String label : mirror.labels()) {
            for (Split split : Split.values()) {
                long count = manifest.entries(split).stream().filter(e -> e.label().equals(label)).count();
                double share = perClass.get(label) * SplitFractions.DEFAULT.of(split);
                assertThat(Math.abs(count - share)).as("class %s in %s: %d vs share %.1f", label, split, count, share)
                        .isLessThanOrEqualTo(2.0);
            }
        }
        assertThat(plan.summary().maxDeviation()).isLessThanOrEqualTo(2.0);
        assertThat(plan.summary().grouped()).isTrue();
        assertThat(plan.summary().ungrouped()).isEmpty();
        assertThat(plan.summary().missingOnDisk()).isEmpty();
        assertThat(manifest.metadata().datasetSha256()).isEqualTo(mirror.contentHash());
        assertThat(manifest.matches(mirror)).isTrue();
    }

    @Test
    void sameSeedGivesAByteIdenticalManifestAndAnotherSeedAnotherSplit(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a/split.csv");
        Path second = dir.resolve("b/split.csv");
        SplitPlanner.plan(mirror, groups, SplitFractions.DEFAULT, 42).manifest().write(first);
        SplitPlanner.plan(ImageFolder.scan(MIRROR), GroupsFile.readIfPresent(MIRROR), SplitFractions.DEFAULT, 42)
                .manifest().write(second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));

        SplitManifest other = SplitPlanner.plan(mirror, groups, SplitFractions.DEFAULT, 43).manifest();
        assertThat(other.toCsv()).isNotEqualTo(Files.readString(first));
    }

    @Test
    void manifestRoundTripsThroughItsFile(@TempDir Path dir) {
        SplitManifest manifest = SplitPlanner.plan(mirror, groups, new SplitFractions(0.8, 0.1, 0.1), 5).manifest();
        Path file = dir.resolve("processed/split.csv");
        manifest.write(file);

        SplitManifest read = SplitManifest.read(file);
        assertThat(read).isEqualTo(manifest);
        assertThat(read.metadata().fractions()).isEqualTo(new SplitFractions(0.8, 0.1, 0.1));
        assertThat(read.metadata().seed()).isEqualTo(5);
        List<LabeledFile> test = read.files(Split.TEST);
        assertThat(test).isNotEmpty().allSatisfy(f ->
                assertThat(f.relativePath()).startsWith(read.metadata().labels().get(f.label()) + "/"));
        assertThat(read.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(mirror.size());
    }

    @Test
    void withoutGroupsEachClassIsSplitByItsShare() {
        SplitPlan plan = SplitPlanner.plan(mirror, null, SplitFractions.DEFAULT, 42);
        assertThat(plan.manifest().metadata().grouped()).isFalse();
        assertThat(plan.summary().maxDeviation()).isLessThanOrEqualTo(1.0);
        assertThat(plan.manifest().entries()).extracting(ManifestEntry::group).doesNotHaveDuplicates();
    }

    @Test
    void groupsFileMismatchesAreReportedAndUngroupedPhotosBecomeSingletons(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        for (String file : List.of("0/a.jpg", "0/b.jpg", "1/c.jpg", "1/d.jpg", "1/e.jpg")) {
            Files.createDirectories(data.resolve(file).getParent());
            Files.copy(MIRROR.resolve("0/IMG_1118.JPG"), data.resolve(file));
        }
        Path groupsCsv = Files.writeString(dir.resolve("groups.csv"), String.join("\n",
                "file,label,group", "0/a.jpg,0,alice", "1/c.jpg,1,alice", "0/b.jpg,1,bob", "1/gone.jpg,1,bob", ""));

        SplitPlan plan = SplitPlanner.plan(ImageFolder.scan(data), GroupsFile.read(groupsCsv), SplitFractions.DEFAULT, 42);

        SplitSummary summary = plan.summary();
        assertThat(summary.missingOnDisk()).containsExactly("1/gone.jpg");
        assertThat(summary.ungrouped()).containsExactly("1/d.jpg", "1/e.jpg");
        assertThat(summary.labelMismatches()).containsExactly("0/b.jpg");
        assertThat(summary.groupCount()).isEqualTo(4);
        assertThat(summary.toText()).contains("1/gone.jpg").contains("own group");
        Map<String, ManifestEntry> byFile = new HashMap<>();
        plan.manifest().entries().forEach(e -> byFile.put(e.file(), e));
        assertThat(byFile.get("0/a.jpg").split()).isEqualTo(byFile.get("1/c.jpg").split());
        assertThat(byFile.get("1/d.jpg").group()).isNotEqualTo(byFile.get("1/e.jpg").group());
    }

    @Test
    void malformedFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path badGroups = Files.writeString(dir.resolve("groups.csv"), "file,label,group\n0/a.jpg,0\n");
        assertThatThrownBy(() -> GroupsFile.read(badGroups)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("line 2").hasMessageContaining(badGroups.toString());
        Path escaping = Files.writeString(dir.resolve("g2.csv"), "file,label,group\n../etc/passwd,0,x\n");
        assertThatThrownBy(() -> GroupsFile.read(escaping)).hasMessageContaining("../etc/passwd");

        Path badManifest = Files.writeString(dir.resolve("split.csv"), "# seed: 1\nfile,label,group,split\n0/a.jpg,0,g,holdout\n");
        assertThatThrownBy(() -> SplitManifest.read(badManifest)).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("line 3").hasMessageContaining("holdout");
        assertThatThrownBy(() -> SplitManifest.read(dir.resolve("missing.csv"))).hasMessageContaining("data split");
        assertThatThrownBy(() -> new SplitFractions(0.7, 0.2, 0.2)).hasMessageContaining("sum to 1");
    }
}
