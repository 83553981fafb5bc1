package dev.signdigits.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP/1.1 response read off a raw socket: status line, headers, and the body (de-chunked). */
final class RawResponse {
    private RawResponse() {}

    static Http.Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        boolean chunked = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding")
                && e.getValue().contains("chunked"));
        return new Http.Response(Integer.parseInt(lines[0].substring(9, 12)), headers,
                (chunked ? dechunk(body) : body).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String dechunk(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.writeBytes(body.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
