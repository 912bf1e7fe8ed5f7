package dev.tfj.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tfj.inference.testing.TestBundles;
import dev.tfj.inference.testing.TestData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared classifier on a tfj-style bundle and on both Keras SavedModels, over real MNIST. */
class ImageClassifierTest {

  private static final int TEST_IMAGES = 10_000;

  @TempDir Path base;

  private static Evaluation evaluateAll(ImageClassifier classifier) {
    ImageBatch images = ImageBatch.ofBytes(TestData.mnistTestBytes(TEST_IMAGES), 0, TEST_IMAGES);
    return Evaluation.of(10, TestData.mnistTestLabels(TEST_IMAGES), classifier.classify(images));
  }

  @Test
  void reproducesTheDocumentedAccuracyOfTheKerasSoftmaxModel() {
    Path dir = TestData.foreign().resolve(TestData.KERAS_SOFTMAX).resolve("1");
    try (ImageClassifier classifier = ImageClassifier.open(dir, ImageFeed.defaults(), SessionThreads.defaults())) {
      assertThat(classifier.describe()).isEqualTo("serving_default: flatten_input [N,28,28] 0..1 -> dense");
      Evaluation eval = evaluateAll(classifier);
      assertThat(eval.correct()).isEqualTo(9242); // README of foreign-savedmodels: 0.9242
      assertThat(eval.predictions()[0]).isEqualTo(7);
    }
  }

  @Test
  void reproducesTheDocumentedAccuracyOfTheKerasConvModel() {
    Path dir = TestData.foreign().resolve(TestData.KERAS_CONV).resolve("1");
    try (ImageClassifier classifier = ImageClassifier.open(dir, ImageFeed.defaults(), SessionThreads.defaults())) {
      assertThat(classifier.describe()).isEqualTo("serving_default: keras_tensor [N,28,28,1] 0..1 -> output_0");
      Evaluation classified = evaluateAll(classifier);
      assertThat(classified.correct()).isEqualTo(9705); // 0.9705

      int[] labels = TestData.mnistTestLabels(TEST_IMAGES);
      byte[] labelBytes = new byte[TEST_IMAGES];
      for (int i = 0; i < TEST_IMAGES; i++) {
        labelBytes[i] = (byte) labels[i];
      }
      java.util.List<Integer> steps = new java.util.ArrayList<>();
      Evaluation evaluated = classifier.evaluate(TestData.mnistTestBytes(TEST_IMAGES), labelBytes, steps::add);
      assertThat(evaluated.predictions()).isEqualTo(classified.predictions());
      assertThat(evaluated.loss()).isCloseTo(classified.loss(), org.assertj.core.api.Assertions.within(1e-6));
      assertThat(steps).hasSize(20).containsOnly(500);
    }
  }

  @Test
  void givesWhatTheBundlesOwnOutputsSayInRunsOfAtMost512Images() throws Exception {
    Path dir = TestBundles.exportOurs(base, "ours", 1, 11);
    int count = 1_100; // three runs: 512, 512, 76
    float[] pixels = TestData.mnistTestImages(count);
    try (LoadedModel model = LoadedModel.load(dir, SessionThreads.defaults());
        Predictor predictor = Predictor.unbatched(model)) {
      ImageClassifier classifier = ImageClassifier.over(predictor, ImageFeed.defaults());
      assertThat(classifier.layout()).isEqualTo(InputLayout.NHWC);
      assertThat(classifier.output().name()).isEqualTo("probabilities");

      Classifications c = classifier.classify(new ImageBatch(count, pixels));

      Map<String, HostTensor> direct = predictor.predict(PredictRequest.of(
          Map.of("images", HostTensor.floats(new long[] {count, 28, 28, 1}, pixels)))).outputs();
      long[] classes = (long[]) direct.get("classes").data();
      float[] probabilities = direct.get("probabilities").floats();
      assertThat(c.count()).isEqualTo(count);
      for (int i = 0; i < count; i++) {
        assertThat(c.classes()[i]).as("image %d", i).isEqualTo((int) classes[i]);
        for (int k = 0; k < 10; k++) {
          assertThat(c.probabilities()[i][k]).isEqualTo(probabilities[i * 10 + k]);
        }
      }
      // a classifier over a shared predictor does not close it
      classifier.close();
      assertThat(classifier.classify(ImageBatch.of(new float[784])).count()).isEqualTo(1);
    }
  }

  @Test
  void scalesPixelsToTheRangeTheFeedNames() throws Exception {
    Path dir = TestBundles.exportOurs(base, "ours", 1, 11);
    float[] seven = TestData.mnistTestImages(1);
    try (ImageClassifier unit = ImageClassifier.open(dir, ImageFeed.defaults(), SessionThreads.defaults());
        ImageClassifier bytes = ImageClassifier.open(
            dir, new ImageFeed(null, null, null, null, PixelScale.BYTE), SessionThreads.defaults())) {
      float[] times255 = new float[784];
      for (int i = 0; i < 784; i++) {
        times255[i] = seven[i] * 255f;
      }
      assertThat(bytes.describe()).endsWith("0..255 -> probabilities");
      assertThat(bytes.classify(ImageBatch.of(seven)).probabilities()[0])
          .containsExactly(unit.classify(ImageBatch.of(times255)).probabilities()[0]);
      assertThat(seven).as("the caller's pixels are not scaled in place").contains(seven[200]);
    }
  }

  @Test
  void namesTheChoiceItCannotMakeForAModelThatTakesNoImages() throws Exception {
    Path strings = TestBundles.exportStringLength(base, "strings", 1);
    assertThatThrownBy(() -> ImageClassifier.open(strings, ImageFeed.defaults(), SessionThreads.defaults()))
        .isInstanceOfSatisfying(ImageFeedException.class,
            e -> assertThat(e.choice()).isEqualTo(ImageFeedException.Choice.INPUT))
        .hasMessage("input 'text' is DT_STRING; an image model takes DT_FLOAT");
  }

  @Test
  void namesTheChoiceThatDoesNotFitTheSignature() throws Exception {
    Path dir = TestBundles.exportOurs(base, "ours", 1, 11);
    assertThatThrownBy(() -> ImageClassifier.open(
            dir, new ImageFeed("predict", null, null, null, null), SessionThreads.defaults()))
        .isInstanceOfSatisfying(ImageFeedException.class,
            e -> assertThat(e.choice()).isEqualTo(ImageFeedException.Choice.SIGNATURE))
        .hasMessageStartingWith("Serving signature name: \"predict\" not found in signature def");
    assertThatThrownBy(() -> ImageClassifier.open(
            dir, new ImageFeed(null, "pixels", null, null, null), SessionThreads.defaults()))
        .isInstanceOfSatisfying(ImageFeedException.class,
            e -> assertThat(e.choice()).isEqualTo(ImageFeedException.Choice.INPUT))
        .hasMessage("signature 'serving_default' has no input named 'pixels'; it has [images]");
    assertThatThrownBy(() -> ImageClassifier.open(
            dir, new ImageFeed(null, null, "logits", null, null), SessionThreads.defaults()))
        .isInstanceOfSatisfying(ImageFeedException.class,
            e -> assertThat(e.choice()).isEqualTo(ImageFeedException.Choice.OUTPUT))
        .hasMessage("signature 'serving_default' has no output named 'logits'; it has [classes, probabilities]");
    assertThatThrownBy(() -> ImageClassifier.open(
            dir, new ImageFeed(null, null, "classes", null, null), SessionThreads.defaults()))
        .isInstanceOfSatisfying(ImageFeedException.class,
            e -> assertThat(e.choice()).isEqualTo(ImageFeedException.Choice.OUTPUT))
        .hasMessage("output 'classes' is DT_INT64; scores are DT_FLOAT or DT_DOUBLE");
    try (ImageClassifier flat = ImageClassifier.open(
        dir, new ImageFeed(null, null, null, InputLayout.FLAT, null), SessionThreads.defaults())) {
      assertThatThrownBy(() -> flat.classify(ImageBatch.of(new float[784])))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input 'images' has shape [1,784] but the signature expects [-1,28,28,1] (-1 is any size)");
    }
  }

  @Test
  void failsToLoadWithTheDirectoryInTheMessage() {
    Path missing = base.resolve("nothing");
    assertThatThrownBy(() -> ImageClassifier.open(missing, ImageFeed.defaults(), SessionThreads.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cannot load the SavedModel in " + missing + ": ");
  }
}
