package dev.jobstore.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads what {@link BatchJobDefinition} tells from a job XML document: Jakarta Batch has no
 * API for a job's parameters or steps before it runs.
 */
final class JobXml {

    private static final Pattern PARAMETER = Pattern.compile("jobParameters\\s*\\[\\s*['\"]([^'\"]+)['\"]\\s*]");

    private JobXml() {}

    static BatchJobDefinition read(String name, InputStream xml) throws IOException {
        byte[] bytes = xml.readAllBytes();
        TreeSet<String> parameters = new TreeSet<>();
        Matcher found = PARAMETER.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (found.find()) {
            if (!LeaseParameters.isReserved(found.group(1))) {
                parameters.add(found.group(1));
            }
        }
        Document document = parse(bytes);
        List<String> steps = new ArrayList<>();
        List<String> unfenced = new ArrayList<>();
        NodeList stepNodes = document.getElementsByTagNameNS("*", "step");
        for (int i = 0; i < stepNodes.getLength(); i++) {
            Element step = (Element) stepNodes.item(i);
            steps.add(step.getAttribute("id"));
            if (child(step, "chunk") != null && !listsFence(step)) {
                unfenced.add(step.getAttribute("id"));
            }
        }
        return new BatchJobDefinition(name, List.copyOf(parameters), List.copyOf(steps), List.copyOf(unfenced));
    }

    private static boolean listsFence(Element step) {
        Element listeners = child(step, "listeners");
        if (listeners == null) {
            return false;
        }
        NodeList listenerNodes = listeners.getElementsByTagNameNS("*", "listener");
        for (int i = 0; i < listenerNodes.getLength(); i++) {
            if (JobLeaseFence.NAME.equals(((Element) listenerNodes.item(i)).getAttribute("ref"))) {
                return true;
            }
        }
        return false;
    }

    private static Element child(Element parent, String localName) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Document parse(byte[] bytes) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable job XML: " + e.getMessage(), e);
        }
    }
}
