package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.LeadEndpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 POST over a socket already connected to a checked address (ADR 0042): the JDK's HTTP client resolves
 * names itself, which would let a name resolve to a second, unchecked address between the check and the connect.
 * Only what a delivery needs: the request, then the status and the first bytes of the answer's body (plain,
 * {@code Content-Length} or chunked). {@code Connection: close}, no redirects, no compression.
 */
final class Http11Exchange {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private Http11Exchange() {
    }

    /** A request LeadSync makes: the URL, its headers in order, and the body. */
    record Request(URI uri, Map<String, String> headers, byte[] body) {
        Request {
            headers = new java.util.LinkedHashMap<>(headers);
        }

        Request withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(uri, more, body);
        }
    }

    /**
     * Writes the request and reads the answer, within {@code deadlineNanos} ({@link System#nanoTime()} based).
     *
     * @throws SocketTimeoutException when the deadline passes first
     */
    static LeadEndpoint.Answer post(Socket socket, Request request, long deadlineNanos, int readAtMost)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head(request).getBytes(StandardCharsets.UTF_8));
        out.write(request.body());
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        while (true) {
            String statusLine = line(socket, in, deadlineNanos);
            if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
                throw new IOException("not an HTTP/1.1 answer");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (int count = 0; ; count++) {
                String header = line(socket, in, deadlineNanos);
                if (header.isEmpty()) {
                    break;
                }
                if (count > MAX_HEADERS) {
                    throw new IOException("too many header lines in the answer");
                }
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : header.substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    length = parseLength(value);
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
            if (status >= 100 && status < 200) {
                continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
            }
            byte[] body = status == 204 || status == 304 ? new byte[0]
                    : chunked ? chunked(socket, in, deadlineNanos, readAtMost)
                    : read(socket, in, deadlineNanos, length < 0 ? readAtMost : (int) Math.min(length, readAtMost));
            return new LeadEndpoint.Answer(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    static String head(Request request) {
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        request.headers().forEach((name, value) -> {
            if ((name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("a header " + name + " holds a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("Content-Length: ").append(request.body().length).append("\r\n")
                .append("Connection: close\r\n\r\n").toString();
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("an answer with a bad Content-Length", e);
        }
    }

    private static byte[] chunked(Socket socket, InputStream in, long deadlineNanos, int readAtMost)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < readAtMost) {
            String sizeLine = line(socket, in, deadlineNanos);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("an answer with a bad chunk size", e);
            }
            if (size == 0) {
                break;
            }
            int wanted = (int) Math.min(size, readAtMost - body.size());
            body.write(read(socket, in, deadlineNanos, wanted));
            if (wanted < size) {
                break; // enough for the excerpt; the rest is not read
            }
            line(socket, in, deadlineNanos);
        }
        return body.toByteArray();
    }

    private static byte[] read(Socket socket, InputStream in, long deadlineNanos, int atMost) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[Math.max(1, Math.min(atMost, 8192))];
        while (bytes.size() < atMost) {
            timeLeft(socket, deadlineNanos);
            int n = in.read(buffer, 0, Math.min(buffer.length, atMost - bytes.size()));
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    private static String line(Socket socket, InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            timeLeft(socket, deadlineNanos);
            int b = in.read();
            if (b < 0) {
                throw new IOException("the answer ended early");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a line of the answer is too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Each read waits at most until the request's deadline, so a receiver dripping bytes cannot hold a worker. */
    private static void timeLeft(Socket socket, long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }
}
