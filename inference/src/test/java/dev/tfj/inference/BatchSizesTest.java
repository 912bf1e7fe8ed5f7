package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizesTest {

  @Test
  void powersOfTwoAndOneAndAHalfTimesThemUpToTheMaximum() {
    assertThat(BatchSizes.upTo(64).allowed()).containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64);
    assertThat(BatchSizes.upTo(100).allowed()).endsWith(48, 64, 96, 100);
    assertThat(BatchSizes.upTo(1).allowed()).containsExactly(1);
    assertThat(BatchSizes.upTo(256).allowed()).hasSize(16);
  }

  @Test
  void padsUpToTheNextAllowedSizeAndLeavesLargerBatchesAlone() {
    BatchSizes sizes = BatchSizes.upTo(64);
    assertThat(sizes.padded(1)).isEqualTo(1);
    assertThat(sizes.padded(5)).isEqualTo(6);
    assertThat(sizes.padded(33)).isEqualTo(48);
    assertThat(sizes.padded(64)).isEqualTo(64);
    assertThat(sizes.padded(65)).isEqualTo(65);
    for (long rows = 1; rows <= 64; rows++) {
      assertThat(sizes.padded(rows)).isGreaterThanOrEqualTo(rows).isLessThanOrEqualTo(Math.max(rows, rows * 3 / 2 + 1));
    }
  }

  @Test
  void takesAnExplicitSet() {
    assertThat(BatchSizes.of(List.of(8, 1, 32)).allowed()).containsExactly(1, 8, 32);
    assertThat(BatchSizes.of(List.of(8, 1, 32)).padded(9)).isEqualTo(32);
    assertThatThrownBy(() -> BatchSizes.of(List.of(0, 4))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchSizes.upTo(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
