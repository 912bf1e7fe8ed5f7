package dev.tfj.spark;

import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.InputLayout;
import dev.tfj.inference.PixelScale;
import java.io.Serializable;

/** An {@link ImageFeed} that travels to the executors with a job: the same choices, serializable. */
record ImageFeedSpec(String signature, String inputName, String outputName, InputLayout layout, PixelScale scale)
    implements Serializable {

  static ImageFeedSpec of(ImageFeed feed) {
    return new ImageFeedSpec(feed.signature(), feed.inputName(), feed.outputName(), feed.layout(), feed.scale());
  }

  ImageFeed feed() {
    return new ImageFeed(signature, inputName, outputName, layout, scale);
  }
}
