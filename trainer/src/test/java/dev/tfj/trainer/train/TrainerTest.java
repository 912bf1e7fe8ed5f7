package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** {@code shuffled(10, 42, 1)} as first computed; a change here changes every seeded run's results. */
  private static final int[] EXPECTED_42_1 = {1, 0, 4, 7, 5, 3, 6, 9, 2, 8};

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
  void shufflesTenImagesInAFixedOrderForSeed42() {
    assertThat(Trainer.shuffled(10, 42, 1)).containsExactly(EXPECTED_42_1);
  }
}
