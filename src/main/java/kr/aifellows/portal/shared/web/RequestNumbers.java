package kr.aifellows.portal.shared.web;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;

import org.springframework.util.StringUtils;

/**
 * Bounds for every number a request carries (query parameters, path variables, form
 * fields): a value outside them, or one that is not a finite number (NaN, 1e309), is
 * refused with 400 before any handler sees it, and page numbers are clamped, since a page
 * past the end is what a user who types a huge one means.
 */
final class RequestNumbers {

	/**
	 * No count, hour, score or year in the portal comes near this; products of two stay
	 * in a long.
	 */
	static final long MAX_INT = 1_000_000_000L;

	/** Database ids are identity columns, far below this. */
	static final long MAX_LONG = 1_000_000_000_000_000L;

	/**
	 * Pages beyond this are clamped to it: no listing has ten thousand pages, and offsets
	 * stay small.
	 */
	static final int MAX_PAGE = 10_000;

	private RequestNumbers() {
	}

	static boolean isPageParameter(String name) {
		return name != null && (name.equals("page") || name.endsWith("Page"));
	}

	/**
	 * An integral editor: whole numbers within ±max, empty for null where the type allows
	 * it.
	 */
	static PropertyEditorSupport integral(Class<?> type, long max, boolean allowEmpty) {
		return new BoundedEditor(allowEmpty) {
			@Override
			Object parse(String text) {
				long value = Long.parseLong(text);
				if (Math.abs(value) > max) {
					throw new IllegalArgumentException("out of range: " + value);
				}
				return type == Integer.class || type == int.class ? Integer.valueOf((int) value) : Long.valueOf(value);
			}
		};
	}

	/**
	 * A page number: negative means the first page, huge means the last one there could
	 * be.
	 */
	static PropertyEditorSupport page(boolean allowEmpty) {
		return new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				if (!StringUtils.hasText(text)) {
					setValue(allowEmpty ? null : 0);
					return;
				}
				BigDecimal value = new BigDecimal(text.strip());
				if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
					throw new IllegalArgumentException("not a whole number: " + text);
				}
				setValue(value.max(BigDecimal.ZERO).min(BigDecimal.valueOf(MAX_PAGE)).intValue());
			}
		};
	}

	/** A decimal: finite and within ±{@link #MAX_INT}. */
	static PropertyEditorSupport decimal(Class<?> type, boolean allowEmpty) {
		return new BoundedEditor(allowEmpty) {
			@Override
			Object parse(String text) {
				double value = Double.parseDouble(text);
				if (!Double.isFinite(value) || Math.abs(value) > MAX_INT) {
					throw new IllegalArgumentException("not a finite number in range: " + text);
				}
				return type == Float.class || type == float.class ? Float.valueOf((float) value)
						: Double.valueOf(value);
			}
		};
	}

	/** Empty text is null where the type allows it; anything else must parse. */
	private abstract static class BoundedEditor extends PropertyEditorSupport {

		private final boolean allowEmpty;

		BoundedEditor(boolean allowEmpty) {
			this.allowEmpty = allowEmpty;
		}

		abstract Object parse(String text);

		@Override
		public void setAsText(String text) {
			if (!StringUtils.hasText(text)) {
				if (!allowEmpty) {
					throw new IllegalArgumentException("empty");
				}
				setValue(null);
				return;
			}
			setValue(parse(text.strip()));
		}

	}

}
