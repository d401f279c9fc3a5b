package io.leadsync.adapters.in.http.web;

import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemResponses;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place that refuses text PostgreSQL cannot store, before any controller sees it (issue 14): a NUL (U+0000)
 * or an unpaired UTF-16 surrogate in a JSON member (as {@code \u0000} or {@code \ud800}) or a form field is 422
 * naming the field, for every API and form alike, so nothing is stored altered (the JDBC driver turns a lone surrogate
 * into {@code ?}) and nothing fails half-way as a 500. A NUL in a query parameter or the path is 400.
 */
@ServerFilter("/**")
final class StorableTextFilter {
    static final String RULE = "must not contain NUL (U+0000) or an unpaired UTF-16 surrogate: such text cannot be "
            + "stored";

    private final JsonMapper json;
    private final FilterBodyParser forms;

    StorableTextFilter(JsonMapper json, FilterBodyParser forms) {
        this.json = json;
        this.forms = forms;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        boolean api = request.getPath().startsWith("/api/");
        List<String> badParameters = new ArrayList<>();
        if (!storable(request.getPath())) {
            badParameters.add("path");
        }
        for (String name : request.getParameters().names()) {
            if (!storable(name) || request.getParameters().getAll(name).stream().anyMatch(v -> !storable(v))) {
                badParameters.add(storable(name) ? name : "?");
            }
        }
        if (!badParameters.isEmpty()) {
            if (api) {
                return ProblemResponses.of(request, ProblemType.INVALID_PARAMETERS, "A query parameter holds a "
                        + "character no lead, activity or setting can contain.", badParameters.stream()
                        .map(name -> ProblemError.ofParameter(name, RULE)).toList());
            }
            return ErrorPages.page(HttpStatus.BAD_REQUEST, "Bad address", "The address holds a character LeadSync "
                    + "cannot search for (NUL) in " + String.join(", ", badParameters) + ".", "/app/integrations",
                    "Back to LeadSync");
        }
        if (!carriesBody(request)) {
            return null;
        }
        MediaType type = request.getContentType().orElse(null);
        List<ProblemError> bad = new ArrayList<>();
        if (MediaType.APPLICATION_FORM_URLENCODED_TYPE.equals(type)) {
            wait(forms.parseBody(request)).ifPresent(form -> form.forEach((name, value) -> {
                if (!storable(name) || values(value).stream().anyMatch(v -> !storable(v))) {
                    bad.add(ProblemError.ofField(storable(name) ? name : "?", RULE));
                }
            }));
        } else if (type != null && type.getSubtype().endsWith("json") && request instanceof ServerHttpRequest<?> s) {
            jsonBody(s).ifPresent(body -> walk(body, "", bad));
        }
        if (bad.isEmpty()) {
            return null;
        }
        if (api) {
            return ProblemResponses.of(request, ProblemType.INVALID_REQUEST, "Text that cannot be stored; nothing was "
                    + "written.", bad);
        }
        return ErrorPages.page(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing was saved", "The field "
                + String.join(", ", bad.stream().map(ProblemError::field).toList()) + " holds a character LeadSync "
                + "cannot store (NUL or an unpaired surrogate). Nothing was saved: go back, correct it and try again.",
                "/app/integrations", "Back to LeadSync");
    }

    /** True unless {@code text} holds NUL or a surrogate without its pair. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** Every member and element, depth first, adding each unstorable one by its JSON pointer. */
    static void walk(Object node, String pointer, List<ProblemError> bad) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                String at = pointer + "/" + (storable(name) ? name.replace("~", "~0").replace("/", "~1") : "?");
                if (!storable(name)) {
                    bad.add(new ProblemError(at, "?", null, RULE));
                } else {
                    walk(value, at, bad);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), pointer + "/" + i, bad);
            }
        } else if (node instanceof String text && !storable(text)) {
            bad.add(new ProblemError(pointer, pointer.substring(pointer.lastIndexOf('/') + 1), null, RULE));
        }
    }

    private static boolean carriesBody(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    /** The JSON body read from a split of the request's bytes, so the controller still reads the whole body. */
    private Optional<Object> jsonBody(ServerHttpRequest<?> request) {
        try (CloseableByteBody copy = request.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            Optional<? extends CloseableAvailableByteBody> buffered = wait(copy.buffer());
            if (buffered.isEmpty()) {
                return Optional.empty();
            }
            try (CloseableAvailableByteBody bytes = buffered.get()) {
                return Optional.ofNullable(json.readValue(bytes.toByteArray(), Argument.OBJECT_ARGUMENT));
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // the controller answers a malformed body as it always has
        }
    }

    private static List<String> values(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static <T> Optional<T> wait(java.util.concurrent.CompletableFuture<? extends T> future) {
        try {
            return Optional.ofNullable(future.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
