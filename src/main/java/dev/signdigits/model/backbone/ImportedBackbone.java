package dev.signdigits.model.backbone;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import dev.signdigits.SignDigitsException;
import java.nio.file.Path;
import java.util.List;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.NamedLayer;
import dev.signdigits.model.ParameterShapes;
import dev.signdigits.model.Preprocessing;

/**
 * A backbone read back from {@code models/raw/<name>/}: the network rebuilt by the factory from
 * its metadata, with the imported weights loaded into the caller's manager. Training takes
 * {@link #backbone()} (weights loaded) and appends a new head from {@link MobileNets#head}.
 */
public final class ImportedBackbone {
    private final Path directory;
    private final BackboneMetadata metadata;
    private final List<NamedLayer> layers;
    private final SequentialBlock block;

    private ImportedBackbone(Path directory, BackboneMetadata metadata, List<NamedLayer> layers, SequentialBlock block) {
        this.directory = directory;
        this.metadata = metadata;
        this.layers = layers;
        this.block = block;
    }

    /**
     * Reads {@code dir}: checks metadata format and version, rebuilds the network, loads the
     * parameters (arrays attached to {@code manager}, which the caller closes).
     */
    public static ImportedBackbone load(Path dir, NDManager manager) {
        BackboneMetadata metadata = BackboneStore.readMetadata(dir);
        List<NamedLayer> layers = MobileNets.network(metadata.spec(), metadata.numClasses(), metadata.dropout());
        List<String> names = LayerStack.names(layers);
        if (!names.equals(metadata.layers())) {
            throw new SignDigitsException(dir + " lists layers that this signdigits does not build for "
                    + metadata.spec().id() + "; import the backbone again.");
        }
        SequentialBlock block = LayerStack.sequential(layers);
        BackboneStore.readParameters(dir, metadata, block, manager);
        String wrong = ParameterShapes.mismatch(layers, metadata.numClasses(), metadata.spec().featureChannels());
        if (wrong != null) {
            throw new SignDigitsException(dir.resolve(BackboneMetadata.PARAMETERS_FILE) + " does not fit the "
                    + metadata.spec().id() + " network described by " + BackboneMetadata.FILE + " (" + wrong
                    + "); import the backbone again.");
        }
        return new ImportedBackbone(dir, metadata, layers, block);
    }

    public Path directory() {
        return directory;
    }

    public BackboneMetadata metadata() {
        return metadata;
    }

    public MobileNetSpec spec() {
        return metadata.spec();
    }

    public Preprocessing preprocessing() {
        return metadata.preprocessing();
    }

    /** Every stored layer: backbone, then {@code global_pool} (and dropout + logits for a classifier). */
    public List<NamedLayer> layers() {
        return layers;
    }

    /** The convolutional layers only ({@code conv1} .. {@code conv_pw_13_relu} for v1), weights loaded. */
    public List<NamedLayer> backbone() {
        return layers.subList(0, LayerStack.indexOf(layers, MobileNets.GLOBAL_POOL));
    }

    /** All layers as one block; outputs the pooled feature, or logits for an imported classifier. */
    public SequentialBlock block() {
        return block;
    }
}
