package dev.signdigits.spark;

import dev.signdigits.predict.PhotoPrediction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The output table, one row per input photo (see docs/batch.md):
 * {@code path, digit, confidence, top_k: array<struct<digit, probability>>, model_id, error}.
 * A photo that could not be read has a null digit, confidence and top_k, and an error.
 */
final class PredictionRows {
    static final StructType TOP_K_ENTRY = new StructType()
            .add("digit", DataTypes.StringType, false)
            .add("probability", DataTypes.FloatType, false);

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("digit", DataTypes.StringType, true)
            .add("confidence", DataTypes.FloatType, true)
            .add("top_k", DataTypes.createArrayType(TOP_K_ENTRY, false), true)
            .add("model_id", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true);

    static final Encoder<Row> ENCODER = Encoders.row(SCHEMA);

    private PredictionRows() {}

    static Row of(PhotoPrediction p, String modelId) {
        if (!p.ok()) {
            return RowFactory.create(p.file(), null, null, null, modelId, p.error());
        }
        Row[] topK = p.topK().stream()
                .map(r -> RowFactory.create(r.label(), (float) r.probability()))
                .toArray(Row[]::new);
        return RowFactory.create(p.file(), p.digit(), (float) p.confidence(), topK, modelId, null);
    }
}
