package dev.signdigits.spark;

import dev.signdigits.hand.HandResult;
import dev.signdigits.predict.PhotoPrediction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The output table, one row per input photo (see docs/batch.md):
 * {@code path, digit, confidence, top_k: array<struct<digit, probability>>, model_id, error,
 * hand_found, hand_box: array<float>, reason, not_sure}. A photo that could not be read has a null
 * digit, confidence and top_k, and an error. A photo classified below the job's confidence floor is
 * "not sure": a null digit, {@code not_sure} true, and its confidence and top_k (the best guess
 * first) kept; {@code not_sure} is false for a photo with a digit, null where nothing was classified. With a model trained with the hand locator, {@code hand_found}
 * says whether it found a hand and {@code hand_box} where (x, y, w, h in the photo's pixels); a
 * photo without a hand is read, not an error: a null digit and a {@code reason}. With a model that
 * reads whole photos both hand columns are null.
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
            .add("error", DataTypes.StringType, true)
            .add("hand_found", DataTypes.BooleanType, true)
            .add("hand_box", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("reason", DataTypes.StringType, true)
            .add("not_sure", DataTypes.BooleanType, true);

    static final Encoder<Row> ENCODER = Encoders.row(SCHEMA);

    private PredictionRows() {}

    static Row of(PhotoPrediction p, String modelId) {
        if (!p.ok()) {
            return RowFactory.create(p.file(), null, null, null, modelId, p.error(), null, null, null, null);
        }
        HandResult hand = p.hand();
        if (hand instanceof HandResult.NoHand none) {
            return RowFactory.create(p.file(), null, null, null, modelId, null, false, null, none.reason(), null);
        }
        Row[] topK = p.topK().stream()
                .map(r -> RowFactory.create(r.label(), (float) r.probability()))
                .toArray(Row[]::new);
        Float[] box = hand instanceof HandResult.Found found ? boxed(found.box().toArray()) : null;
        return RowFactory.create(p.file(), p.digit(), (float) p.confidence(), topK, modelId, null,
                hand == null ? null : true, box, null, p.notSure());
    }

    private static Float[] boxed(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
