package dev.tfj.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.bundle.OneDnn;
import dev.tfj.inference.ImageBatch;
import dev.tfj.trainer.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class ResidentSetTest {

  /**
   * Every intensity 0..255 becomes, in the graph, exactly the float the host conversion every front end uses
   * gives: training sees the floats serving sees, and the same seed trains the same model.
   */
  @Test
  void gatheredImagesAreTheHostsFloatsBitForBit() {
    OneDnn.enableUnlessSet();
    int images = 3;
    byte[] pixels = new byte[images * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    byte[] labels = {4, 0, 9};
    ImageSet set = new ImageSet(images, 28, 28, pixels, labels);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt32> indices = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      try (ResidentSet resident = ResidentSet.of(tf, set);
          Session session = new Session(graph);
          TInt32 order = TInt32.vectorOf(2, 0, 1)) {
        var batch = resident.images(tf, indices);
        var oneHot = resident.oneHot(tf, indices);
        try (Result result = resident.feed(session.runner()).feed(indices, order).fetch(batch).fetch(oneHot).run()) {
        TFloat32 got = (TFloat32) result.get(0);
        float[] host = ImageBatch.ofBytes(pixels, 0, images).pixels();
        int[] expectedOrder = {2, 0, 1};
        for (int b = 0; b < images; b++) {
          for (int p = 0; p < 784; p++) {
            float want = host[expectedOrder[b] * 784 + p];
            float have = got.getFloat(b, p / 28, p % 28, 0);
            assertThat(Float.floatToIntBits(have)).as("image %d pixel %d", b, p).isEqualTo(Float.floatToIntBits(want));
          }
        }
        TFloat32 labelsOut = (TFloat32) result.get(1);
        assertThat(labelsOut.getFloat(0, 9)).isEqualTo(1f);
        assertThat(labelsOut.getFloat(1, 4)).isEqualTo(1f);
        assertThat(labelsOut.getFloat(2, 0)).isEqualTo(1f);
        }
      }
    }
  }

  /** A set held with a border is the same images with that many zero pixels around them, bit for bit. */
  @Test
  void borderedImagesAreTheImagesZeroPadded() {
    OneDnn.enableUnlessSet();
    int images = 2;
    byte[] pixels = new byte[images * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (1 + i % 255);
    }
    ImageSet set = new ImageSet(images, 28, 28, pixels, new byte[] {1, 2});
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt32> indices = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      try (ResidentSet resident = ResidentSet.of(tf, set, 2);
          Session session = new Session(graph);
          TInt32 order = TInt32.vectorOf(1, 0)) {
        var batch = resident.images(tf, indices);
        assertThat(batch.shape().asArray()).containsExactly(-1, 32, 32, 1);
        try (Result result = resident.feed(session.runner()).feed(indices, order).fetch(batch).run()) {
          TFloat32 got = (TFloat32) result.get(0);
          float[] host = ImageBatch.ofBytes(pixels, 0, images).pixels();
          int[] expectedOrder = {1, 0};
          for (int b = 0; b < images; b++) {
            for (int r = 0; r < 32; r++) {
              for (int c = 0; c < 32; c++) {
                boolean inside = r >= 2 && r < 30 && c >= 2 && c < 30;
                float want = inside ? host[expectedOrder[b] * 784 + (r - 2) * 28 + (c - 2)] : 0f;
                assertThat(Float.floatToIntBits(got.getFloat(b, r, c, 0)))
                    .as("image %d row %d col %d", b, r, c)
                    .isEqualTo(Float.floatToIntBits(want));
              }
            }
          }
        }
      }
    }
  }
}
