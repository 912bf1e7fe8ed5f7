package dev.tfj.cli;

import dev.tfj.cli.report.StudyReportWriter;
import dev.tfj.cli.report.StudyTables;
import dev.tfj.cli.report.Tables;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.LeNet5;
import dev.tfj.trainer.model.RegularizedLeNet5;
import dev.tfj.trainer.study.GroupSummary;
import dev.tfj.trainer.study.Regularization;
import dev.tfj.trainer.study.Study;
import dev.tfj.trainer.study.StudyPlan;
import dev.tfj.trainer.study.StudyPlanMismatchException;
import dev.tfj.trainer.study.StudyResults;
import dev.tfj.trainer.study.StudyRun;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.GpuCheck;
import dev.tfj.trainer.train.GpuUnavailableException;
import dev.tfj.trainer.train.InvalidTrainingConfigException;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.ResumeMismatchException;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfj study}: every model over several seeds, optionally the regularisation ablation, and its report. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train every model over several seeds (and with --ablation LeNet-5 with none, each and all of dropout, batch"
          + " norm and L2), then write index.html and report.md: mean ± std and min–max per model, curves with"
          + " bands, layer tables, per-digit accuracy, the digits every run gets wrong, and each run's command.",
      "Bundles go to <out>/models/<run>/1/. Stopped, the same command continues: finished runs are reused, a"
          + " half-trained one resumes from its checkpoint."
    })
public final class StudyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      split = ",",
      defaultValue = "lenet5,mlp,lenet5-reg",
      paramLabel = "MODEL",
      description = "Models to compare, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      paramLabel = "N",
      description = "Seeds 1..N per model (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--ablation", description = "Also train LeNet-5 with none / dropout / batch norm / L2 / all three.")
  boolean ablation;

  @Option(names = {"-e", "--epochs"}, description = "Epochs of every run (default: ${DEFAULT-VALUE}).")
  int epochs = TrainingConfig.DEFAULT_EPOCHS;

  @Option(
      names = "--model-epochs",
      paramLabel = "MODEL=N",
      description = "Epochs of one model's runs instead of --epochs, e.g. mlp=30; repeatable.")
  Map<String, Integer> modelEpochs = new LinkedHashMap<>();

  @Option(
      names = "--model-lr",
      paramLabel = "MODEL=LR",
      description = "Learning rate of one model's runs instead of --lr, e.g. lenet5-reg=0.05; repeatable.")
  Map<String, Double> modelLearningRates = new LinkedHashMap<>();

  @Mixin RecipeOptions recipe;

  @Mixin DataOptions data;

  @Option(
      names = {"-o", "--out"},
      defaultValue = "study",
      paramLabel = "DIR",
      description = "Study directory: study.json, models/, index.html, report.md (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--digits", defaultValue = "40", paramLabel = "N",
      description = "Digits every run gets wrong to show (default: ${DEFAULT-VALUE}).")
  int digits;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    try {
      return study();
    } catch (InvalidTrainingConfigException e) {
      throw RecipeOptions.error(e);
    } catch (StudyPlanMismatchException e) {
      throw UserError.failure(
          "--out " + e.dir() + " holds another study (" + String.join("; ", e.differences()) + "); repeat that"
              + " study's options to continue it, or choose another --out",
          e);
    } catch (GpuUnavailableException e) {
      throw RecipeOptions.error(e);
    } catch (TrainingDivergedException e) {
      throw RecipeOptions.error(e);
    } catch (ResumeMismatchException e) {
      throw UserError.failure("the checkpoint in " + e.checkpointDir() + " belongs to another run; remove it", e);
    }
  }

  private int study() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StudyPlan plan = plan();
    if (digits < 0) {
      throw UserError.usage("--digits must not be negative, got " + digits);
    }
    requireWritable(this.out);
    if (recipe.device == Device.GPU) {
      GpuCheck.requireGpu(); // before the data is loaded, or fetched, for nothing
    }
    Dataset dataset = data.load(err);
    out.printf(Locale.ROOT, "study of %d runs in %s on %s (%,d train / %,d test images)%n", plan.runs().size(),
        this.out, dataset.name(), dataset.train().count(), dataset.test().count());
    out.flush();
    StudyResults results;
    try (StudyProgress progress = new StudyProgress(out, err)) {
      results = Study.run(this.out, plan, dataset, progress);
    }
    List<Path> pages;
    try {
      pages = StudyReportWriter.write(results, this.out, digits, this::trainCommand);
    } catch (IOException e) {
      throw UserError.failure("cannot write the report to " + this.out + " (" + e.getMessage() + ")", e);
    }
    List<GroupSummary> groups = new ArrayList<>(results.comparison());
    groups.addAll(results.ablation());
    for (GroupSummary g : groups) {
      out.printf(Locale.ROOT, "%-16s final test accuracy %s (%s) over %d seed%s%n", g.group().label(),
          StudyTables.percent(g.finalAccuracy()), StudyTables.percentRange(g.finalAccuracy()), g.runs().size(),
          g.runs().size() == 1 ? "" : "s");
    }
    out.printf(Locale.ROOT, "wrote %s and %s%n", pages.get(0), pages.get(1));
    return ExitCodes.OK;
  }

  /** The study's plan from the options, every option checked in the user's words. */
  StudyPlan plan() {
    if (seeds < 1) {
      throw UserError.usage("--seeds must be at least 1, got " + seeds);
    }
    List<String> names = models.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
    if (names.isEmpty() && !ablation) {
      throw UserError.usage("--models names no model; name at least one, or use --ablation alone");
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw UserError.usage("--models names a model twice: " + String.join(",", names));
    }
    names.forEach(TrainCommand::architecture);
    requireTrained("--model-epochs", modelEpochs, names);
    requireTrained("--model-lr", modelLearningRates, names);
    for (Map.Entry<String, Integer> e : modelEpochs.entrySet()) {
      if (e.getValue() < 1) {
        throw UserError.usage("--model-epochs " + e.getKey() + " must be at least 1, got " + e.getValue());
      }
    }
    List<Long> seedList = LongStream.rangeClosed(1, seeds).boxed().toList();
    return StudyPlan.of(names, seedList, ablation, this::config);
  }

  /** Refuses per-model values of {@code option} for a model the study does not train. */
  private void requireTrained(String option, Map<String, ? extends Number> perModel, List<String> names) {
    for (Map.Entry<String, ? extends Number> e : perModel.entrySet()) {
      boolean trained =
          names.contains(e.getKey())
              || (ablation && (e.getKey().equals(LeNet5.NAME) || e.getKey().equals(RegularizedLeNet5.NAME)));
      if (!trained) {
        throw UserError.usage(option + " " + e.getKey() + "=" + e.getValue() + ": the study trains no "
            + e.getKey() + " (models: " + String.join(",", names) + (ablation ? ", and the ablation's lenet5 and"
            + " lenet5-reg" : "") + ")");
      }
    }
  }

  /**
   * The one place a study run's training settings are made from the options: {@code arch} with {@code seed} and
   * the regularisation the plan asks for. A new training option goes here and in {@link #trainCommand}.
   */
  TrainingConfig config(Architecture arch, long seed, Regularization regularization) {
    return recipe.config(
        arch.name(),
        modelEpochs.getOrDefault(arch.name(), epochs),
        modelLearningRates.getOrDefault(arch.name(), recipe.learningRate()),
        regularization.weightDecay(),
        regularization.dropout(),
        seed);
  }

  /** The {@code tfj train} command that trains {@code run} again by itself, into saved-models/<run>. */
  String trainCommand(StudyRun run) {
    TrainingConfig c = run.config();
    StringBuilder s = new StringBuilder("./tfj train");
    s.append(" --model ").append(c.model())
        .append(" --seed ").append(c.seed())
        .append(" --epochs ").append(c.epochs())
        .append(" --batch-size ").append(c.batchSize())
        .append(" --optimizer ").append(c.optimizer().id())
        .append(" --lr ").append(Tables.number(c.learningRate()))
        .append(" --lr-schedule ").append(c.schedule().id())
        .append(" --momentum ").append(Tables.number(c.momentum()))
        .append(" --weight-decay ").append(Tables.number(c.weightDecay()))
        .append(" --dropout ").append(Tables.number(c.dropout()));
    if (c.device() != TrainingConfig.DEFAULT_DEVICE) {
      s.append(" --device ").append(c.device().id());
    }
    if (c.threads() != TrainingConfig.DEFAULT_THREADS) {
      s.append(" --threads ").append(c.threads());
    }
    RecipeOptions.appendFlags(s, c);
    if (data.dataDir != null) {
      s.append(" --data-dir ").append(data.dataDir);
    } else if (!data.dataset.equals("mnist")) {
      s.append(" --dataset ").append(data.dataset);
    }
    return s.append(" --name ").append(run.name()).toString();
  }

  private static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-test", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw UserError.failure(
          "cannot write to --out " + dir + " (" + e.getMessage() + "); choose a writable directory", e);
    }
  }
}
