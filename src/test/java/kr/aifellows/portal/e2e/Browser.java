package kr.aifellows.portal.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both must be installed
 * ({@code .ci/run} installs them); a missing one fails the test, it never skips it.
 */
final class Browser implements AutoCloseable {

	/**
	 * How many presses of Tab may lead to one element (the header has about 15 stops).
	 */
	private static final int MAX_TABS = 120;

	private static final Path CHROMIUM = Path.of(System.getProperty("portal.test.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("portal.test.chromedriver", "/usr/bin/chromedriver"));

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private static final int PHONE_WIDTH = 390;

	private static final boolean STRICT_WIDTH = System.getenv("PORTAL_TEST_WIDTH_SURVEY") == null;

	private final List<String> tooWide = new ArrayList<>();

	private static final boolean STRICT_AXE = System.getenv("PORTAL_TEST_AXE_SURVEY") == null;

	private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

	private static final Path AXE_LOG = Path.of("target", "axe-pages.txt");

	private static final Path AXE_VIOLATIONS = Path.of("target", "axe-violations.txt");

	private final List<String> inaccessible = new ArrayList<>();

	/** Pages analysed by axe: "language width path", path without its query. */
	private final Set<String> analysed = new TreeSet<>();

	Browser(int port) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ ": apt-get install chromium chromium-driver (.ci/run does this)");
		}
		try {
			this.profile = Files.createTempDirectory("aifellows-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,900", "--lang=ko-KR", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	void open(String pathAndQuery) {
		driver.get(baseUrl + pathAndQuery);
		checkFitsAPhone();
	}

	/**
	 * Opens a page that is not the portal's own layout (the API documentation is Swagger
	 * UI's), without the phone-width check that holds for the portal's pages.
	 */
	void openOthers(String pathAndQuery) {
		driver.get(baseUrl + pathAndQuery);
	}

	/** Signs in through the login page. */
	void login(String email, String password) {
		open("/login");
		type("#email", email);
		type("#password", password);
		click("#login-submit");
	}

	WebElement find(String cssSelector) {
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
	}

	/** Whether the page has such an element now, without waiting for one. */
	boolean has(String cssSelector) {
		return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
	}

	/** Whether such an element is on the page and shown, without waiting for one. */
	boolean shows(String cssSelector) {
		return driver.findElements(By.cssSelector(cssSelector)).stream().anyMatch(WebElement::isDisplayed);
	}

	void type(String cssSelector, String text) {
		WebElement field = find(cssSelector);
		field.clear();
		field.sendKeys(text);
	}

	void click(String cssSelector) {
		find(cssSelector).click();
		checkFitsAPhone();
	}

	/**
	 * Moves the focus with the Tab key only, as a keyboard user does, until it is on the
	 * element; fails when the element cannot be reached that way.
	 */
	void tabTo(String cssSelector) {
		WebElement target = find(cssSelector);
		for (int presses = 0; presses < MAX_TABS; presses++) {
			if (target.equals(driver.switchTo().activeElement())) {
				return;
			}
			new Actions(driver).sendKeys(Keys.TAB).perform();
		}
		throw new AssertionError(
				cssSelector + " is not reached with " + MAX_TABS + " presses of Tab on " + driver.getCurrentUrl());
	}

	/** Types into whatever has the focus. */
	void typeKeys(String text) {
		new Actions(driver).sendKeys(text).perform();
	}

	/** Presses a key on whatever has the focus (Space ticks a checkbox). */
	void press(Keys key) {
		new Actions(driver).sendKeys(key).perform();
	}

	/** Presses Enter on the focused link or button, and checks the page it leads to. */
	void pressEnter() {
		press(Keys.ENTER);
		checkFitsAPhone();
	}

	/**
	 * Every page visited is also laid out as on a 390-px phone: nothing may be wider than
	 * the screen (a wide table scrolls inside its own box). Fails the test on the page
	 * that does not fit.
	 */
	private void checkFitsAPhone() {
		if (hasAlert()) {
			return;
		}
		checkAccessible("desktop");
		onAPhone(() -> {
			checkAccessible(PHONE_WIDTH + "px");
			Object width = driver.executeScript("return document.documentElement.scrollWidth;");
			if (width instanceof Number number && number.intValue() > PHONE_WIDTH) {
				String page = driver.getCurrentUrl();
				screenshot("too-wide-" + page.replaceAll("[^A-Za-z0-9]+", "_"));
				tooWide.add(page + " is " + number + " px wide at " + PHONE_WIDTH + " px");
			}
			return null;
		});
		if (STRICT_WIDTH && !tooWide.isEmpty()) {
			throw new AssertionError(String.join("; ", tooWide));
		}
		if (STRICT_AXE && !inaccessible.isEmpty()) {
			throw new AssertionError(
					"axe-core found serious or critical violations:\n" + String.join("\n", inaccessible));
		}
	}

	/**
	 * Runs axe-core on the page as it is laid out now; a serious or critical violation
	 * fails the test (with PORTAL_TEST_AXE_SURVEY set, they are only listed).
	 */
	private void checkAccessible(String width) {
		Results results = new AxeBuilder().analyze(driver);
		String page = driver.getCurrentUrl().replace(baseUrl, "");
		String path = page.replaceAll("[?#].*$", "");
		String language = htmlLang();
		analysed.add(language + " " + width + " " + path);
		for (Rule rule : results.getViolations()) {
			if (rule.getImpact() != null && FAILING_IMPACTS.contains(rule.getImpact())) {
				List<String> targets = rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
				String problem = page + " [" + width + ", " + language + "] " + rule.getId() + " (" + rule.getImpact()
						+ "): " + rule.getHelp() + " at " + targets;
				if (!inaccessible.contains(problem)) {
					inaccessible.add(problem);
					screenshot("axe-" + rule.getId() + "-" + path.replaceAll("[^A-Za-z0-9]+", "_"));
				}
			}
		}
	}

	/**
	 * With -Dportal.test.screenshots=DIR (or PORTAL_TEST_SCREENSHOTS=DIR), saves the page
	 * as a 390-px phone shows it (the pictures under docs/screenshots come from this);
	 * without it, does nothing.
	 */
	void phoneScreenshot(String name) {
		String dir = System.getProperty("portal.test.screenshots", System.getenv("PORTAL_TEST_SCREENSHOTS"));
		if (dir == null) {
			return;
		}
		onAPhone(() -> {
			try {
				Path target = Path.of(dir, name + ".png");
				Files.createDirectories(target.getParent());
				return Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * A role's home as the README shows it: {@code NAME-desktop.png} at 1280 px and
	 * {@code NAME-390.png} on a phone, in the screenshot folder when one is set.
	 */
	void homeScreenshots(String name) {
		String dir = System.getProperty("portal.test.screenshots", System.getenv("PORTAL_TEST_SCREENSHOTS"));
		if (dir == null) {
			return;
		}
		try {
			Path target = Path.of(dir, name + "-desktop.png");
			Files.createDirectories(target.getParent());
			Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		phoneScreenshot(name + "-390");
	}

	/** What the page shows while it is laid out on a 390-px phone. */
	<T> T onAPhone(Supplier<T> look) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		try {
			return look.get();
		}
		finally {
			driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/** Where an element starts, in CSS pixels from the page's left edge. */
	int left(String cssSelector) {
		return find(cssSelector).getRect().getX();
	}

	private boolean hasAlert() {
		try {
			driver.switchTo().alert();
			return true;
		}
		catch (NoAlertPresentException ex) {
			return false;
		}
	}

	String text(String cssSelector) {
		return find(cssSelector).getText();
	}

	/**
	 * Whether leaving now would make the browser ask "leave this page?": the page's
	 * beforeunload handler cancels the event. (Headless Chromium does not show that
	 * dialog to WebDriver, so the event is sent here.)
	 */
	boolean leavingWouldAsk() {
		return Boolean.TRUE.equals(driver.executeScript(
				"var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;"));
	}

	/** Answers the page's confirmation dialog, which must be open: OK or Cancel. */
	void answerDialog(boolean ok) {
		var dialog = new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
		if (ok) {
			dialog.accept();
		}
		else {
			dialog.dismiss();
		}
		checkFitsAPhone();
	}

	String currentPath() {
		return driver.getCurrentUrl().substring(baseUrl.length());
	}

	String title() {
		return driver.getTitle();
	}

	/** Whether a script opened an alert, confirm or prompt dialog on the page. */
	boolean dialogOpen() {
		try {
			driver.switchTo().alert();
			return true;
		}
		catch (NoAlertPresentException ex) {
			return false;
		}
	}

	String htmlLang() {
		return driver.findElement(By.tagName("html")).getAttribute("lang");
	}

	void screenshot(String name) {
		try {
			Path target = Path.of("target", "e2e-screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException | RuntimeException ex) {
			// A missing screenshot must not hide the test's own failure.
		}
	}

	@Override
	public void close() {
		if (!tooWide.isEmpty()) {
			System.err.println("TOO WIDE: " + String.join("\nTOO WIDE: ", tooWide));
		}
		if (!inaccessible.isEmpty()) {
			System.err.println("AXE: " + String.join("\nAXE: ", inaccessible));
		}
		// Every journey adds the pages it had analysed; the pages × widths × languages of
		// a run are the distinct lines.
		try {
			Files.createDirectories(AXE_LOG.getParent());
			Files.write(AXE_LOG, analysed, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Files.write(AXE_VIOLATIONS, inaccessible, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// The summary is a report; the checks above already ran.
		}
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temp profile is harmless.
		}
	}

	/**
	 * Saves a screenshot of the page a failing test ended on, under
	 * target/e2e-screenshots.
	 */
	static final class ScreenshotOnFailure implements TestWatcher {

		private static Browser current;

		static void watch(Browser browser) {
			current = browser;
		}

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (current != null) {
				current.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
						+ context.getRequiredTestMethod().getName());
			}
		}

	}

}
