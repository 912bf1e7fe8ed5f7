package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.trainer.model.Architectures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingGraphTest {

  private static final int N = 16;
  private static final int PIXELS = 28 * 28;

  @Test
  void labelSmoothingChangesTheTrainingLossButNotTheTestLoss() {
    float[] images = images();
    float[] oneHot = oneHot();
    float[] plain = firstStep(config(0), images, oneHot);
    float[] smoothed = firstStep(config(0.1), images, oneHot);

    // {training loss, correct, test loss before the step}: same weights, so same test loss and predictions.
    assertThat(smoothed[2]).isEqualTo(plain[2]);
    assertThat(smoothed[1]).isEqualTo(plain[1]);
    assertThat(smoothed[0]).isNotEqualTo(plain[0]);
  }

  @Test
  void augmentationLeavesTheTestBranchAlone() {
    float[] images = images();
    float[] oneHot = oneHot();
    float[] plain = firstStep(config(0), images, oneHot);
    TrainingConfig augmented =
        new TrainingConfig("mlp", 1, N, OptimizerKind.SGD, 0.01, LearningRateSchedule.CONSTANT, 0.9, 0, 0, 42,
            Device.CPU, 1, Augmentation.DEFAULT, 0, 0);
    float[] moved = firstStep(augmented, images, oneHot);

    assertThat(moved[2]).isEqualTo(plain[2]);
    assertThat(moved[0]).isNotEqualTo(plain[0]);
  }

  @Test
  void augmentationDependsOnTheStepSoAResumedRunRepeatsIt() {
    float[] images = images();
    float[] oneHot = oneHot();
    TrainingConfig augmented =
        new TrainingConfig("mlp", 1, N, OptimizerKind.SGD, 0.01, LearningRateSchedule.CONSTANT, 0.9, 0, 0, 42,
            Device.CPU, 1, Augmentation.DEFAULT, 0, 0);
    // A fresh graph (as after a restart) at step 7 sees the same moved images as another at step 7.
    assertThat(lossAtStep(augmented, 7, images, oneHot)).isEqualTo(lossAtStep(augmented, 7, images, oneHot));
    assertThat(lossAtStep(augmented, 8, images, oneHot)).isNotEqualTo(lossAtStep(augmented, 7, images, oneHot));
  }

  private static float lossAtStep(TrainingConfig config, long step, float[] images, float[] oneHot) {
    try (TrainingGraph graph = new TrainingGraph(Architectures.require("mlp"), config)) {
      return graph.step(step, 0.01, images, oneHot, N)[0];
    }
  }

  private static TrainingConfig config(double labelSmoothing) {
    return new TrainingConfig(
        "mlp", 1, N, OptimizerKind.SGD, 0.01, LearningRateSchedule.CONSTANT, 0.9, 0, 0, 42, Device.CPU, 1,
        Augmentation.NONE, labelSmoothing, 0);
  }

  /** {training loss of step 0, correct count of step 0, summed test loss before it}. */
  private static float[] firstStep(TrainingConfig config, float[] images, float[] oneHot) {
    try (TrainingGraph graph = new TrainingGraph(Architectures.require("mlp"), config)) {
      float testLoss = (float) graph.evaluate(images, oneHot, N, new long[N]);
      float[] out = graph.step(0, 0.01, images, oneHot, N);
      return new float[] {out[0], out[1], testLoss};
    }
  }

  private static float[] images() {
    Random random = new Random(3);
    float[] images = new float[N * PIXELS];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat() < 0.2 ? random.nextFloat() : 0f;
    }
    return images;
  }

  private static float[] oneHot() {
    float[] oneHot = new float[N * 10];
    for (int i = 0; i < N; i++) {
      oneHot[i * 10 + i % 10] = 1f;
    }
    return oneHot;
  }
}
