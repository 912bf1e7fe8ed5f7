package dev.tfj.spark;

import dev.tfj.inference.ImageFeed;
import dev.tfj.inference.Classifications;
import dev.tfj.inference.ImageBatch;
import dev.tfj.inference.ImageClassifier;
import dev.tfj.spark.internal.SerializableConfiguration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Classifies one partition of {@code (id, image[, label])} rows in batches, lazily: a batch of rows is read,
 * turned into pixels, classified in one call and handed on before the next is read. The classifier comes
 * from {@link ExecutorModels}, so every task in an executor shares one loaded bundle.
 */
final class PartitionClassifier implements MapPartitionsFunction<Row, Row> {

  private final BundleSource source;
  private final ImageFeed feed;
  private final SerializableConfiguration hadoop;
  private final ImageColumn image;
  private final boolean labelled;
  private final int batchSize;
  private final LongAccumulator loads;

  PartitionClassifier(BundleSource source, ImageFeed feed, SerializableConfiguration hadoop, ImageColumn image,
      boolean labelled, int batchSize, LongAccumulator loads) {
    this.source = source;
    this.feed = feed;
    this.hadoop = hadoop;
    this.image = image;
    this.labelled = labelled;
    this.batchSize = batchSize;
    this.loads = loads;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return rows;
    }
    ImageClassifier classifier = ExecutorModels.classifier(source, feed, hadoop.get(), () -> loads.add(1));
    return new Iterator<>() {
      private Iterator<Row> batch = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        if (!batch.hasNext() && rows.hasNext()) {
          batch = classify(classifier, rows).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  private List<Row> classify(ImageClassifier classifier, Iterator<Row> rows) {
    List<Row> inputs = new ArrayList<>(batchSize);
    float[] pixels = new float[batchSize * ImageBatch.PIXELS];
    while (inputs.size() < batchSize && rows.hasNext()) {
      Row row = rows.next();
      float[] one = image.pixels(row, 1, row.getString(0));
      System.arraycopy(one, 0, pixels, inputs.size() * ImageBatch.PIXELS, ImageBatch.PIXELS);
      inputs.add(row);
    }
    int n = inputs.size();
    Classifications classified = classifier.classify(
        new ImageBatch(n, n == batchSize ? pixels : java.util.Arrays.copyOf(pixels, n * ImageBatch.PIXELS)));
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Row in = inputs.get(i);
      float[] p = classified.probabilities()[i];
      Float[] boxed = new Float[p.length];
      for (int c = 0; c < p.length; c++) {
        boxed[c] = p[c];
      }
      out.add(labelled
          ? RowFactory.create(in.getString(0), classified.classes()[i], boxed, in.isNullAt(2) ? null : in.getInt(2))
          : RowFactory.create(in.getString(0), classified.classes()[i], boxed));
    }
    return out;
  }
}
