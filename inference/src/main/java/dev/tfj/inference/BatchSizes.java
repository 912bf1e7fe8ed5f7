package dev.tfj.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The batch sizes a batched signature's session runs with (TF Serving's {@code allowed_batch_sizes}): a merged
 * batch is padded with rows of zeros up to the next allowed size, and those rows' outputs are dropped. TensorFlow
 * and oneDNN keep kernels, primitives and scratch buffers per input shape, so a server that ran every batch size
 * from 1 to its maximum kept growing in memory; with a fixed set of sizes it stays flat.
 *
 * <p>The default set is 1, 2, 3, 4, 6, 8, 12, 16, 24, … (powers of two and one and a half times them) up to the
 * maximum batch size, which is always allowed: at most a third of a run is padding, with two sizes per doubling.
 */
public final class BatchSizes {

  private final int[] allowed;

  private BatchSizes(int[] allowed) {
    this.allowed = allowed;
  }

  /** Powers of two and 1.5 times them, below {@code maxBatchSize}, and {@code maxBatchSize} itself. */
  public static BatchSizes upTo(int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
    }
    TreeSet<Integer> sizes = new TreeSet<>();
    for (long p = 1; p < maxBatchSize; p *= 2) {
      sizes.add((int) p);
      if (p >= 2 && p * 3 / 2 < maxBatchSize) {
        sizes.add((int) (p * 3 / 2));
      }
    }
    sizes.add(maxBatchSize);
    return new BatchSizes(sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Exactly these sizes (ascending, distinct, positive); a batch over the largest runs unpadded. */
  public static BatchSizes of(List<Integer> sizes) {
    TreeSet<Integer> sorted = new TreeSet<>(sizes);
    if (sorted.isEmpty() || sorted.first() < 1) {
      throw new IllegalArgumentException("allowed batch sizes must be positive, got " + sizes);
    }
    return new BatchSizes(sorted.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The smallest allowed size of at least {@code rows} rows, or {@code rows} when it is over the largest. */
  public long padded(long rows) {
    for (int size : allowed) {
      if (size >= rows) {
        return size;
      }
    }
    return rows;
  }

  /** The largest allowed size. */
  public int max() {
    return allowed[allowed.length - 1];
  }

  /** The allowed sizes, ascending. */
  public List<Integer> allowed() {
    List<Integer> list = new ArrayList<>(allowed.length);
    for (int size : allowed) {
      list.add(size);
    }
    return Collections.unmodifiableList(list);
  }

  @Override
  public String toString() {
    return allowed().toString();
  }
}
