package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputLayoutTest {

  @Test
  void readsTheLayoutFromAnInputShapeWhereverItFixesSizes() {
    assertThat(InputLayout.of(new long[] {-1, 28, 28, 1})).contains(InputLayout.NHWC);
    assertThat(InputLayout.of(new long[] {-1, -1, -1, 1})).contains(InputLayout.NHWC);
    assertThat(InputLayout.of(new long[] {8, 28, 28, -1})).contains(InputLayout.NHWC);
    assertThat(InputLayout.of(new long[] {-1, 28, 28})).contains(InputLayout.NHW);
    assertThat(InputLayout.of(new long[] {-1, 784})).contains(InputLayout.FLAT);
    assertThat(InputLayout.of(new long[] {-1, -1})).contains(InputLayout.FLAT);
    assertThat(InputLayout.of(new long[] {-1, 32, 32, 1})).isEmpty();
    assertThat(InputLayout.of(new long[] {-1, 28, 28, 3})).isEmpty();
    assertThat(InputLayout.of(new long[] {-1})).isEmpty();
    assertThat(InputLayout.of(null)).isEmpty();
  }

  @Test
  void readsTheWaysPeopleWriteALayout() {
    assertThat(InputLayout.fromText("N,28,28,1")).contains(InputLayout.NHWC);
    assertThat(InputLayout.fromText("[-1, 28, 28, 1]")).contains(InputLayout.NHWC);
    assertThat(InputLayout.fromText("nhwc")).contains(InputLayout.NHWC);
    assertThat(InputLayout.fromText("None,28,28")).contains(InputLayout.NHW);
    assertThat(InputLayout.fromText("784")).contains(InputLayout.FLAT);
    assertThat(InputLayout.fromText("28x28")).isEmpty();
    assertThat(InputLayout.NHW.shape(5)).containsExactly(5, 28, 28);
  }

  @Test
  void readsPixelScales() {
    assertThat(PixelScale.fromText("0..255")).contains(PixelScale.BYTE);
    assertThat(PixelScale.fromText("UNIT")).contains(PixelScale.UNIT);
    assertThat(PixelScale.fromText("1")).contains(PixelScale.UNIT);
    assertThat(PixelScale.fromText("0..100")).isEmpty();
  }

  @Test
  void turnsBytesIntoIntensitiesInOnePlace() {
    byte[] bytes = new byte[3 * 784];
    bytes[784] = (byte) 255;
    bytes[785] = (byte) 128;
    bytes[2 * 784] = 51;

    ImageBatch batch = ImageBatch.ofBytes(bytes, 1, 2);

    assertThat(batch.count()).isEqualTo(2);
    assertThat(batch.pixels()).hasSize(2 * 784);
    assertThat(batch.pixels()[0]).isEqualTo(1f);
    assertThat(batch.pixels()[1]).isEqualTo(128 / 255f);
    assertThat(batch.pixels()[784]).isEqualTo(0.2f);
    assertThat(batch.slice(1, 2).pixels()[0]).isEqualTo(0.2f);
    assertThatThrownBy(() -> new ImageBatch(2, new float[784]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("expected 2 images of 784 pixels, got 784 values");
  }
}
