package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void countsAccuracyConfusionPerClassAccuracyAndErrors() {
    Evaluation eval = new Evaluation(3, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 0, 2}, 0.5);

    assertThat(eval.count()).isEqualTo(6);
    assertThat(eval.correct()).isEqualTo(4);
    assertThat(eval.accuracy()).isEqualTo(4 / 6.0);
    assertThat(eval.confusion()).isEqualTo(new int[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
    assertThat(eval.classAccuracy(0)).isEqualTo(0.5);
    assertThat(eval.classAccuracy(1)).isEqualTo(1.0);
    assertThat(eval.misclassified()).containsExactly(1, 4);
    assertThat(eval.wrong(4)).isTrue();
    assertThat(eval.loss()).isEqualTo(0.5);
  }

  @Test
  void aClassWithNoImagesHasNoAccuracy() {
    Evaluation eval = new Evaluation(3, new int[] {0}, new int[] {0}, Double.NaN);
    assertThat(eval.classAccuracy(2)).isNaN();
    assertThat(new Evaluation(3, new int[0], new int[0], Double.NaN).accuracy()).isZero();
  }

  @Test
  void theLossIsTheMeanCrossEntropyOfTheTrueLabels() {
    Classifications c = new Classifications(
        new int[] {0, 1}, new float[][] {{0.5f, 0.25f, 0.25f}, {0.1f, 0.8f, 0.1f}});
    Evaluation eval = Evaluation.of(3, new int[] {0, 2}, c);
    assertThat(eval.loss()).isCloseTo((-Math.log(0.5) - Math.log(0.1f)) / 2, within(1e-9));
    assertThat(eval.predictions()).containsExactly(0, 1);
  }

  @Test
  void theBuilderGrowsAndKeepsOrder() {
    Evaluation.Builder builder = Evaluation.builder(10);
    for (int i = 0; i < 1_000; i++) {
      builder.add(i % 10, (i * 7) % 10, null);
    }
    Evaluation eval = builder.build();
    assertThat(eval.count()).isEqualTo(1_000);
    assertThat(eval.correct()).isEqualTo(100 + 100); // i*7 ≡ i (mod 10) for i ≡ 0 or 5
    assertThat(eval.loss()).isNaN();
    assertThat(eval.predictions()[3]).isEqualTo(1);
  }

  @Test
  void rejectsALabelOutsideTheClasses() {
    assertThatThrownBy(() -> Evaluation.builder(10).add(10, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 10 is outside 0..9");
  }
}
