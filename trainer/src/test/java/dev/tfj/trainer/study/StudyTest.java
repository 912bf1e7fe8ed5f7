package dev.tfj.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.bundle.BundleFiles;
import dev.tfj.bundle.DatasetInfo;
import dev.tfj.bundle.EpochMetrics;
import dev.tfj.bundle.TrainingMetrics;
import dev.tfj.trainer.data.Dataset;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training on a slice of MNIST: a study killed halfway continues where it stopped. */
class StudyTest {

  private static Dataset small;

  @BeforeAll
  static void loadSlice() {
    Dataset mnist = DatasetLoader.load(Path.of(System.getProperty("tfj.test.mnist")));
    small = slice(mnist, 3_000, 1_000);
  }

  /** The first {@code train} and {@code test} images of {@code data}. */
  static Dataset slice(Dataset data, int train, int test) {
    return new Dataset(
        data.name() + "-slice",
        first(data.train(), train),
        first(data.test(), test),
        new DatasetInfo(data.name() + "-slice", train, test, "slice-" + train + "-" + test + "-" + data.info().sha256(),
            Map.of()));
  }

  private static ImageSet first(ImageSet set, int n) {
    return new ImageSet(
        n, set.rows(), set.cols(), Arrays.copyOf(set.pixels(), n * set.pixelsPerImage()),
        Arrays.copyOf(set.labels(), n));
  }

  @Test
  void killedStudyReusesFinishedRunsAndResumesTheHalfDoneOne(@TempDir Path dir) throws Exception {
    StudyPlan plan = StudyPlan.of(List.of("mlp"), List.of(1L, 2L), false, StudyPlanTest.settings(2));
    StudyListener killInSecondRun =
        new StudyListener() {
          @Override
          public void epochFinished(RunProgress progress, EpochMetrics metrics) {
            if (progress.index() == 2) {
              throw new IllegalStateException("killed in run 2 after epoch " + metrics.epoch());
            }
          }
        };

    assertThatThrownBy(() -> Study.run(dir, plan, small, killInSecondRun))
        .hasMessage("killed in run 2 after epoch 1");
    Path first = Study.bundleDir(dir, plan.run("mlp-s1"));
    byte[] firstMetrics = Files.readAllBytes(first.resolve(BundleFiles.METRICS));
    assertThat(Study.bundleDir(dir, plan.run("mlp-s2"))).doesNotExist();
    assertThat(dir.resolve(Study.CHECKPOINTS).resolve("mlp-s2")).isDirectory();

    Recorder recorder = new Recorder();
    StudyResults results = Study.run(dir, plan, small, recorder);

    assertThat(recorder.events)
        .containsExactly(
            "reused 1/2 mlp-s1",
            "started 2/2 mlp-s2 resuming",
            "epoch 2/2 of run 2",
            "finished 2/2 mlp-s2",
            "evaluating mlp-s1",
            "evaluating mlp-s2");
    assertThat(Files.readAllBytes(first.resolve(BundleFiles.METRICS))).isEqualTo(firstMetrics);
    assertThat(dir.resolve(Study.CHECKPOINTS).resolve("mlp-s2")).doesNotExist();
    TrainingMetrics second = results.run("mlp-s2").metrics();
    assertThat(second.epochs()).hasSize(2);
    assertThat(results.run("mlp-s1").predictions()).hasSize(1_000);
    // Predictions from the bundle agree with the accuracy training recorded.
    RunResult r = results.run("mlp-s2");
    long right = java.util.stream.IntStream.range(0, 1_000)
        .filter(i -> r.predictions()[i] == small.test().label(i)).count();
    assertThat(right / 1000.0).isCloseTo(second.finalTestAccuracy(), org.assertj.core.data.Offset.offset(0.002));

    // A third time: everything reused, predictions read back from the study, nothing trained or evaluated.
    Recorder again = new Recorder();
    Study.run(dir, plan, small, again);
    assertThat(again.events).containsExactly("reused 1/2 mlp-s1", "reused 2/2 mlp-s2");
  }

  @Test
  void refusesAnotherPlanInTheSameDirectoryBeforeTraining(@TempDir Path dir) throws Exception {
    StudyPlan one = StudyPlan.of(List.of("mlp"), List.of(1L), false, StudyPlanTest.settings(1));
    StudyManifest.claim(dir, one, small.info());
    StudyPlan two = StudyPlan.of(List.of("mlp"), List.of(1L, 2L), false, StudyPlanTest.settings(1));

    assertThatThrownBy(() -> Study.run(dir, two, small, StudyListener.NONE))
        .isInstanceOf(StudyPlanMismatchException.class)
        .hasMessage(dir + " holds another study (seeds: [1] there, [1, 2] now)");
    assertThat(dir.resolve(Study.MODELS)).doesNotExist();
  }

  @Test
  void refusesABundleLeftByAnotherStudy(@TempDir Path dir) throws Exception {
    StudyPlan oneEpoch = StudyPlan.of(List.of("mlp"), List.of(1L), false, StudyPlanTest.settings(1));
    Study.run(dir, oneEpoch, small, StudyListener.NONE);
    Files.delete(dir.resolve(StudyManifest.FILE));
    StudyPlan twoEpochs = StudyPlan.of(List.of("mlp"), List.of(1L), false, StudyPlanTest.settings(2));

    assertThatThrownBy(() -> Study.run(dir, twoEpochs, small, StudyListener.NONE))
        .isInstanceOf(StudyPlanMismatchException.class)
        .hasMessage(dir + " holds another study (mlp-s1 epochs: 1 in its bundle, 2 now)");
  }

  private static final class Recorder implements StudyListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void runReused(RunProgress p, TrainingMetrics metrics) {
      events.add("reused " + p.index() + "/" + p.total() + " " + p.run().name());
    }

    @Override
    public void runStarted(RunProgress p, boolean resuming) {
      events.add("started " + p.index() + "/" + p.total() + " " + p.run().name() + (resuming ? " resuming" : ""));
    }

    @Override
    public void epochStarted(RunProgress p, int images) {
      events.add("epoch " + (p.epoch() + 1) + "/" + p.epochs() + " of run " + p.index());
      assertThat(p.etaKnown()).isTrue(); // run 1's measured time gives an estimate from the start
    }

    @Override
    public void runFinished(RunProgress p, TrainingMetrics metrics) {
      events.add("finished " + p.index() + "/" + p.total() + " " + p.run().name());
      assertThat(p.etaSeconds()).isZero();
    }

    @Override
    public void evaluating(StudyRun run, int index, int total) {
      events.add("evaluating " + run.name());
    }
  }
}
