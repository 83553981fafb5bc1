package dev.signdigits.model.tflite;

import dev.signdigits.SignDigitsException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A parsed TFLite file: schema version, operator table, subgraphs and the constant buffers (views
 * into the file's bytes, not copies). Built by {@link TfliteReader}.
 */
public final class TfliteModel {
    private final String source;
    private final int version;
    private final String description;
    private final List<OperatorCode> operatorCodes;
    private final List<TfliteSubgraph> subgraphs;
    private final List<ByteBuffer> buffers;
    private final Map<String, Integer> metadata;

    TfliteModel(String source, int version, String description, List<OperatorCode> operatorCodes,
                List<TfliteSubgraph> subgraphs, List<ByteBuffer> buffers, Map<String, Integer> metadata) {
        this.source = source;
        this.version = version;
        this.description = description;
        this.operatorCodes = List.copyOf(operatorCodes);
        this.subgraphs = List.copyOf(subgraphs);
        this.buffers = List.copyOf(buffers);
        this.metadata = Map.copyOf(metadata);
    }

    /** The file name or label used in messages. */
    public String source() {
        return source;
    }

    public int version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<OperatorCode> operatorCodes() {
        return operatorCodes;
    }

    public List<TfliteSubgraph> subgraphs() {
        return subgraphs;
    }

    /** Subgraph 0, the one the interpreter runs. */
    public TfliteSubgraph mainGraph() {
        if (subgraphs.isEmpty()) {
            throw new SignDigitsException(source + " contains no subgraph; it is not a usable TFLite model.");
        }
        return subgraphs.get(0);
    }

    public int bufferCount() {
        return buffers.size();
    }

    /** Metadata entries: name to buffer index. */
    public Map<String, Integer> metadata() {
        return metadata;
    }

    /** The raw little-endian bytes of buffer {@code index} (empty for activations). */
    public ByteBuffer buffer(int index) {
        if (index < 0 || index >= buffers.size()) {
            throw new SignDigitsException(source + " refers to buffer " + index + " but has only "
                    + buffers.size() + " buffers; the file is corrupt.");
        }
        return buffers.get(index).duplicate().order(buffers.get(index).order());
    }

    /** The constant data of a tensor; empty if it has none. */
    public ByteBuffer data(TfliteTensor tensor) {
        return buffer(tensor.buffer());
    }
}
