package dev.signdigits.web;

/**
 * Makes client-supplied text (a multipart file name, a request id) safe to quote in an error
 * message or a log line: letters, digits, punctuation and symbols of any script are kept ('café.jpg'
 * stays readable; answers are UTF-8 JSON and logs are written in UTF-8), while control and format
 * characters (newlines, bidirectional overrides, zero-width marks) and unassigned or private code
 * points become '?', and it is cut short. Such text is only ever quoted, never used as a path.
 */
public final class ClientText {
    private static final int MAX_LENGTH = 80;

    private ClientText() {}

    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 3);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < MAX_LENGTH) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (safe(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
            shown++;
        }
        return "'" + out + (i < text.length() ? "...'" : "'");
    }

    private static boolean safe(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7F;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
