package dev.tfj.server.config;

import com.google.protobuf.TextFormat;
import dev.tfj.serving.api.config.FileSystemStoragePathSourceConfig.ServableVersionPolicy;
import dev.tfj.serving.api.config.ModelConfig;
import dev.tfj.serving.api.config.ModelServerConfig;
import dev.tfj.server.registry.ServedModel;
import dev.tfj.server.registry.VersionSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TF Serving's model config ({@code ModelServerConfig}, in its text format for a file): each
 * {@code model_config_list.config} becomes a {@link ServedModel} with its name, base path, version policy
 * ({@code latest}, {@code all} or {@code specific}; latest 1 when unset) and version labels.
 */
public final class ModelConfigs {

  private ModelConfigs() {}

  /**
   * Reads a model config file; a relative {@code base_path} is taken from the file's directory. Throws
   * {@link NoSuchFileException} for a missing file and {@link InvalidModelConfigException} for a bad one.
   */
  public static List<ServedModel> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return parse(text, file.toAbsolutePath().getParent());
  }

  /** Parses the text format; a relative {@code base_path} is taken from {@code dir}. */
  public static List<ServedModel> parse(String text, Path dir) {
    ModelServerConfig.Builder config = ModelServerConfig.newBuilder();
    try {
      TextFormat.merge(text, config);
    } catch (TextFormat.ParseException e) {
      throw new InvalidModelConfigException("not a model config in text format: " + e.getMessage(), e);
    }
    return of(config.build(), dir);
  }

  /** The models of a config, as {@code HandleReloadConfigRequest} carries it; relative paths from {@code dir}. */
  public static List<ServedModel> of(ModelServerConfig config, Path dir) {
    if (config.getConfigCase() == ModelServerConfig.ConfigCase.CUSTOM_MODEL_CONFIG) {
      throw new InvalidModelConfigException("custom_model_config is not supported; use model_config_list");
    }
    List<ServedModel> models = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ModelConfig model : config.getModelConfigList().getConfigList()) {
      ServedModel served = model(model, dir);
      if (!names.add(served.name())) {
        throw new InvalidModelConfigException("model " + served.name() + " is configured twice");
      }
      models.add(served);
    }
    return List.copyOf(models);
  }

  private static ServedModel model(ModelConfig model, Path dir) {
    String name = model.getName();
    if (name.isEmpty()) {
      throw new InvalidModelConfigException("a config in model_config_list has no name");
    }
    if (model.getBasePath().isEmpty()) {
      throw new InvalidModelConfigException("model " + name + " has no base_path");
    }
    String platform = model.getModelPlatform();
    if (!platform.isEmpty() && !platform.equals("tensorflow")) {
      throw new InvalidModelConfigException(
          "model " + name + " has model_platform \"" + platform + "\"; only \"tensorflow\" is served");
    }
    VersionSelection versions = versions(name, model.getModelVersionPolicy());
    for (Map.Entry<String, Long> label : model.getVersionLabelsMap().entrySet()) {
      if (versions instanceof VersionSelection.Specific s && !s.versions().contains(label.getValue())) {
        throw new InvalidModelConfigException("model " + name + " labels version " + label.getValue() + " \""
            + label.getKey() + "\", which its specific version policy does not serve");
      }
    }
    Path base = Path.of(model.getBasePath());
    base = base.isAbsolute() || dir == null ? base.toAbsolutePath() : dir.resolve(base);
    return new ServedModel(name, base.normalize(), versions, model.getVersionLabelsMap());
  }

  private static VersionSelection versions(String name, ServableVersionPolicy policy) {
    return switch (policy.getPolicyChoiceCase()) {
      case LATEST -> {
        int n = policy.getLatest().getNumVersions();
        if (n < 1) {
          throw new InvalidModelConfigException(
              "model " + name + " has latest { num_versions: " + n + " }; it must be at least 1");
        }
        yield new VersionSelection.Latest(n);
      }
      case ALL -> new VersionSelection.All();
      case SPECIFIC -> {
        if (policy.getSpecific().getVersionsCount() == 0) {
          throw new InvalidModelConfigException("model " + name + " has a specific version policy with no versions");
        }
        yield new VersionSelection.Specific(new TreeSet<>(policy.getSpecific().getVersionsList()));
      }
      case POLICYCHOICE_NOT_SET -> new VersionSelection.Latest(1);
    };
  }
}
