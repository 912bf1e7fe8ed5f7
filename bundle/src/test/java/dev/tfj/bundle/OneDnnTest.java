package dev.tfj.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneDnnTest {

  @Test
  void setsAnUnsetVariableInTheNativeEnvironment() {
    String name = "TFJ_ONEDNN_TEST_" + ProcessHandle.current().pid();
    assertThat(OneDnn.nativeGetenv(name)).isNull();

    assertThat(OneDnn.setIfAbsent(name, "1")).isTrue();

    assertThat(OneDnn.nativeGetenv(name)).isEqualTo("1");
  }

  @Test
  void leavesAValueTheUserSetAlone() {
    String name = "TFJ_ONEDNN_KEEP_" + ProcessHandle.current().pid();
    OneDnn.setIfAbsent(name, "0");

    OneDnn.setIfAbsent(name, "1");

    assertThat(OneDnn.nativeGetenv(name)).isEqualTo("0");
  }

  @Test
  void isOnOnceEnabledUnlessTheEnvironmentSaysOtherwise() {
    String preset = System.getenv(OneDnn.VARIABLE);

    OneDnn.enableUnlessSet();

    assertThat(OneDnn.enabled()).isEqualTo(preset == null || preset.equals("1") || preset.equalsIgnoreCase("true"));
  }
}
