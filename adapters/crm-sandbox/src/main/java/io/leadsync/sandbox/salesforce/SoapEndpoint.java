package io.leadsync.sandbox.salesforce;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The SOAP partner API ({@code POST /services/Soap/u/XX.X}, SOAP API Developer Guide), the calls the REST API has
 * no resource for and client libraries make over SOAP: {@code convertLead} and {@code merge}. The session id in the
 * {@code SessionHeader} is the OAuth access token (as jsforce sends it); elements are read by local name, so both
 * jsforce's default-namespace body and WSC's {@code urn:}-prefixed one parse. Answers are the partner WSDL's:
 * {@code <convertLeadResponse><result>..}, and faults as {@code soapenv:Fault} with {@code sf:} fault codes
 * ({@code INVALID_SESSION_ID} is what makes clients refresh their token).
 */
final class SoapEndpoint {
    static final Pattern PATH = Pattern.compile("/services/Soap/u/(\\d{2,3}\\.\\d)");
    private static final String PARTNER = "urn:partner.soap.sforce.com";
    /** Salesforce takes at most 200 LeadConvert objects in one call, and 200 merge requests. */
    static final int MAX_REQUESTS = 200;

    /** What the org does for these calls; one invocation per SOAP request. */
    interface Operations {
        SandboxUser authenticate(String authorization);

        void consumeApiCall();

        void countCall(String endpoint);

        String limitInfo();

        List<ConvertResult> convertLead(SandboxUser user, List<ConvertRequest> requests);

        List<MergeResult> merge(SandboxUser user, List<MergeRequest> requests);
    }

    /** One {@code LeadConvert}: the partner WSDL's fields LeadSync's sandbox honours. */
    record ConvertRequest(String leadId, String convertedStatus, Optional<String> accountId,
                          Optional<String> contactId, boolean doNotCreateOpportunity, boolean overwriteLeadSource,
                          Optional<String> ownerId) {
    }

    record ConvertResult(Optional<String> leadId, Optional<String> accountId, Optional<String> contactId,
                         List<ApiError> errors) {
    }

    /** One {@code MergeRequest}: the master (its type, Id and any fields to set on it) and the records merged in. */
    record MergeRequest(String type, Optional<String> masterId, Map<String, String> masterFields,
                        List<String> recordToMergeIds) {
    }

    record MergeResult(Optional<String> id, List<String> mergedRecordIds, List<String> updatedRelatedIds,
                       List<ApiError> errors) {
    }

    private final Operations org;

    SoapEndpoint(Operations org) {
        this.org = org;
    }

    static boolean handles(String path) {
        return PATH.matcher(path).matches();
    }

    HttpCall.Response handle(HttpCall call) {
        Matcher path = PATH.matcher(call.path());
        if (!path.matches()) {
            return fault(404, "UNKNOWN_EXCEPTION", "Destination URL not reset. The URL returned from login must be "
                    + "set in the SforceService");
        }
        String name = "POST /services/Soap/u/{version}";
        if (!"POST".equals(call.method())) {
            org.countCall(call.method() + " /services/Soap/u/{version}");
            return fault(405, "UNKNOWN_EXCEPTION", "SOAP calls are POST requests");
        }
        Document document;
        try {
            document = parse(call.body());
        } catch (SAXException | ParserConfigurationException | java.io.IOException e) {
            org.countCall(name);
            return clientFault("Client", "Unexpected element or malformed XML: " + e.getMessage());
        }
        Element body = child(document.getDocumentElement(), "Body").orElse(null);
        Element operation = body == null ? null : firstElement(body).orElse(null);
        if (operation == null) {
            org.countCall(name);
            return clientFault("Client", "No operation in the SOAP Body");
        }
        String method = operation.getLocalName();
        org.countCall(name + " " + method);
        String session = child(document.getDocumentElement(), "Header").flatMap(h -> child(h, "SessionHeader"))
                .flatMap(h -> child(h, "sessionId")).map(Element::getTextContent).map(String::trim)
                .orElse(call.header("Authorization"));
        SandboxUser user;
        try {
            user = org.authenticate(session == null || session.isBlank() ? null
                    : session.startsWith("Bearer ") || session.startsWith("OAuth ") ? session : "Bearer " + session);
        } catch (ApiException e) {
            return fault(500, "INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session. "
                    + "Session not found, missing session hash: This error usually occurs after a session expires or "
                    + "a user logs out.");
        }
        try {
            org.consumeApiCall();
        } catch (ApiException e) {
            return fault(500, "REQUEST_LIMIT_EXCEEDED", e.errors().get(0).message());
        }
        return switch (method) {
            case "convertLead" -> convertLead(operation, user);
            case "merge" -> merge(operation, user);
            default -> fault(500, "INVALID_OPERATION", "No operation available for request {" + PARTNER + "}"
                    + method + ", please check the WSDL for the service.");
        };
    }

    private HttpCall.Response convertLead(Element operation, SandboxUser user) {
        List<ConvertRequest> requests = new ArrayList<>();
        for (Element convert : children(operation, "leadConverts")) {
            String leadId = text(convert, "leadId").orElse("");
            requests.add(new ConvertRequest(leadId, text(convert, "convertedStatus").orElse(""),
                    text(convert, "accountId"), text(convert, "contactId"),
                    bool(convert, "doNotCreateOpportunity"), bool(convert, "overwriteLeadSource"),
                    text(convert, "ownerId")));
        }
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            return fault(500, "INVALID_BATCH_SIZE", "convertLead takes 1 to " + MAX_REQUESTS + " LeadConvert objects"
                    + ", not " + requests.size());
        }
        StringBuilder results = new StringBuilder();
        for (ConvertResult result : org.convertLead(user, requests)) {
            results.append("<result>");
            results.append(idElement("accountId", result.accountId()));
            results.append(idElement("contactId", result.contactId()));
            result.errors().forEach(error -> results.append(error(error)));
            results.append(idElement("leadId", result.leadId()));
            results.append("<opportunityId xsi:nil=\"true\"/>");
            results.append("<success>").append(result.errors().isEmpty()).append("</success>");
            results.append("</result>");
        }
        return envelope("convertLeadResponse", results.toString());
    }

    private HttpCall.Response merge(Element operation, SandboxUser user) {
        List<MergeRequest> requests = new ArrayList<>();
        for (Element request : children(operation, "mergeRequests")) {
            Element master = child(request, "masterRecord").orElse(null);
            Map<String, String> fields = new LinkedHashMap<>();
            String type = "";
            Optional<String> masterId = Optional.empty();
            if (master != null) {
                for (Element field : elements(master)) {
                    String name = field.getLocalName();
                    if (name.equals("type")) {
                        type = field.getTextContent().trim();
                    } else if (name.equalsIgnoreCase("Id")) {
                        masterId = Optional.of(field.getTextContent().trim()).filter(id -> !id.isEmpty());
                    } else if (!name.equals("fieldsToNull")) {
                        fields.put(name, field.getTextContent());
                    }
                }
            }
            requests.add(new MergeRequest(type, masterId, fields, children(request, "recordToMergeIds").stream()
                    .map(Element::getTextContent).map(String::trim).toList()));
        }
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            return fault(500, "INVALID_BATCH_SIZE", "merge takes 1 to " + MAX_REQUESTS + " MergeRequest objects, not "
                    + requests.size());
        }
        StringBuilder results = new StringBuilder();
        for (MergeResult result : org.merge(user, requests)) {
            results.append("<result>");
            result.errors().forEach(error -> results.append(error(error)));
            results.append(idElement("id", result.id()));
            result.mergedRecordIds().forEach(id -> results.append("<mergedRecordIds>").append(id)
                    .append("</mergedRecordIds>"));
            results.append("<success>").append(result.errors().isEmpty()).append("</success>");
            result.updatedRelatedIds().forEach(id -> results.append("<updatedRelatedIds>").append(id)
                    .append("</updatedRelatedIds>"));
            results.append("</result>");
        }
        return envelope("mergeResponse", results.toString());
    }

    private HttpCall.Response envelope(String response, String results) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"" + PARTNER
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Header><LimitInfoHeader><limitInfo>" + limitInfo() + "<type>API REQUESTS</type>"
                + "</limitInfo></LimitInfoHeader></soapenv:Header>"
                + "<soapenv:Body><" + response + ">" + results + "</" + response + "></soapenv:Body></soapenv:Envelope>";
        return xml(200, xml);
    }

    /** {@code Sforce-Limit-Info}'s {@code api-usage=used/max} as the SOAP header's current and limit. */
    private String limitInfo() {
        Matcher usage = Pattern.compile("api-usage=(\\d+)/(\\d+)").matcher(org.limitInfo());
        return usage.find() ? "<current>" + usage.group(1) + "</current><limit>" + usage.group(2) + "</limit>" : "";
    }

    private static String error(ApiError error) {
        StringBuilder xml = new StringBuilder("<errors>");
        if (error.fields() != null) {
            error.fields().forEach(field -> xml.append("<fields>").append(escape(field)).append("</fields>"));
        }
        xml.append("<message>").append(escape(error.message())).append("</message>");
        xml.append("<statusCode>").append(escape(error.code())).append("</statusCode>");
        return xml.append("</errors>").toString();
    }

    private static String idElement(String name, Optional<String> id) {
        return id.map(value -> "<" + name + ">" + escape(value) + "</" + name + ">")
                .orElse("<" + name + " xsi:nil=\"true\"/>");
    }

    /** A SOAP fault as Salesforce sends it: HTTP 500 (404 or 405 for a wrong URL or method), sf:CODE. */
    static HttpCall.Response fault(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:sf=\"urn:fault.partner.soap.sforce.com\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><soapenv:Fault>"
                + "<faultcode>sf:" + code + "</faultcode><faultstring>" + code + ": " + escape(message)
                + "</faultstring><detail><sf:UnexpectedErrorFault xsi:type=\"sf:UnexpectedErrorFault\">"
                + "<sf:exceptionCode>" + code + "</sf:exceptionCode><sf:exceptionMessage>" + escape(message)
                + "</sf:exceptionMessage></sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body>"
                + "</soapenv:Envelope>";
        return xml(status, xml);
    }

    private static HttpCall.Response clientFault(String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<soapenv:Fault><faultcode>soapenv:" + code + "</faultcode><faultstring>" + escape(message)
                + "</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        return xml(500, xml);
    }

    private static HttpCall.Response xml(int status, String xml) {
        return new HttpCall.Response(status, new LinkedHashMap<>(), "text/xml;charset=UTF-8",
                xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Namespace-aware and closed to external entities: a request body is untrusted input. */
    private static Document parse(byte[] body) throws ParserConfigurationException, SAXException, java.io.IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(body));
    }

    private static Optional<Element> child(Element parent, String localName) {
        return elements(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst();
    }

    private static List<Element> children(Element parent, String localName) {
        return elements(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
    }

    private static Optional<Element> firstElement(Element parent) {
        return elements(parent).stream().findFirst();
    }

    private static List<Element> elements(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                list.add(element);
            }
        }
        return list;
    }

    /** A child's text; an absent, empty or {@code xsi:nil} element is no value. */
    private static Optional<String> text(Element parent, String localName) {
        return child(parent, localName)
                .filter(e -> !"true".equals(e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil")))
                .map(Element::getTextContent).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static boolean bool(Element parent, String localName) {
        return text(parent, localName).map("true"::equalsIgnoreCase).orElse(false);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
