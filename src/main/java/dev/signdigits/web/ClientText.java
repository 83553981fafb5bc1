package dev.signdigits.web;

/**
 * Makes client-supplied text (a multipart file name, a request id) safe to quote in an error
 * message or a log line: control characters and non-ASCII become '?', and it is cut short.
 * Such text is only ever quoted, never used as a path.
 */
public final class ClientText {
    private static final int MAX_LENGTH = 80;

    private ClientText() {}

    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 3);
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return "'" + out + (text.length() > MAX_LENGTH ? "...'" : "'");
    }
}
