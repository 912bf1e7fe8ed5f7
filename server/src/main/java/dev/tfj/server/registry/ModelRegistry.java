package dev.tfj.server.registry;

import dev.tfj.bundle.ModelLayout;
import dev.tfj.inference.BatchListener;
import dev.tfj.inference.Predictor;
import dev.tfj.inference.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model under a base directory in TF Serving's layout, {@code <base>/<name>/<version>/}, or the
 * models of a model config, each with its own base path, version policy and labels: loads the versions
 * the policy wants, polls for new ones, swaps them in without dropping a request, and reports each
 * version's state. Has no HTTP in it; the server and the CLI share it.
 */
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** Models loaded at once (TF Serving's num_load_threads); each load is mostly native, single-threaded work. */
  private static final int LOAD_THREADS = Math.max(4, Runtime.getRuntime().availableProcessors());

  private final Path baseDir;
  private final RegistryConfig config;
  /** The model config's models by name; null when the registry serves a base directory. */
  private volatile Map<String, ServedModel> configured;
  private final Map<String, ModelEntry> models = new ConcurrentSkipListMap<>();
  private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller;
  private final VersionLoader loader;
  private final Executor closer;
  private final java.util.Set<Path> misplaced = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile boolean firstScanDone;
  /** Loads the versions of different models at the same time; idle threads end after a minute. */
  private final ExecutorService loaders = new ThreadPoolExecutor(0, LOAD_THREADS, 60, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "tfj-model-loader");
        t.setDaemon(true);
        return t;
      });
  private volatile Map<String, Map<String, Long>> labels = Map.of();

  private ModelRegistry(Path baseDir, List<ServedModel> models, RegistryConfig config) {
    this.baseDir = baseDir;
    if (models != null) {
      Configured c = Configured.of(models);
      configured = c.models();
      labels = c.labels();
    }
    this.config = config;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tfj-registry");
              t.setDaemon(true);
              return t;
            });
    this.loader =
        new VersionLoader(
            config, (model, version, sig, requests, rows) ->
                listeners.forEach(l -> l.onRun(model, version, sig, requests, rows)));
    this.closer =
        task -> {
          try {
            poller.execute(task);
          } catch (RejectedExecutionException e) {
            task.run();
          }
        };
  }

  /**
   * Opens a base directory: loads what is there before returning, then polls it at the configured
   * interval. Versions that fail to load are reported, not thrown.
   */
  public static ModelRegistry open(Path baseDir, RegistryConfig config) throws IOException {
    if (!Files.isDirectory(baseDir)) {
      throw new NoSuchFileException(baseDir.toString(), null, "model directory does not exist");
    }
    return started(new ModelRegistry(baseDir, null, config));
  }

  /**
   * Serves the models of a model config, each from its own base path with its own version policy and
   * labels; loads what is there before returning, then polls at the configured interval. A base path
   * that does not exist yet is watched like an empty one. The config's {@link RegistryConfig#versionPolicy}
   * is not used.
   */
  public static ModelRegistry open(List<ServedModel> models, RegistryConfig config) {
    return started(new ModelRegistry(null, models, config));
  }

  private static ModelRegistry started(ModelRegistry registry) {
    registry.start();
    return registry;
  }

  /**
   * A registry of a base directory that has loaded nothing yet: {@link #start} loads. A server opens its
   * port in the meantime, its models reported as loading.
   */
  public static ModelRegistry create(Path baseDir, RegistryConfig config) throws IOException {
    if (!Files.isDirectory(baseDir)) {
      throw new NoSuchFileException(baseDir.toString(), null, "model directory does not exist");
    }
    return new ModelRegistry(baseDir, null, config);
  }

  /** A registry of a model config's models that has loaded nothing yet: {@link #start} loads. */
  public static ModelRegistry create(List<ServedModel> models, RegistryConfig config) {
    return new ModelRegistry(null, models, config);
  }

  /**
   * Loads what is there, the models in parallel, and returns when done; then polls at the configured
   * interval. Called once, by {@code open} or after {@code create}.
   */
  public void start() {
    poll();
    firstScanDone = true;
    if (!config.pollInterval().isZero()) {
      long ms = config.pollInterval().toMillis();
      poller.scheduleWithFixedDelay(this::scanQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** True once the first scan has loaded (or failed to load) what it found. */
  public boolean started() {
    return firstScanDone;
  }

  /** The base directory; null when it serves a model config. */
  public Path baseDir() {
    return baseDir;
  }

  /** True when it serves a model config rather than a base directory. */
  public boolean configured() {
    return configured != null;
  }

  /**
   * Applies a new model config, as TF Serving's reload does: models it adds are loaded, models it drops
   * unloaded, policies and labels replaced; returns when the versions are loaded. Only for a registry
   * opened with a model config.
   */
  public void configure(List<ServedModel> models) {
    if (configured == null) {
      throw new IllegalStateException("this registry serves the directory " + baseDir + ", not a model config");
    }
    Configured c = Configured.of(models);
    run(() -> {
      configured = c.models();
      labels = c.labels();
      scan();
    });
  }

  /** A model config's models and labels by model name. */
  private record Configured(Map<String, ServedModel> models, Map<String, Map<String, Long>> labels) {
    static Configured of(List<ServedModel> models) {
      Map<String, ServedModel> byName = new LinkedHashMap<>();
      Map<String, Map<String, Long>> labelMaps = new LinkedHashMap<>();
      for (ServedModel m : models) {
        if (byName.put(m.name(), m) != null) {
          throw new IllegalArgumentException("model " + m.name() + " is configured twice");
        }
        labelMaps.put(m.name(), m.labels());
      }
      return new Configured(Map.copyOf(byName), Map.copyOf(labelMaps));
    }
  }

  /** The configuration it was opened with. */
  public RegistryConfig config() {
    return config;
  }

  /** Tells a listener about every session run of every version from now on. */
  public void addBatchListener(BatchListener listener) {
    listeners.add(listener);
  }

  /** Scans the base directory now and loads and unloads versions; returns when done. */
  public void poll() {
    run(this::scan);
  }

  private void run(Runnable task) {
    try {
      poller.submit(task).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("scanning " + source() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException e) {
      throw new UnavailableException("the model registry is closed");
    }
  }

  private void scanQuietly() {
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.warn("scanning {} failed: {}", source(), e.toString());
    }
  }

  private void scan() {
    if (closed) {
      return;
    }
    Map<String, ServedModel> wanted = configured != null ? configured : modelsUnderBase();
    List<Future<?>> reconciling = new ArrayList<>();
    for (ServedModel model : wanted.values()) {
      ModelEntry entry = models.computeIfAbsent(model.name(), ModelEntry::new);
      Map<Long, Path> onDisk = ModelLayout.versionDirs(model.basePath());
      reconciling.add(loaders.submit(() -> entry.reconcile(onDisk, model.versions(), loader, closer)));
    }
    awaitAll(reconciling);
    for (ModelEntry gone : List.copyOf(models.values())) {
      if (!wanted.containsKey(gone.name())) {
        gone.reconcile(Map.of(), new VersionSelection.All(), loader, closer);
        if (gone.idle()) {
          models.remove(gone.name());
        }
      }
    }
  }

  /** Waits for every model's reconcile; the first failure is rethrown once all have finished. */
  private static void awaitAll(List<Future<?>> futures) {
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(other -> other.cancel(true));
        throw new UnavailableException("interrupted while loading models");
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private String source() {
    return baseDir != null ? baseDir.toString() : "the model config";
  }

  private Map<String, ServedModel> modelsUnderBase() {
    VersionSelection selection = VersionSelection.of(config.versionPolicy());
    Map<String, ServedModel> byName = new LinkedHashMap<>();
    modelDirs().forEach((name, dir) -> byName.put(name, new ServedModel(name, dir, selection, Map.of())));
    return byName;
  }

  private Map<String, Path> modelDirs() {
    Map<String, Path> dirs = new LinkedHashMap<>();
    try (Stream<Path> children = Files.list(baseDir)) {
      children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(p -> dirs.put(p.getFileName().toString(), p));
      dirs.values().stream()
          .filter(p -> ModelLayout.parseVersion(p.getFileName().toString()).isPresent() && ModelLayout.isSavedModel(p))
          .filter(p -> misplaced.add(p))
          .forEach(p -> LOG.warn("{} looks like a version directory; pass the directory above its model", p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + baseDir, e);
    }
    return dirs;
  }

  /** The names of the models with at least one version found, sorted. */
  public List<String> models() {
    return models.values().stream().filter(m -> !m.versions().isEmpty()).map(ModelEntry::name).toList();
  }

  /** Every version of every model the registry knows, by model name, highest version first. */
  public List<VersionStatus> statuses() {
    List<VersionStatus> all = new ArrayList<>();
    models.values().forEach(m -> m.versions().descendingMap().values().forEach(v -> all.add(v.status())));
    return all;
  }

  /** The versions of one model, highest first; throws {@link ModelNotFoundException} for an unknown model. */
  public List<VersionStatus> statuses(String model) {
    ModelEntry entry = models.get(model);
    if (entry == null || entry.versions().isEmpty()) {
      throw new ModelNotFoundException("Could not find any versions of model " + model);
    }
    return entry.versions().descendingMap().values().stream().map(ModelVersion::status).toList();
  }

  /** One version's status; throws {@link ModelNotFoundException} when the registry has never seen it. */
  public VersionStatus status(String model, long version) {
    ModelEntry entry = models.get(model);
    ModelVersion v = entry == null ? null : entry.versions().get(version);
    if (v == null) {
      throw new ModelNotFoundException("Could not find version " + version + " of model " + model);
    }
    return v.status();
  }

  /**
   * Claims a serving version for one request: the given one, or the highest available. Close the handle
   * when done. Throws {@link ModelNotFoundException} when no such version is serving.
   */
  public ServableHandle acquire(String model, OptionalLong version) {
    if (closed) {
      throw new UnavailableException("the model registry is closed");
    }
    ModelEntry entry = models.get(model);
    if (entry != null && version.isPresent()) {
      ModelVersion v = entry.versions().get(version.getAsLong());
      Predictor p = v == null ? null : v.tryAcquire();
      if (p != null) {
        return new ServableHandle(model, v, p, closer);
      }
    } else if (entry != null) {
      // A swap makes the new version AVAILABLE before the old one UNLOADING, so a second pass finds one.
      for (int pass = 0; pass < 3; pass++) {
        for (ModelVersion v : entry.versions().descendingMap().values()) {
          Predictor p = v.tryAcquire();
          if (p != null) {
            return new ServableHandle(model, v, p, closer);
          }
        }
      }
    }
    if (entry != null) {
      entry.versions().values().stream()
          .filter(v -> v.state() == ModelState.LOADING)
          .filter(v -> version.isEmpty() || v.version() == version.getAsLong())
          .findFirst()
          .ifPresent(v -> {
            throw new UnavailableException("model " + model + " version " + v.version() + " is still loading");
          });
    }
    throw new ModelNotFoundException(
        "Servable not found for request: "
            + (version.isPresent() ? "Specific(" + model + ", " + version.getAsLong() + ")" : "Latest(" + model + ")"));
  }

  /**
   * The version a label of the model config names; throws {@link ModelNotFoundException} for a model or
   * label the config does not have.
   */
  public long versionOf(String model, String label) {
    Long version = labels.getOrDefault(model, Map.of()).get(label);
    if (version == null) {
      throw new ModelNotFoundException("Unrecognized servable version label: " + label + " of model " + model);
    }
    return version;
  }

  /**
   * Stops polling and unloads everything, waiting up to 30 s for requests in flight. Stop the HTTP server
   * first so no new requests arrive.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    poller.shutdown();
    try {
      poller.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      loaders.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ModelVersion> all =
        models.values().stream()
            .flatMap(m -> m.versions().values().stream())
            .sorted(Comparator.comparingLong(ModelVersion::version))
            .toList();
    all.forEach(v -> v.unload(Runnable::run));
    all.forEach(v -> v.awaitEnd(DRAIN_TIMEOUT));
    LOG.info("model registry for {} closed", source());
  }
}
