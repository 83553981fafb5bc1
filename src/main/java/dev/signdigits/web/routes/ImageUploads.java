package dev.signdigits.web.routes;

import dev.signdigits.web.ApiException;
import dev.signdigits.web.ClientGoneException;
import dev.signdigits.web.ClientText;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads uploaded image bytes from a request: a multipart/form-data file field, or for single
 * images also a raw body. The declared content type of a raw body is not trusted (the decoder
 * sniffs the bytes), and a multipart file name is only ever quoted in messages.
 */
final class ImageUploads {
    private final long maxRequestBytes;

    ImageUploads(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Encoded bytes and how to name them in a message. */
    record Upload(byte[] bytes, String name) {}

    Upload single(Context ctx, String field) {
        if (!ctx.isMultipart()) {
            return new Upload(ctx.bodyAsBytes(), "The request body");
        }
        List<Upload> uploads = files(ctx, field);
        if (uploads.size() != 1) {
            throw ApiException.badRequest("Send exactly one file in the multipart field '" + field + "', not "
                    + uploads.size() + ": use /api/v1/predict/batch for several.");
        }
        return uploads.get(0);
    }

    List<Upload> many(Context ctx, String field, int max) {
        if (!ctx.isMultipartFormData()) {
            throw ApiException.unsupportedMediaType("Send several images as multipart/form-data, each in a field named '"
                    + field + "'.");
        }
        List<Upload> uploads = files(ctx, field);
        if (uploads.size() > max) {
            throw ApiException.tooLarge(uploads.size() + " images is more than the " + max
                    + " one request may carry: split them over several requests.");
        }
        return uploads;
    }

    private List<Upload> files(Context ctx, String field) {
        if (!ctx.isMultipartFormData()) {
            throw ApiException.unsupportedMediaType("Multipart uploads must be multipart/form-data with a file field '"
                    + field + "'.");
        }
        List<UploadedFile> files = parts(ctx, field);
        if (files.isEmpty() && ctx.formParamMap().containsKey(field)) { // a part named so, sent without a file name
            throw ApiException.badRequest("The multipart field '" + field + "' holds a value without a file name, not a"
                    + " file: send the photo as a file part (curl -F " + field + "=@photo.jpg, or a browser file input).");
        }
        if (files.isEmpty()) {
            List<String> others = parts(ctx).stream().map(f -> ClientText.quote(f.filename())).toList();
            throw ApiException.badRequest("The multipart request has no file in the field '" + field + "'"
                    + (others.isEmpty() ? "" : " (it has " + others.size() + " file(s) under other names)")
                    + ": name the file field '" + field + "'.");
        }
        List<Upload> uploads = new ArrayList<>(files.size());
        for (UploadedFile file : files) {
            String name = "File " + ClientText.quote(file.filename()) + " in field '" + field + "'";
            try (InputStream in = file.content()) {
                uploads.add(new Upload(in.readAllBytes(), name));
            } catch (IOException e) {
                if (ClientGoneException.causedBy(e)) {
                    throw new ClientGoneException(e);
                }
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    private List<UploadedFile> parts(Context ctx, String field) {
        try {
            return ctx.uploadedFiles(field);
        } catch (Exception e) { // Jetty throws ServletException undeclared, through Kotlin
            throw multipartError(e);
        }
    }

    private List<UploadedFile> parts(Context ctx) {
        try {
            return ctx.uploadedFiles();
        } catch (Exception e) {
            throw multipartError(e);
        }
    }

    /** Jetty reports an oversized or malformed multipart body as a generic exception; tell them apart. */
    private RuntimeException multipartError(Exception e) {
        if (ClientGoneException.causedBy(e)) {
            return new ClientGoneException(e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("headers max length exceeded")) {
                return ApiException.badRequestAndClose("A multipart part's headers are too long (most likely the file name):"
                        + " send a shorter file name.");
            }
            if (message.contains("max length exceeded") || message.contains("max file size exceeded")
                    || message.contains("max parts")) {
                return ApiException.tooLarge("The request is larger than the limit of " + maxRequestBytes
                        + " bytes: send a smaller image.");
            }
        }
        return ApiException.badRequestAndClose("The multipart body is malformed (" + plainReason(rootMessage(e))
                + "): send multipart/form-data as a browser or curl -F does.");
    }

    /**
     * Jetty's multipart parser names its own states ("unexpected EOF in PREAMBLE"); say in the
     * client's terms what was missing instead, and keep other reasons as quoted text.
     */
    static String plainReason(String parserMessage) {
        String m = parserMessage.toLowerCase(Locale.ROOT);
        if (m.contains("eof") || m.contains("end of")) {
            if (m.contains("preamble")) {
                return "it ends before its first boundary line: check the boundary in the Content-Type header";
            }
            if (m.contains("header")) {
                return "it ends inside a part's headers";
            }
            return "it ends before the closing boundary";
        }
        if (m.contains("boundary")) {
            return "its boundary is missing or does not match the Content-Type header";
        }
        return ClientText.quote(parserMessage);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
