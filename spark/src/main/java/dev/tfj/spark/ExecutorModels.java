package dev.tfj.spark;

import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.inference.SessionThreads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifiers loaded in this JVM, one per bundle and feed, shared by every task and partition that runs
 * here (an executor runs many tasks at once and one after another) and closed when the JVM exits. Loads are
 * counted, so tests and logs can tell that a job with many partitions loaded a bundle once per JVM.
 */
public final class ExecutorModels {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

  private static final Map<Key, Loaded> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "tfj-close-models"));
  }

  private ExecutorModels() {}

  private record Key(BundleSource source, ImageFeed feed) {}

  private record Loaded(ImageClassifier classifier, BundleSource.Local bundle) {}

  /**
   * The classifier for this bundle and feed, loaded on first use in this JVM; {@code onLoad} runs when this
   * call is the one that loaded it.
   */
  static ImageClassifier classifier(BundleSource source, ImageFeed feed, Configuration hadoop, Runnable onLoad) {
    boolean[] loadedHere = {false};
    Loaded loaded = MODELS.computeIfAbsent(new Key(source, feed), key -> {
      loadedHere[0] = true;
      return load(key, hadoop);
    });
    if (loadedHere[0]) {
      onLoad.run();
    }
    return loaded.classifier();
  }

  private static Loaded load(Key key, Configuration hadoop) {
    BundleSource.Local bundle = key.source().fetch(hadoop);
    try {
      ImageClassifier classifier = ImageClassifier.open(bundle.ref().dir(), key.feed(), SessionThreads.defaults());
      int loads = LOADS.incrementAndGet();
      LOG.info("loaded {} from {} ({}); {} bundle load(s) in this JVM",
          bundle.ref().label(), key.source(), classifier.describe(), loads);
      return new Loaded(classifier, bundle);
    } catch (RuntimeException e) {
      bundle.deleteCopy();
      throw e;
    }
  }

  /** How many bundles this JVM has loaded since it started. */
  public static int loads() {
    return LOADS.get();
  }

  /** Whether this JVM holds a loaded classifier for the bundle (with any feed). */
  public static boolean holds(BundleSource source) {
    return MODELS.keySet().stream().anyMatch(k -> k.source().equals(source));
  }

  /** Closes and forgets this JVM's classifiers of {@code source}, so the next use loads it again. */
  static void unload(BundleSource source) {
    MODELS.entrySet().removeIf(e -> {
      if (!e.getKey().source().equals(source)) {
        return false;
      }
      e.getValue().classifier().close();
      e.getValue().bundle().deleteCopy();
      return true;
    });
  }

  private static void closeAll() {
    for (Loaded loaded : MODELS.values()) {
      try {
        loaded.classifier().close();
        loaded.bundle().deleteCopy();
      } catch (RuntimeException e) {
        LOG.warn("closing {}: {}", loaded.bundle().ref().dir(), e.toString());
      }
    }
    MODELS.clear();
  }
}
