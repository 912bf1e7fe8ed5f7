package dev.tfj.trainer.study;

import dev.tfj.trainer.model.Architecture;
import dev.tfj.trainer.model.Architectures;
import dev.tfj.trainer.train.TrainingConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a study trains: every model over every seed, and with {@code ablation} the five regularisation arms of
 * LeNet-5 over the same seeds. Runs with identical settings are trained once and shared by every group that
 * needs them (the ablation's "none" is plain {@code lenet5}, "all three" is {@code lenet5-reg}).
 *
 * @param runs every run to train, in training order, each with distinct settings
 * @param comparison one group per model
 * @param ablationArms one group per {@link AblationArm}, empty without the ablation
 */
public record StudyPlan(
    List<String> models,
    List<Long> seeds,
    boolean ablation,
    List<StudyRun> runs,
    List<StudyGroup> comparison,
    List<StudyGroup> ablationArms) {

  /** Copies the lists. */
  public StudyPlan {
    models = List.copyOf(models);
    seeds = List.copyOf(seeds);
    runs = List.copyOf(runs);
    comparison = List.copyOf(comparison);
    ablationArms = List.copyOf(ablationArms);
  }

  /**
   * The plan for {@code models} over {@code seeds}, with the ablation when asked, each run's settings made by
   * {@code settings}.
   *
   * @throws IllegalArgumentException for an unknown model, no models or no seeds
   */
  public static StudyPlan of(List<String> models, List<Long> seeds, boolean ablation, RunSettings settings) {
    if (models.isEmpty() && !ablation) {
      throw new IllegalArgumentException("a study needs at least one model");
    }
    if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException("a study needs distinct seeds, got " + seeds);
    }
    Map<TrainingConfig, StudyRun> runs = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    List<StudyGroup> comparison = new ArrayList<>();
    for (String model : models) {
      Architecture arch = Architectures.require(model);
      List<String> group = new ArrayList<>();
      for (long seed : seeds) {
        group.add(add(runs, names, model, settings, arch, seed, Regularization.defaults(arch)));
      }
      comparison.add(new StudyGroup(model, model, group));
    }
    List<StudyGroup> arms = new ArrayList<>();
    if (ablation) {
      for (AblationArm arm : AblationArm.values()) {
        Architecture arch = Architectures.require(arm.model());
        List<String> group = new ArrayList<>();
        for (long seed : seeds) {
          group.add(add(runs, names, arm.runPrefix(), settings, arch, seed, arm.regularization()));
        }
        arms.add(new StudyGroup(arm.label(), arm.model(), group));
      }
    }
    return new StudyPlan(models, seeds, ablation, List.copyOf(runs.values()), comparison, arms);
  }

  /** The run called {@code name}. */
  public StudyRun run(String name) {
    return runs.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run " + name + " in the plan"));
  }

  /** The comparison's groups, then the ablation's. */
  public List<StudyGroup> groups() {
    List<StudyGroup> all = new ArrayList<>(comparison);
    all.addAll(ablationArms);
    return all;
  }

  private static String add(
      Map<TrainingConfig, StudyRun> runs,
      Set<String> names,
      String prefix,
      RunSettings settings,
      Architecture arch,
      long seed,
      Regularization regularization) {
    TrainingConfig config = settings.config(arch, seed, regularization);
    if (!config.model().equals(arch.name())
        || config.seed() != seed
        || config.dropout() != regularization.dropout()
        || config.weightDecay() != regularization.weightDecay()) {
      throw new IllegalArgumentException(
          "run settings for " + arch.name() + " seed " + seed + " " + regularization + " came back as " + config);
    }
    StudyRun same = runs.get(config);
    if (same != null) {
      return same.name();
    }
    String name = prefix + "-s" + seed;
    for (int n = 2; !names.add(name); n++) {
      name = prefix + "-" + n + "-s" + seed;
    }
    runs.put(config, new StudyRun(name, config));
    return name;
  }
}
