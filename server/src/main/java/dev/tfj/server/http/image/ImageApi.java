package dev.tfj.server.http.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tfj.server.http.internal.BodyReader;
import dev.tfj.server.http.internal.Json;
import dev.tfj.server.http.internal.Served;
import dev.tfj.inference.image.ImageDecoder;
import dev.tfj.inference.image.MnistPreprocessor;
import dev.tfj.inference.Classifications;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.InvalidInputException;
import dev.tfj.server.registry.ModelRegistry;
import dev.tfj.server.registry.ServableHandle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Classifies a picture of a digit: POST the bytes of a PNG or JPEG (raw, or as the file in a
 * {@code multipart/form-data} upload) to {@code /api/models/{name}[/versions/{version}]/image} and get
 * {@code {"model", "version", "digit", "probabilities"}}; add {@code ?pixels=true} to also get the 28x28
 * image the model saw. How a picture becomes 28x28 is described in {@link MnistPreprocessor}.
 */
public final class ImageApi {

  private final ModelRegistry registry;
  private final long maxBodyBytes;

  private ImageApi(ModelRegistry registry, long maxBodyBytes) {
    this.registry = registry;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Adds the image routes. */
  public static void register(RoutesConfig routes, ModelRegistry registry, long maxBodyBytes) {
    ImageApi api = new ImageApi(registry, maxBodyBytes);
    routes.post("/api/models/{name}/image", api::classify);
    routes.post("/api/models/{name}/versions/{version}/image", api::classify);
  }

  private void classify(Context ctx) {
    float[] pixels = MnistPreprocessor.toMnist(ImageDecoder.decode(imageBytes(ctx)));
    Classifications p;
    String model;
    long version;
    try (ServableHandle handle = Served.acquire(registry, ctx)) {
      p = ImageClassifier.over(handle.predictor(), ImageFeed.defaults()).classify(ImageBatch.of(pixels));
      model = handle.model();
      version = handle.version();
    }
    ObjectNode out = Json.object();
    out.put("model", model);
    out.put("version", Long.toString(version));
    out.put("digit", p.classes()[0]);
    ArrayNode probabilities = out.putArray("probabilities");
    for (float v : p.probabilities()[0]) {
      probabilities.add(v);
    }
    if ("true".equals(ctx.queryParam("pixels"))) {
      ArrayNode rows = out.putArray("pixels");
      for (int y = 0; y < MnistPreprocessor.SIZE; y++) {
        ArrayNode row = rows.addArray();
        for (int x = 0; x < MnistPreprocessor.SIZE; x++) {
          row.add(pixels[y * MnistPreprocessor.SIZE + x]);
        }
      }
    }
    Json.respond(ctx, out);
  }

  private byte[] imageBytes(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      return BodyReader.read(ctx, maxBodyBytes);
    }
    List<UploadedFile> files;
    try {
      files = ctx.uploadedFiles();
    } catch (RuntimeException e) {
      throw new InvalidInputException("cannot read the multipart upload: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InvalidInputException("the multipart upload has no file; send the image as a file field");
    }
    try (InputStream in = files.get(0).content()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
