package dev.jobstore.it.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (Selenium Manager would try to
 * download one). Without the browser the dashboard tests are skipped on a developer's machine,
 * and fail under CI, whose script installs it.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser() throws IOException {
        profile = Files.createTempDirectory("jobstore-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--window-size=1280,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
        wait.withMessage(() -> "the dashboard's last message: " + lastMessage());
        // The screens redraw themselves every few seconds: an element found a moment ago may be gone.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A fresh browser (its own profile: nobody is signed in), or the test is skipped or failed as above. */
    public static Browser open() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": dashboard tests skipped");
        try {
            return new Browser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dashboard() {
        return "http://127.0.0.1:" + System.getProperty("jobstore.test.http-port", "8180") + "/jobstore/";
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code hash} of the dashboard ({@code #/jobs?queue=q}, …). */
    public void go(String hash) {
        driver.get(dashboard() + hash);
    }

    /** Signs in through the dashboard's form and waits for its navigation. */
    public void signIn(String user, String password) {
        go("");
        visible(By.id("user")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in-button")).click();
        visible(By.id("nav"));
    }

    public WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Clicks what {@code locator} finds, finding it again if a redraw replaced it meanwhile. */
    public void click(By locator) {
        wait.until(driver -> {
            driver.findElement(locator).click();
            return true;
        });
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** The text of the dashboard's last notice (its errors among them), for failure messages. */
    private String lastMessage() {
        return driver.findElements(By.id("toast")).stream()
                .map(toast -> toast.getAttribute("textContent"))
                .findFirst()
                .orElse("(none)");
    }

    public void width(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
