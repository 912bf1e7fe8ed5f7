package dev.tfj.trainer.export;

import dev.tfj.bundle.ServingSignature;
import dev.tfj.inference.HostTensor;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.InputLayout;
import dev.tfj.inference.warmup.WarmupFile;
import dev.tfj.trainer.data.ImageSet;
import java.util.List;

/**
 * The warm-up requests a bundle carries for TF Serving (and {@code tfj serve}): {@code serving_default} on the
 * first test images, once alone and once as a batch of {@value #BATCH}, the request sizes clients send most,
 * so the kernels for both are chosen before the first client arrives.
 */
public final class WarmupRequests {

  /** The larger warm-up batch: the benchmark's multi-image request. */
  public static final int BATCH = 16;

  private WarmupRequests() {}

  /** Requests on the first images of {@code test}; none for an empty test set. */
  public static List<WarmupFile.Request> of(ImageSet test) {
    if (test.count() == 0) {
      return List.of();
    }
    return List.of(request(test, 1), request(test, Math.min(BATCH, test.count())));
  }

  private static WarmupFile.Request request(ImageSet test, int count) {
    ImageBatch images = ImageBatch.ofBytes(test.pixels(), 0, count);
    return new WarmupFile.Request(ServingSignature.KEY, java.util.Map.of(
        ServingSignature.INPUT_IMAGES, HostTensor.floats(InputLayout.NHWC.shape(count), images.pixels())));
  }
}
