package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainerTest {

  @Test
  void shufflingDependsOnlyOnSeedAndEpoch() {
    assertThat(Trainer.shuffled(1000, 42, 3)).isEqualTo(Trainer.shuffled(1000, 42, 3));
    assertThat(Trainer.shuffled(1000, 42, 3)).isNotEqualTo(Trainer.shuffled(1000, 42, 4));
    assertThat(Trainer.shuffled(1000, 42, 3)).isNotEqualTo(Trainer.shuffled(1000, 43, 3));
  }

  @Test
  void shufflingIsAPermutation() {
    int[] order = Trainer.shuffled(60_000, 7, 1);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(IntStream.range(0, 60_000).toArray());
    assertThat(order).isNotEqualTo(sorted);
  }

  @Test
  void accuracyIsTheDiagonalShare() {
    int[][] confusion = new int[10][10];
    confusion[0][0] = 8;
    confusion[0][1] = 2;
    confusion[3][3] = 10;
    assertThat(Trainer.accuracy(confusion)).isEqualTo(0.9);
  }
}
