package dev.tfj.server.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;

/**
 * One model's versions, and the policy that decides which of the versions on disk are loaded. One thread
 * at a time changes it (a scan reconciles each model on its own loader thread); request threads read it.
 */
final class ModelEntry {

  private final String name;
  private final NavigableMap<Long, ModelVersion> versions = new ConcurrentSkipListMap<>();

  ModelEntry(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  NavigableMap<Long, ModelVersion> versions() {
    return versions;
  }

  /**
   * Brings the loaded versions in line with the directories on disk: loads what the policy wants, and
   * unloads the rest (including versions whose directory is gone) only once a wanted version is serving,
   * so there is no gap, or when nothing is wanted any more.
   */
  void reconcile(Map<Long, Path> onDisk, VersionSelection policy, VersionLoader loader, Executor closer) {
    for (ModelVersion v : List.copyOf(versions.values())) {
      Path dir = onDisk.get(v.version());
      boolean forget =
          switch (v.state()) {
            case ERROR -> dir == null || !v.fingerprint().equals(VersionFingerprint.of(dir)); // retry if changed
            case END -> dir == null;
            default -> false;
          };
      if (forget) {
        versions.remove(v.version(), v);
      }
    }
    while (true) {
      List<Long> wanted = wanted(onDisk, policy);
      Optional<Long> next = wanted.stream().filter(this::needsLoad).findFirst();
      if (next.isEmpty()) {
        unloadAllBut(wanted, closer);
        return;
      }
      Path dir = onDisk.get(next.get());
      ModelVersion fresh = new ModelVersion(name, next.get(), dir, VersionFingerprint.of(dir));
      versions.put(next.get(), fresh);
      loader.load(name, fresh, dir);
    }
  }

  /** Highest first: the loadable versions on disk the policy chooses. */
  private List<Long> wanted(Map<Long, Path> onDisk, VersionSelection policy) {
    List<Long> loadable = new ArrayList<>();
    onDisk.keySet().stream()
        .sorted((a, b) -> Long.compare(b, a))
        .filter(v -> versions.get(v) == null || versions.get(v).state() != ModelState.ERROR)
        .forEach(loadable::add);
    return policy.choose(loadable);
  }

  private boolean needsLoad(long version) {
    ModelVersion v = versions.get(version);
    return v == null || v.state() == ModelState.END;
  }

  private void unloadAllBut(List<Long> wanted, Executor closer) {
    boolean wantedServing = wanted.stream().anyMatch(v -> versions.get(v).state() == ModelState.AVAILABLE);
    if (!wantedServing && !wanted.isEmpty()) {
      return;
    }
    for (ModelVersion v : versions.values()) {
      if (!wanted.contains(v.version())) {
        v.unload(closer);
      }
    }
  }

  /** True when nothing is loaded or loading any more. */
  boolean idle() {
    return versions.values().stream()
        .allMatch(v -> v.state() == ModelState.END || v.state() == ModelState.ERROR);
  }
}
