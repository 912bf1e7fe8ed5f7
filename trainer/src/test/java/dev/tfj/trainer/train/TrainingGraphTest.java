package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tfj.trainer.data.ImageSet;
import dev.tfj.trainer.model.Architectures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.tensorflow.proto.RunMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingGraphTest {

  private static final ImageSet TRAIN = images(48, 1);
  private static final ImageSet TEST = images(11, 2);

  /**
   * Two towers train exactly what one graph trains: every step's loss and hit count, and afterwards the test
   * loss and every prediction, agree; odd batches (padded with a weight-0 image) included.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lenet5", "mlp"})
  void twoTowersTrainWhatOneGraphTrains(String model) {
    TrainingConfig config = lenetRecipe(model, Precision.FLOAT32, 8);
    try (TrainingGraph one = new TrainingGraph(Architectures.require(model), config, TRAIN, TEST, 1);
        TrainingGraph two = new TrainingGraph(Architectures.require(model), config, TRAIN, TEST, 2)) {
      int[] order = Trainer.shuffled(TRAIN.count(), 7, 1);
      int[] batch = new int[8];
      int step = 0;
      for (int from = 0, n; from < order.length; from += n, step++) {
        n = Math.min(step % 2 == 0 ? 8 : 5, order.length - from);
        System.arraycopy(order, from, batch, 0, n);
        float[] a = one.step(step, 0.05, batch, n);
        float[] b = two.step(step, 0.05, batch, n);
        assertThat(b[0]).as("loss of step %d", step).isCloseTo(a[0], within(1e-4f * Math.max(1, a[0])));
        assertThat(b[1]).as("hits of step %d", step).isEqualTo(a[1]);
      }
      int[] all = new int[TEST.count()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      long[] classesOne = new long[all.length];
      long[] classesTwo = new long[all.length];
      double lossOne = one.evaluate(all, all.length, classesOne);
      double lossTwo = two.evaluate(all, all.length, classesTwo);
      assertThat(lossTwo).isCloseTo(lossOne, within(1e-3 * Math.max(1, lossOne)));
      assertThat(classesTwo).containsExactly(classesOne);
    }
  }

  /**
   * A warmed-up graph (one step and one evaluation on blank images, then every variable back to its initial
   * value) trains exactly what a fresh graph trains: the same losses, hits and predictions, bit for bit.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lenet5", "mlp"})
  void aWarmedUpGraphTrainsWhatAFreshOneTrains(String model) {
    TrainingConfig config = lenetRecipe(model, Precision.FLOAT32, 8);
    try (TrainingGraph fresh = new TrainingGraph(Architectures.require(model), config, TRAIN, TEST);
        TrainingGraph warm = TrainingGraph.warmedUp(Architectures.require(model), config)) {
      warm.hold(TRAIN, TEST);
      assertTrainAlike(fresh, warm, 8, 0f);
    }
  }

  /**
   * A graph built for batches of 8 pads a batch of 5 with weight-0 rows (its shapes are fixed, so Grappler can
   * fold their arithmetic): the loss, the hits and the weights it trains are those of a graph built for 5.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lenet5", "mlp"})
  void paddingAPartialBatchToTheFixedSizeChangesNothing(String model) {
    try (TrainingGraph eight =
            new TrainingGraph(Architectures.require(model), lenetRecipe(model, Precision.FLOAT32, 8), TRAIN, TEST, 1);
        TrainingGraph five =
            new TrainingGraph(Architectures.require(model), lenetRecipe(model, Precision.FLOAT32, 5), TRAIN, TEST, 1)) {
      assertTrainAlike(five, eight, 5, 1e-5f);
      // The summary (metrics.json's layers) gives shapes per image, not the batch the graph was built for.
      assertThat(eight.summary().layers())
          .isNotEmpty()
          .allSatisfy(layer -> assertThat(layer.outputShape().get(0)).as(layer.name()).isEqualTo(-1L));
      assertThatThrownBy(() -> eight.step(6, 0.05, firstImages(9), 9))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a batch of 9 images in a graph built for 8");
    }
  }

  /**
   * Mixed bfloat16 runs the rewritten graph (Grappler's casts show in the step's trace) where this CPU computes
   * bfloat16, and trains what float32 trains to within bfloat16's 8 significant bits; float32 has no casts. The
   * test branch is float32 in both.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lenet5", "mlp"})
  void mixedBfloat16TrainsWhatFloat32Trains(String model) {
    assumeTrue(
        Precision.AUTO.on(Device.CPU, Architectures.require("lenet5")) == Precision.MIXED_BFLOAT16,
        "this CPU has no bfloat16 instructions: auto means float32 here");
    try (TrainingGraph exact = new TrainingGraph(Architectures.require(model), lenetRecipe(model, Precision.FLOAT32, 16), TRAIN, TEST);
        TrainingGraph mixed =
            new TrainingGraph(Architectures.require(model), lenetRecipe(model, Precision.MIXED_BFLOAT16, 16), TRAIN, TEST)) {
      // The test branch runs in float32 either way (what the exported model computes): same weights, same answers.
      long[] classesExact = new long[TEST.count()];
      long[] classesMixed = new long[TEST.count()];
      assertThat(mixed.evaluate(firstImages(TEST.count()), TEST.count(), classesMixed))
          .isEqualTo(exact.evaluate(firstImages(TEST.count()), TEST.count(), classesExact));
      assertThat(classesMixed).containsExactly(classesExact);
      int[] batch = firstImages(16);
      List<String> exactNodes = new ArrayList<>();
      List<String> mixedNodes = new ArrayList<>();
      float[] a = exact.step(0, 0.05, batch, 16, nodeNames(exactNodes));
      float[] b = mixed.step(0, 0.05, batch, 16, nodeNames(mixedNodes));
      assertThat(mixedNodes).anyMatch(n -> n.contains("AutoMixedPrecision"));
      assertThat(exactNodes).isNotEmpty().noneMatch(n -> n.contains("AutoMixedPrecision"));
      assertThat(b[0]).as("first loss").isCloseTo(a[0], within(0.02f * a[0]));
      float first = a[0];
      for (int step = 1; step < 12; step++) {
        a = exact.step(step, 0.05, batch, 16);
        b = mixed.step(step, 0.05, batch, 16);
      }
      // Both fit the 16 images (the losses are then too small to compare as ratios).
      assertThat(a[0]).as("float32 loss after 12 steps").isLessThan(0.25f * first);
      assertThat(b[0]).as("bfloat16 loss after 12 steps").isLessThan(0.25f * first);
    }
  }

  /**
   * Steps both graphs through the same six batches of {@code n} images, then evaluates both on the test set:
   * losses within {@code tolerance} of each other (relative; 0 for bit for bit), the same hits and predictions.
   */
  private static void assertTrainAlike(TrainingGraph expected, TrainingGraph actual, int n, float tolerance) {
    int[] order = Trainer.shuffled(TRAIN.count(), 7, 1);
    int[] batch = new int[n];
    for (int step = 0; step < 6; step++) {
      System.arraycopy(order, step * n, batch, 0, n);
      float[] a = expected.step(step, 0.05, batch, n);
      float[] b = actual.step(step, 0.05, batch, n);
      assertThat(b[0]).as("loss of step %d", step).isCloseTo(a[0], within(tolerance * Math.max(1, a[0])));
      assertThat(b[1]).as("hits of step %d", step).isEqualTo(a[1]);
    }
    long[] classesExpected = new long[TEST.count()];
    long[] classesActual = new long[TEST.count()];
    double lossExpected = expected.evaluate(firstImages(TEST.count()), TEST.count(), classesExpected);
    double lossActual = actual.evaluate(firstImages(TEST.count()), TEST.count(), classesActual);
    assertThat(lossActual).isCloseTo(lossExpected, within(10.0 * tolerance * Math.max(1, lossExpected)));
    assertThat(classesActual).containsExactly(classesExpected);
  }

  private static Consumer<RunMetadata> nodeNames(List<String> into) {
    return metadata -> metadata.getStepStats().getDevStatsList()
        .forEach(device -> device.getNodeStatsList().forEach(node -> into.add(node.getNodeName())));
  }

  private static TrainingConfig lenetRecipe(String model, Precision precision, int batchSize) {
    return new TrainingConfig(
        model, 1, batchSize, OptimizerKind.SGD, 0.05, LearningRateSchedule.CONSTANT, 0.9, 1e-4, 0, 7, Device.CPU, 0,
        Augmentation.NONE, 0, 0, precision);
  }

  @Test
  void labelSmoothingChangesTheTrainingLossButNotTheTestLoss() {
    float[] plain = firstStep(config(Augmentation.NONE, 0));
    float[] smoothed = firstStep(config(Augmentation.NONE, 0.1));

    // {training loss, correct, test loss before the step}: same weights, so same test loss and predictions.
    assertThat(smoothed[2]).isEqualTo(plain[2]);
    assertThat(smoothed[1]).isEqualTo(plain[1]);
    assertThat(smoothed[0]).isNotEqualTo(plain[0]);
  }

  @Test
  void augmentationLeavesTheTestBranchAlone() {
    float[] plain = firstStep(config(Augmentation.NONE, 0));
    float[] moved = firstStep(config(Augmentation.DEFAULT, 0));

    assertThat(moved[2]).isEqualTo(plain[2]);
    assertThat(moved[0]).isNotEqualTo(plain[0]);
  }

  @Test
  void augmentationDependsOnTheStepSoAResumedRunRepeatsIt() {
    TrainingConfig augmented = config(Augmentation.DEFAULT, 0);
    // A fresh graph (as after a restart) at step 7 sees the same moved images as another at step 7.
    assertThat(lossAtStep(augmented, 7)).isEqualTo(lossAtStep(augmented, 7));
    assertThat(lossAtStep(augmented, 8)).isNotEqualTo(lossAtStep(augmented, 7));
  }

  private static float lossAtStep(TrainingConfig config, long step) {
    try (TrainingGraph graph = new TrainingGraph(Architectures.require("mlp"), config, TRAIN, TRAIN)) {
      return graph.step(step, 0.01, firstImages(16), 16)[0];
    }
  }

  private static TrainingConfig config(Augmentation augmentation, double labelSmoothing) {
    return new TrainingConfig(
        "mlp", 1, 16, OptimizerKind.SGD, 0.01, LearningRateSchedule.CONSTANT, 0.9, 0, 0, 42, Device.CPU, 1,
        augmentation, labelSmoothing, 0, Precision.AUTO);
  }

  /** {training loss of step 0, correct count of step 0, summed test loss before it}. */
  private static float[] firstStep(TrainingConfig config) {
    try (TrainingGraph graph = new TrainingGraph(Architectures.require("mlp"), config, TRAIN, TRAIN)) {
      float testLoss = (float) graph.evaluate(firstImages(16), 16, new long[16]);
      float[] out = graph.step(0, 0.01, firstImages(16), 16);
      return new float[] {out[0], out[1], testLoss};
    }
  }

  private static int[] firstImages(int n) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return indices;
  }

  private static ImageSet images(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 28 * 28];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(10);
      // A bright square whose place depends on the label, over noise: learnable in a few steps.
      for (int p = 0; p < 28 * 28; p++) {
        int row = p / 28;
        int col = p % 28;
        boolean mark = row / 7 == labels[i] / 4 && col / 7 == labels[i] % 4;
        pixels[i * 784 + p] = (byte) (mark ? 200 + random.nextInt(56) : random.nextInt(60));
      }
    }
    return new ImageSet(count, 28, 28, pixels, labels);
  }
}
