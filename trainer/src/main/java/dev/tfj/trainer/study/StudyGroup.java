package dev.tfj.trainer.study;

import java.util.List;

/**
 * Runs that differ only in their seed, summarised together: a model of the comparison, or an arm of the ablation.
 *
 * @param label how the report names the group, e.g. {@code lenet5} or {@code dropout only}
 * @param runs the names of its runs, one per seed
 */
public record StudyGroup(String label, String model, List<String> runs) {

  /** Copies the run names. */
  public StudyGroup {
    runs = List.copyOf(runs);
  }
}
