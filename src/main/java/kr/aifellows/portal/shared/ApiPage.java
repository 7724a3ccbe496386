package kr.aifellows.portal.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a REST API list: the items, where the page is, and links to its neighbours
 * (in the body and as an RFC 8288 {@code Link} header).
 *
 * @param page the page number, from 0
 * @param links {@code self}, {@code first}, {@code last} and, where they exist,
 * {@code prev} and {@code next}
 */
public record ApiPage<T>(List<T> items, int page, int size, long total, Map<String, String> links) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/** The page number asked for, never below 0. */
	public static int page(Integer page) {
		return page == null ? 0 : Math.max(0, page);
	}

	/** The page size asked for, within 1 and {@link #MAX_SIZE}. */
	public static int size(Integer size) {
		return size == null ? DEFAULT_SIZE : Math.min(MAX_SIZE, Math.max(1, size));
	}

	public static <T> ResponseEntity<ApiPage<T>> of(List<T> items, int page, int size, long total,
			HttpServletRequest request) {
		long lastPage = Math.max(0, (total - 1) / size);
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", link(request, page, size));
		links.put("first", link(request, 0, size));
		if (page > 0) {
			links.put("prev", link(request, (int) Math.min(page - 1, lastPage), size));
		}
		if (page < lastPage) {
			links.put("next", link(request, page + 1, size));
		}
		links.put("last", link(request, (int) lastPage, size));
		List<String> header = new ArrayList<>();
		links.forEach((rel, href) -> header.add("<" + href + ">; rel=\"" + rel + "\""));
		return ResponseEntity.ok()
			.header(HttpHeaders.LINK, String.join(", ", header))
			.header("X-Total-Count", Long.toString(total))
			.body(new ApiPage<>(List.copyOf(items), page, size, total, links));
	}

	private static String link(HttpServletRequest request, int page, int size) {
		return ServletUriComponentsBuilder.fromRequest(request)
			.replaceQueryParam("page", page)
			.replaceQueryParam("size", size)
			.build()
			.toUriString();
	}

}
