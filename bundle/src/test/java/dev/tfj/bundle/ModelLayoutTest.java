package dev.tfj.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLayoutTest {

  @TempDir Path base;

  private Path version(String model, String name, boolean savedModel) throws IOException {
    Path dir = Files.createDirectories(base.resolve(model).resolve(name));
    if (savedModel) {
      Files.writeString(dir.resolve(BundleFiles.SAVED_MODEL), "pb");
    }
    return dir;
  }

  @Test
  void readsZeroPaddedVersionDirectoriesAndIgnoresOtherNames() throws IOException {
    version("m", "00000001", true);
    version("m", "3", true);
    version("m", "0010", false);
    version("m", ".tmp-11-123", false);
    version("m", "latest", true);
    Path model = base.resolve("m");

    assertThat(ModelLayout.versions(model)).containsExactly(1L, 3L, 10L);
    assertThat(ModelLayout.versionDir(model, 1)).contains(model.resolve("00000001"));
    assertThat(ModelLayout.versionDir(model, 10)).contains(model.resolve("0010"));
    assertThat(ModelLayout.versionDir(model, 2)).isEmpty();
    assertThat(ModelLayout.nextVersion(model)).isEqualTo(11);
    assertThat(ModelLayout.latestVersion(model)).hasValue(10);
    assertThat(ModelLayout.versions(base.resolve("absent"))).isEmpty();
    assertThat(ModelLayout.nextVersion(base.resolve("absent"))).isEqualTo(1);
  }

  @Test
  void resolvesAModelDirectoryToItsHighestVersionThatHoldsASavedModel() throws IOException {
    version("m", "00000001", true);
    version("m", "00000002", true);
    version("m", "3", false); // being written, or broken

    SavedModelRef ref = ModelLayout.resolve(base.resolve("m"));

    assertThat(ref.name()).isEqualTo("m");
    assertThat(ref.version()).isEqualTo(2);
    assertThat(ref.dir()).isEqualTo(base.resolve("m").resolve("00000002"));
    assertThat(ref.label()).isEqualTo("m/2");
  }

  @Test
  void resolvesAVersionDirectoryAndASavedModelOutsideTheLayout() throws IOException {
    Path v7 = version("m", "007", true);
    Path loose = Files.createDirectories(base.resolve("exported"));
    Files.writeString(loose.resolve(BundleFiles.SAVED_MODEL), "pb");

    assertThat(ModelLayout.resolve(v7)).isEqualTo(new SavedModelRef("m", 7, v7));
    assertThat(ModelLayout.resolve(loose)).isEqualTo(new SavedModelRef("exported", 0, loose));
    assertThat(ModelLayout.resolve(loose).label()).isEqualTo("exported");
  }

  @Test
  void saysWhatIsMissingWhenAPathNamesNoSavedModel() throws IOException {
    Files.createDirectories(base.resolve("empty"));
    version("husks", "1", false);
    Path file = Files.writeString(base.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> ModelLayout.resolve(base.resolve("nope")))
        .isInstanceOf(BundleNotFoundException.class)
        .hasMessage(base.resolve("nope") + " does not exist");
    assertThatThrownBy(() -> ModelLayout.resolve(base.resolve("empty")))
        .hasMessage(base.resolve("empty") + " is not a SavedModel: no saved_model.pb and no numbered version directories in it");
    assertThatThrownBy(() -> ModelLayout.resolve(base.resolve("husks")))
        .hasMessage(base.resolve("husks") + " is not a SavedModel: its version directories hold no saved_model.pb");
    assertThatThrownBy(() -> ModelLayout.resolve(file))
        .hasMessage(file + " is not a SavedModel: pass a version directory (with saved_model.pb) or a model directory");
  }

  @Test
  void publishesATemporaryDirectoryByRenameAndRefusesAVersionThatExistsUnderAnyName() throws IOException {
    version("m", "00000002", true);
    Path model = base.resolve("m");
    Path tmp = ModelLayout.createTempVersionDir(model, 3);
    Files.writeString(tmp.resolve(BundleFiles.SAVED_MODEL), "pb");

    assertThat(tmp.getFileName().toString()).startsWith(".tmp-3-");
    assertThat(ModelLayout.versions(model)).containsExactly(2L);
    Path published = ModelLayout.publish(tmp, model, 3);
    assertThat(published).isEqualTo(model.resolve("3"));
    assertThat(Files.readString(published.resolve(BundleFiles.SAVED_MODEL))).isEqualTo("pb");
    assertThat(tmp).doesNotExist();

    Path again = ModelLayout.createTempVersionDir(model, 2);
    assertThatThrownBy(() -> ModelLayout.publish(again, model, 2))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("00000002");
    ModelLayout.deleteTree(again);
    assertThat(again).doesNotExist();
    try (var left = Files.list(model)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(List.of("00000002", "3"));
    }
  }

  @Test
  void removesTheTemporaryDirectoriesOfDeadWritersAndKeepsLiveOnes() throws Exception {
    Path model = Files.createDirectories(base.resolve("m"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = Files.createDirectories(model.resolve(".tmp-5-" + gone.pid() + "-k3j"));
    Files.writeString(dead.resolve(BundleFiles.SAVED_MODEL), "half");
    Path live = Files.createDirectories(model.resolve(".tmp-6-" + ProcessHandle.current().pid() + "-x1"));
    Path unknown = Files.createDirectories(model.resolve(".tmp-7-abc"));
    Path version = version("m", "1", true);

    Path fresh = ModelLayout.createTempVersionDir(model, 8);

    assertThat(dead).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(unknown).isDirectory();
    assertThat(version).isDirectory();
    assertThat(fresh.getFileName().toString()).startsWith(".tmp-8-" + ProcessHandle.current().pid() + "-");
    assertThat(ModelLayout.tempDirWriter(fresh.getFileName().toString())).hasValue(ProcessHandle.current().pid());
  }

  @Test
  void temporaryFilesAndDirectoriesGetTheUmaskPermissionsOfAnyNewFile() throws IOException {
    Path plainDir = Files.createDirectory(base.resolve("plain-dir"));
    Path plainFile = Files.createFile(base.resolve("plain-file"));

    Path dir = ModelLayout.createTempVersionDir(base.resolve("m"), 1);
    Path file = TempFiles.createFile(dir, ".metrics-", ".tmp");

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(Files.getPosixFilePermissions(plainDir));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plainFile));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).startsWith("rw-r");
  }
}
