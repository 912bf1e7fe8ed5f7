package dev.tfj.cli;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.MetricsFile;
import dev.tfj.bundle.ModelLayout;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.cli.report.Tables;
import dev.tfj.inference.warmup.WarmupFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tfj inspect}: what {@code saved_model_cli show --all} tells, plus the bundle's metrics. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a SavedModel's tags and signatures (method, every input and output with dtype and shape),",
      "read from saved_model.pb without loading it, and the metrics.json summary when there is one."
    })
public final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A version directory, or a model directory (its latest version).")
  Path path;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = ModelLayout.resolve(path).dir();
    SavedModel saved = read(dir.resolve(BundleFiles.SAVED_MODEL));
    out.println("SavedModel " + dir);
    for (MetaGraphDef meta : saved.getMetaGraphsList()) {
      out.println();
      out.println("MetaGraphDef with tag-set: '" + String.join(", ", meta.getMetaInfoDef().getTagsList()) + "'");
      out.println("  " + writer(meta.getMetaInfoDef()));
      for (Map.Entry<String, SignatureDef> sig : new TreeMap<>(meta.getSignatureDefMap()).entrySet()) {
        out.println();
        out.println("  signature_def['" + sig.getKey() + "']:");
        out.println("    method name: " + sig.getValue().getMethodName());
        printTensors(out, "inputs", sig.getValue().getInputsMap());
        printTensors(out, "outputs", sig.getValue().getOutputsMap());
      }
    }
    out.println();
    out.println(warmup(dir));
    metrics(dir).ifPresentOrElse(m -> printMetrics(out, m), () -> {
      out.println();
      out.println("no " + BundleFiles.METRICS + " (not a tfj bundle)");
    });
    return ExitCodes.OK;
  }

  /** Which TensorFlow wrote the graph, and whether default-valued attributes were left out for older runtimes. */
  static String writer(MetaGraphDef.MetaInfoDef info) {
    if (info.getTensorflowVersion().isEmpty()) {
      return "written by an unrecorded TensorFlow version";
    }
    String git = info.getTensorflowGitVersion().isEmpty() ? "" : " (" + info.getTensorflowGitVersion() + ")";
    return "written by TensorFlow " + info.getTensorflowVersion() + git
        + (info.getStrippedDefaultAttrs() ? ", default-valued attributes left out" : "");
  }

  private static String warmup(Path dir) {
    Optional<Path> file = WarmupFile.find(dir);
    if (file.isEmpty()) {
      return "TF Serving warm-up: none (" + WarmupFile.PATH + ")";
    }
    try {
      return "TF Serving warm-up: " + WarmupFile.read(file.get()).size() + " predict requests in " + WarmupFile.PATH;
    } catch (IOException e) {
      return "TF Serving warm-up: " + WarmupFile.PATH + " cannot be read: " + e.getMessage();
    }
  }

  private static SavedModel read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw UserError.failure(file + " is not a SavedModel protobuf: " + e.getMessage(), e);
    }
  }

  private static void printTensors(PrintWriter out, String what, Map<String, TensorInfo> tensors) {
    out.println("    " + what + ":");
    if (tensors.isEmpty()) {
      out.println("      (none)");
    }
    new TreeMap<>(tensors).forEach((name, info) -> out.printf(
        Locale.ROOT, "      %-16s %-10s %-16s %s%n", name, info.getDtype().name(), shape(info), info.getName()));
  }

  private static String shape(TensorInfo info) {
    TensorShapeProto shape = info.getTensorShape();
    if (!info.hasTensorShape() || shape.getUnknownRank()) {
      return "<unknown>";
    }
    return shape.getDimList().stream().map(d -> Long.toString(d.getSize())).collect(Collectors.joining(",", "[", "]"));
  }

  private static Optional<TrainingMetrics> metrics(Path dir) {
    try {
      return MetricsFile.read(dir);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void printMetrics(PrintWriter out, TrainingMetrics m) {
    out.println();
    out.println(BundleFiles.METRICS + ":");
    out.printf(Locale.ROOT, "  model               %s, %,d parameters%n", m.model(), m.totalParameters());
    if (m.hyperparameters() != null) {
      var h = m.hyperparameters();
      out.printf(Locale.ROOT, "  training            %d epochs, batch %d, %s lr %s%n",
          h.epochs(), h.batchSize(), h.optimizer(), h.learningRate());
      if (h.augmented() || h.labelSmoothing() > 0 || h.warmupEpochs() > 0) {
        out.printf(Locale.ROOT, "  training options    augmentation %s, label smoothing %s, warm-up %d epochs%n",
            Tables.augmentation(h), Tables.number(h.labelSmoothing()), h.warmupEpochs());
      }
    }
    if (m.dataset() != null) {
      out.printf(Locale.ROOT, "  dataset             %s (%,d train / %,d test)%n",
          m.dataset().name(), m.dataset().trainSize(), m.dataset().testSize());
    }
    out.printf(Locale.ROOT, "  test accuracy       %.4f (best %.4f at epoch %d)%n",
        m.finalTestAccuracy(), m.bestTestAccuracy(), m.bestEpoch());
    if (m.epochs() != null && !m.epochs().isEmpty()) {
      out.printf(Locale.ROOT, "  test loss           %.4f%n", m.epochs().get(m.epochs().size() - 1).testLoss());
    }
    out.printf(Locale.ROOT, "  wall time           %.1f s, %,.0f images/s on %s, %s%n",
        m.wallTimeSeconds(), m.imagesPerSecond(), m.device(), m.precision() != null ? m.precision() : "float32");
    out.printf(Locale.ROOT, "  created             %s with TensorFlow %s%n", m.createdAt(), m.tensorflowVersion());
  }
}
