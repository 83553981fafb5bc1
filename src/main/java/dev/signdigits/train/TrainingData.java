package dev.signdigits.train;

import java.util.List;

/**
 * The decoded train/validation/test photos of a run, with the dataset and manifest fingerprints
 * that go into provenance.
 */
record TrainingData(List<String> labels, SplitImages train, SplitImages val, SplitImages test, String datasetHash,
                    String manifestHash, java.nio.file.Path dataDir, int unreadable,
                    HandLocations hands) {

    static TrainingData load(TrainingConfig config) {
        return TrainingDataLoader.load(config);
    }
}
