package dev.tfj.server.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tfj.server.http.ServerConfig;
import dev.tfj.inference.testing.TestBundles;
import dev.tfj.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's page, script and style come from the jar, reference nothing outside the server, and leave the API alone. */
class DashboardApiTest {

  @TempDir static Path base;
  static TestServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestBundles.exportOurs(base, "mnist", 1, 11);
    server = TestServer.start(base, ServerConfig.defaults().withPollInterval(Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageAtTheRootWithItsCanvas() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body())
        .contains("<canvas id=\"pad\" width=\"280\" height=\"280\"")
        .contains("<script src=\"app.js\"></script>")
        .contains("<link rel=\"stylesheet\" href=\"app.css\">");
  }

  @Test
  void servesScriptAndStyleWithTheirTypes() throws Exception {
    HttpResponse<String> js = get("/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(js.body()).contains("/api/models");
    HttpResponse<String> css = get("/app.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
  }

  @Test
  void referencesNothingOutsideTheServer() throws Exception {
    Pattern url = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    for (String path : new String[] {"/", "/app.js", "/app.css"}) {
      Matcher m = url.matcher(get(path).body().replace("http://www.w3.org/2000/svg", ""));
      assertThat(m.find()).as(path + " links elsewhere: " + (m.hitEnd() ? "" : m.group())).isFalse();
    }
  }

  @Test
  void leavesTheApiAndUnknownPathsAsTheyWere() throws Exception {
    assertThat(server.get("/api/models").json().get("models").get(0).get("name").asText()).isEqualTo("mnist");
    assertThat(server.get("/v1/models/mnist").status()).isEqualTo(200);
    assertThat(get("/nothing-here.js").statusCode()).isEqualTo(404);
  }
}
