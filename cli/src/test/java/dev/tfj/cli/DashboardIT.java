package dev.tfj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tfj.server.http.ModelServer;
import dev.tfj.server.http.ServerConfig;
import dev.tfj.trainer.TrainJob;
import dev.tfj.trainer.TrainRequest;
import dev.tfj.trainer.data.DatasetLoader;
import dev.tfj.trainer.train.Device;
import dev.tfj.trainer.train.LearningRateSchedule;
import dev.tfj.trainer.train.OptimizerKind;
import dev.tfj.trainer.train.TrainingConfig;
import dev.tfj.trainer.train.TrainingListener;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real headless Chromium (Debian's, through its chromedriver): a LeNet-5 trained for one
 * epoch on real MNIST is listed with its numbers and curves, a "1" drawn on the pad is read as a 1, and a
 * chosen file the API rejects shows its error.
 */
class DashboardIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOT = Path.of("target", "dashboard.png");
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  static ModelServer server;
  static WebDriver browser;

  @BeforeAll
  static void trainServeAndOpen() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("DashboardIT needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver, as .ci/run does");
    }
    Path models = tmp.resolve("saved-models");
    TrainJob.run(
        new TrainRequest(
            new TrainingConfig("lenet5", 1, 128, OptimizerKind.SGD, 0.01, LearningRateSchedule.COSINE, 0.9, 0, 0, 1, Device.CPU, 0),
            models, "lenet5", 0, tmp.resolve("checkpoints"), false),
        DatasetLoader.load(Path.of(System.getProperty("tfj.test.mnist"))),
        TrainingListener.NONE);
    server = ModelServer.start(models, ServerConfig.defaults().withPort(0).withGrpcPort(ServerConfig.GRPC_OFF));
    browser = chromium(tmp.resolve("chromium-profile"));
    browser.get(server.url() + "/");
  }

  /** Headless Chromium that never reaches for the network on its own, and no Selenium Manager download. */
  static WebDriver chromium(Path profile) {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1200", "--user-data-dir=" + profile);
    return new ChromeDriver(ChromeDriverService.createDefaultService(), options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsTheModelDrawsAOneAndShowsItsPrediction() throws IOException {
    WebElement row = await("the model list shows lenet5/1 with its metrics", () -> {
      List<WebElement> rows = browser.findElements(By.cssSelector("#models tr[data-model='lenet5'][data-version='1']"));
      return rows.isEmpty() || rows.get(0).findElement(By.className("accuracy")).getText().equals("…") ? null : rows.get(0);
    });
    assertThat(row.findElement(By.className("state")).getText()).isEqualTo("AVAILABLE");
    assertThat(row.findElement(By.className("params")).getText()).isEqualTo("61,706");
    assertThat(row.findElement(By.className("accuracy")).getText()).matches("\\d{2}\\.\\d{2} %");
    await("training curves and the confusion matrix", () ->
        browser.findElements(By.cssSelector("#curves svg.chart")).size() == 2
            && browser.findElements(By.cssSelector("#confusion table.confusion tbody tr")).size() == 10 ? true : null);

    drawAOne(browser.findElement(By.id("pad")));

    List<WebElement> bars = await("a prediction with ten probabilities", () -> {
      List<WebElement> items = browser.findElements(By.cssSelector("#probabilities li"));
      return items.size() == 10 ? items : null;
    });
    double sum = bars.stream().mapToDouble(b -> Double.parseDouble(b.getAttribute("data-p"))).sum();
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(browser.findElement(By.id("digit")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.cssSelector("#probabilities li.top")).getAttribute("data-digit")).isEqualTo("1");
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void showsTheApiErrorForAChosenBlankImage() throws IOException {
    BufferedImage white = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = white.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 56, 56);
    g.dispose();
    Path file = tmp.resolve("blank.png");
    ImageIO.write(white, "png", file.toFile());
    await("the models to load", () -> browser.findElements(By.cssSelector("#models tr.selected")).isEmpty() ? null : true);

    browser.findElement(By.id("file")).sendKeys(file.toString());

    WebElement error = await("an error in the page", () -> {
      WebElement e = browser.findElement(By.id("error"));
      return e.isDisplayed() ? e : null;
    });
    assertThat(error.getText()).startsWith("Prediction with lenet5 / 1 failed: ").contains("blank");
    assertThat(browser.findElements(By.cssSelector("#probabilities li"))).isEmpty();
    browser.findElement(By.id("clear")).click();
  }

  /** A vertical stroke down the middle of the pad, pressed, moved in small steps and released. */
  static void drawAOne(WebElement pad) {
    Actions stroke = new Actions(browser).moveToElement(pad, 4, -95).clickAndHold();
    for (int i = 0; i < 19; i++) {
      stroke = stroke.moveByOffset(-1, 10);
    }
    stroke.release().perform();
  }

  static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    String error = browser.findElement(By.id("error")).getText();
    return fail("waited " + PATIENCE.toSeconds() + " s for " + what + (error.isEmpty() ? "" : "; the page says: " + error));
  }
}
