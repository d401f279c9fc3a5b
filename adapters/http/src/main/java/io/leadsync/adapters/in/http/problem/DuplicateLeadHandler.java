package io.leadsync.adapters.in.http.problem;

import io.leadsync.application.port.in.capture.DuplicateLeadException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A duplicate at capture is 409 with the existing lead's id in {@code duplicateOf} (an RFC 9457 extension member)
 * and the field that matched in {@code matchedOn}, so the agent can update that lead instead.
 */
@Singleton
final class DuplicateLeadHandler implements ExceptionHandler<DuplicateLeadException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, DuplicateLeadException exception) {
        ProblemType type = ProblemType.DUPLICATE_LEAD;
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("type", JsonNode.createStringNode(type.uri()));
        members.put("title", JsonNode.createStringNode(type.title()));
        members.put("status", JsonNode.createNumberNode(type.status().getCode()));
        members.put("detail", JsonNode.createStringNode(exception.getMessage()));
        if (request != null) {
            members.put("instance", JsonNode.createStringNode(ProblemResponses.instance(request)));
        }
        members.put("duplicateOf", JsonNode.createStringNode(exception.existing().value()));
        members.put("matchedOn", JsonNode.createStringNode(exception.field().apiName()));
        return HttpResponse.status(type.status()).body(JsonNode.createObjectNode(members))
                .contentType(ProblemResponses.PROBLEM_JSON);
    }
}
