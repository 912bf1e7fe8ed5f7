package dev.tfj.server.registry;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of a model's versions on disk are served, as TF Serving's {@code model_version_policy}: the
 * highest N that load, all of them, or a fixed set.
 */
public sealed interface VersionSelection {

  /** Of the loadable versions (highest first), those to serve, highest first. */
  List<Long> choose(List<Long> loadableHighestFirst);

  /** The highest {@code count} versions that load. */
  record Latest(int count) implements VersionSelection {
    public Latest {
      if (count < 1) {
        throw new IllegalArgumentException("the latest policy serves at least 1 version, got " + count);
      }
    }

    @Override
    public List<Long> choose(List<Long> loadable) {
      return loadable.subList(0, Math.min(count, loadable.size()));
    }
  }

  /** Every version on disk. */
  record All() implements VersionSelection {
    @Override
    public List<Long> choose(List<Long> loadable) {
      return loadable;
    }
  }

  /** Only these versions, when they are on disk. */
  record Specific(SortedSet<Long> versions) implements VersionSelection {
    public Specific {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("the specific policy names no versions");
      }
      versions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(versions));
    }

    @Override
    public List<Long> choose(List<Long> loadable) {
      return loadable.stream().filter(versions::contains).toList();
    }
  }

  /** The selection a directory-wide policy means: the latest one, or all. */
  public static VersionSelection of(VersionPolicy policy) {
    return policy == VersionPolicy.ALL ? new All() : new Latest(1);
  }
}
