package kr.aifellows.portal;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A real SMTP server (GreenMail) for the whole test run, started before any Spring
 * context so that every context sends to it; its port reaches Spring as
 * {@code spring.mail.port}.
 */
public class TestMailServer implements LauncherSessionListener {

	private static GreenMail greenMail;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		start();
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	static synchronized void start() {
		if (greenMail != null) {
			return;
		}
		int port = freePort();
		greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		System.setProperty("spring.mail.port", Integer.toString(port));
	}

	/**
	 * Waits for the newest mail to the given address whose subject contains the given
	 * text.
	 */
	public static MimeMessage awaitMail(String recipient, String subjectContains) {
		start();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<MimeMessage> found = Arrays.stream(greenMail.getReceivedMessages())
				.filter(message -> isTo(message, recipient) && subject(message).contains(subjectContains))
				.reduce((first, second) -> second);
			if (found.isPresent()) {
				return found.get();
			}
			sleep();
		}
		throw new AssertionError("No mail to " + recipient + " with '" + subjectContains + "' within 15 s");
	}

	public static long countMailsTo(String recipient) {
		start();
		return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> isTo(message, recipient)).count();
	}

	/** Every mail received so far for the given address, oldest first. */
	public static List<MimeMessage> mailsTo(String recipient) {
		start();
		return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> isTo(message, recipient)).toList();
	}

	/**
	 * The Message-ID of every mail received so far for the given address, oldest first.
	 */
	public static List<String> messageIdsTo(String recipient) {
		return mailsTo(recipient).stream().map(message -> {
			try {
				return message.getMessageID();
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/**
	 * @return the path and query of the first link in the mail's body that contains the
	 * given path
	 */
	public static String linkPath(MimeMessage message, String path) {
		String body = body(message);
		Matcher matcher = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "[^\\s]*)").matcher(body);
		if (!matcher.find()) {
			throw new AssertionError("No link to " + path + " in: " + body);
		}
		return matcher.group(1);
	}

	/**
	 * @return the decoded text of a plain-text mail
	 */
	public static String body(MimeMessage message) {
		try {
			return String.valueOf(message.getContent());
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isTo(MimeMessage message, String recipient) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			return "";
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
