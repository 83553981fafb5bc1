package dev.signdigits.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.data.split.ManifestEntry;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.model.store.FinetunedMetadata;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.model.tflite.TfliteModel;
import dev.signdigits.model.tflite.TfliteReader;
import dev.signdigits.model.tflite.TfliteWriter;
import dev.signdigits.runtime.djl.DjlDigitClassifier;
import dev.signdigits.image.ModelInput;
import dev.signdigits.runtime.onnx.OnnxDigitClassifier;
import dev.signdigits.runtime.TensorClassifier;
import dev.signdigits.runtime.tflite.TfliteDigitClassifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.ExportMetadata;
import dev.signdigits.model.store.Quantize;

/**
 * Exports the shared test model in every format and runs each file in its independent runtime
 * (TFLite, ONNX Runtime) on the model's whole test split, against the DJL model as reference.
 */
@Tag("slow")
class ExportAgreementTest {
    @TempDir
    static Path out;

    static Path modelDir;
    static FinetunedMetadata model;
    static List<ManifestEntry> test;
    static float[] inputs;
    static List<float[]> reference;
    static ExportResult float32;
    static ExportResult float16;
    static ExportResult int8;
    static ExportResult onnx;

    @BeforeAll
    static void exportAndRunReference() {
        modelDir = TrainedTestModel.directory();
        model = FinetunedModel.readMetadata(modelDir);
        float32 = export(ExportFormat.TFLITE, Quantize.NONE);
        float16 = export(ExportFormat.TFLITE, Quantize.FLOAT16);
        int8 = export(ExportFormat.TFLITE, Quantize.INT8);
        onnx = export(ExportFormat.ONNX, Quantize.NONE);
        test = SplitManifest.read(modelDir.resolve("split.csv")).entries(Split.TEST);
        ModelInput preprocessor = new ModelInput(model.inputSize(), model.preprocessing().mean(),
                model.preprocessing().std());
        ImageDecoder decoder = new ImageDecoder();
        int per = preprocessor.valuesPerImage();
        inputs = new float[test.size() * per];
        for (int i = 0; i < test.size(); i++) {
            preprocessor.toChw(preprocessor.resize(decoder.decode(TrainedTestModel.DATA.resolve(test.get(i).file())).rgb()),
                    inputs, i * per);
        }
        try (DjlDigitClassifier djl = DjlDigitClassifier.open(modelDir)) {
            reference = djl.classifyTensor(inputs, test.size());
        }
    }

    private static ExportResult export(ExportFormat format, Quantize quantize) {
        return ModelExporter.export(new ExportRequest(modelDir, format, quantize,
                out.resolve(ExportFiles.fileName(format, quantize)), TrainedTestModel.DATA,
                ExportRequest.DEFAULT_CALIBRATION_IMAGES));
    }

    @Test
    void float32TfliteAgreesWithDjlOnEveryTestPhoto() {
        List<float[]> tflite;
        try (TfliteDigitClassifier runtime = TfliteDigitClassifier.open(float32.file())) {
            tflite = runtime.classifyTensor(inputs, test.size());
        }
        assertThat(argmaxes(tflite)).containsExactly(argmaxes(reference));
        assertThat(maxDifference(tflite, reference)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void onnxAgreesWithDjlOnEveryTestPhoto() {
        List<float[]> ort;
        try (OnnxDigitClassifier runtime = OnnxDigitClassifier.open(onnx.file())) {
            ort = runtime.classifyTensor(inputs, test.size());
        }
        assertThat(argmaxes(ort)).containsExactly(argmaxes(reference));
        assertThat(maxDifference(ort, reference)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void float16HalvesTheFileAndStaysCloseToDjl() {
        List<float[]> half = run(float16);
        assertThat(float16.sizeRatio()).isLessThan(0.55);
        assertThat(maxDifference(half, reference)).as("float16 weights carry 11 significant bits").isLessThan(0.05);
        assertThat(agreement(half, reference)).isGreaterThanOrEqualTo(0.98);
        assertThat(accuracy(half)).isGreaterThanOrEqualTo(accuracy(reference) - 0.005);
    }

    @Test
    void int8LosesAtMostHalfAPointAndIsAtMost30PercentOfFloat32() {
        List<float[]> quantized = run(int8);
        double djl = accuracy(reference);
        assertThat(djl).as("the reference model must have learned something").isGreaterThan(0.8);
        assertThat(accuracy(quantized)).as("int8 accuracy vs DJL %.4f", djl).isGreaterThanOrEqualTo(djl - 0.005);
        assertThat(int8.bytes()).isLessThanOrEqualTo((long) (0.30 * float32.bytes()));
        assertThat(int8.calibrationImages()).isEqualTo(ExportRequest.DEFAULT_CALIBRATION_IMAGES);
    }

    @Test
    void tfliteFilesCarryLabelsInputAndNormalization() {
        TfliteModel file = TfliteReader.read(int8.file());
        ByteBuffer buffer = file.buffer(file.metadata().get(TfliteWriter.METADATA_NAME));
        byte[] json = new byte[buffer.remaining()];
        buffer.get(json);
        ExportMetadata m = ExportMetadata.fromJson(new String(json, StandardCharsets.UTF_8), "test");
        assertThat(m.labels()).isEqualTo(model.labels());
        assertThat(m.inputSize()).isEqualTo(model.inputSize());
        assertThat(m.input().layout()).isEqualTo("NHWC");
        assertThat(m.input().shape()).containsExactly(1, model.inputSize(), model.inputSize(), 3);
        assertThat(m.input().mean()).isEqualTo(model.preprocessing().mean());
        assertThat(m.input().std()).isEqualTo(model.preprocessing().std());
        assertThat(m.quantization()).isEqualTo("int8");
        assertThat(m.modelId()).isEqualTo(model.id());
        assertThat(m.provenance()).containsEntry("run_id", model.id()).containsKey("dataset_sha256");
        assertThat(file.mainGraph().input(0).shape()).containsExactly(1, model.inputSize(), model.inputSize(), 3);
    }

    @Test
    void onnxFileCarriesTheSameFactsInMetadataProps() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.file().toString(), new OrtSession.SessionOptions())) {
            Map<String, String> props = session.getMetadata().getCustomMetadata();
            assertThat(props).containsEntry("labels", String.join(",", model.labels()))
                    .containsEntry("model_id", model.id())
                    .containsKey("provenance.dataset_sha256");
            ExportMetadata m = ExportMetadata.fromJson(props.get(ExportMetadata.KEY), "test");
            assertThat(m.input().layout()).isEqualTo("NCHW");
            assertThat(m.input().shape()).containsExactly(-1, 3, model.inputSize(), model.inputSize());
            assertThat(session.getInputInfo().get("input").getInfo().toString()).contains("shape=[-1, 3, "
                    + model.inputSize() + ", " + model.inputSize() + "]");
        }
    }

    private static List<float[]> run(ExportResult export) {
        try (TfliteDigitClassifier runtime = TfliteDigitClassifier.open(export.file())) {
            return runtime.classifyTensor(inputs, test.size());
        }
    }

    private static int[] argmaxes(List<float[]> probabilities) {
        return probabilities.stream().mapToInt(ExportAgreementTest::argmax).toArray();
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return max;
    }

    private static double agreement(List<float[]> a, List<float[]> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += argmax(a.get(i)) == argmax(b.get(i)) ? 1 : 0;
        }
        return (double) same / a.size();
    }

    private static double accuracy(List<float[]> probabilities) {
        int right = 0;
        for (int i = 0; i < probabilities.size(); i++) {
            right += model.labels().get(argmax(probabilities.get(i))).equals(test.get(i).label()) ? 1 : 0;
        }
        return (double) right / probabilities.size();
    }
}
