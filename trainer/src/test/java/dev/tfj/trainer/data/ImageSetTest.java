package dev.tfj.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageSetTest {

  @Test
  void readsPixelsAndLabelsAsUnsigned() {
    byte[] pixels = {0, 1, 2, 3, (byte) 200, 5, 6, (byte) 255};
    ImageSet set = new ImageSet(2, 2, 2, pixels, new byte[] {3, 9});

    assertThat(set.pixelsPerImage()).isEqualTo(4);
    assertThat(set.pixel(4)).isEqualTo(200);
    assertThat(set.pixel(1, 1, 1)).isEqualTo(255);
    assertThat(set.pixel(0, 1, 0)).isEqualTo(2);
    assertThat(set.label(1)).isEqualTo(9);
    assertThat(set.image(1)).containsExactly(200, 5, 6, 255);
  }

  @Test
  void rejectsArraysThatDoNotMatchTheShape() {
    assertThatThrownBy(() -> new ImageSet(2, 2, 2, new byte[7], new byte[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixels hold 7 bytes, expected 8");
    assertThatThrownBy(() -> new ImageSet(2, 2, 2, new byte[8], new byte[3]))
        .hasMessageContaining("labels hold 3 bytes, expected 2");
  }
}
