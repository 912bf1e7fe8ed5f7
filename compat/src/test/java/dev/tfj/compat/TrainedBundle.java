package dev.tfj.compat;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ServingSignature;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.Tfj;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * A bundle freshly exported by {@code tfj train}, with what another runtime needs to run it: the graph tensors
 * behind {@code serving_default}'s {@code images} and {@code classes}, and what {@code metrics.json} says.
 */
record TrainedBundle(String model, Path dir, String imagesTensor, String classesTensor, TrainingMetrics metrics) {

  /** Trains {@code model} for one epoch through the CLI, in this JVM (TF Java 1.1.0), into {@code root}. */
  static TrainedBundle train(String model, Path root, Path mnist) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Tfj.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "train", "--model", model, "--epochs", "1", "--data-dir", mnist.toString(),
            "-o", root.resolve("models").toString(),
            "--checkpoint-dir", root.resolve("checkpoints").resolve(model).toString());
    if (exit != 0) {
      throw new AssertionError("tfj train --model " + model + " exited " + exit + ":\n" + out + err);
    }
    return read(model, root.resolve("models").resolve(model).resolve("1"));
  }

  /** Reads the serving signature's tensor names from {@code saved_model.pb} and the bundle's metrics. */
  static TrainedBundle read(String model, Path dir) throws IOException {
    SavedModel savedModel;
    try (InputStream in = Files.newInputStream(dir.resolve(BundleFiles.SAVED_MODEL))) {
      savedModel = SavedModel.parseFrom(in);
    }
    MetaGraphDef serve =
        savedModel.getMetaGraphsList().stream()
            .filter(m -> m.getMetaInfoDef().getTagsList().contains(ServingSignature.TAG))
            .findFirst()
            .orElseThrow(() -> new AssertionError(model + ": no meta graph tagged " + ServingSignature.TAG));
    SignatureDef signature = serve.getSignatureDefOrThrow(ServingSignature.KEY);
    return new TrainedBundle(
        model,
        dir,
        signature.getInputsOrThrow(ServingSignature.INPUT_IMAGES).getName(),
        signature.getOutputsOrThrow(ServingSignature.OUTPUT_CLASSES).getName(),
        MetricsFile.read(dir).orElseThrow(() -> new AssertionError(model + ": no metrics.json in " + dir)));
  }

  /** The test accuracy recorded at export, to the four decimals the comparison uses. */
  String recordedAccuracy() {
    return String.format(Locale.ROOT, "%.4f", metrics.finalTestAccuracy());
  }
}
