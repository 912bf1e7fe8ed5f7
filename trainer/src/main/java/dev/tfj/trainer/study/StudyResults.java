package dev.tfj.trainer.study;

import dev.tfj.trainer.data.ImageSet;
import java.util.List;
import java.util.stream.IntStream;

/** A finished study: its plan, every run's result, and the test set they were evaluated on. */
public record StudyResults(StudyPlan plan, String datasetName, ImageSet test, List<RunResult> runs) {

  /** Copies the runs. */
  public StudyResults {
    runs = List.copyOf(runs);
  }

  /** The result of the run called {@code name}. */
  public RunResult run(String name) {
    return runs.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run " + name + " in the study"));
  }

  /** Each model of the comparison summarised over its seeds. */
  public List<GroupSummary> comparison() {
    return plan.comparison().stream().map(this::summary).toList();
  }

  /** Each arm of the ablation summarised over its seeds; empty without the ablation. */
  public List<GroupSummary> ablation() {
    return plan.ablationArms().stream().map(this::summary).toList();
  }

  /** {@code group} summarised over its seeds. */
  public GroupSummary summary(StudyGroup group) {
    return GroupSummary.of(group, group.runs().stream().map(this::run).toList());
  }

  /** The test images every run of the study misclassifies, ascending. */
  public int[] sharedErrors() {
    return IntStream.range(0, test.count())
        .filter(i -> runs.stream().allMatch(r -> r.predictions()[i] != test.label(i)))
        .toArray();
  }
}
