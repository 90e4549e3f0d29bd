package dev.jobstore.it.support;

import dev.jobstore.it.events.RecordedEvents;
import java.io.File;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every integration test uses: the real EAR as built, plus a test WAR with
 * the test class, a library jar whose CDI observers record the store's events (a library
 * jar is visible to the EJB module, a WAR is not), and load-app's batch job as a library jar.
 */
public final class Deployments {

    private static final String APPLICATION_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                <application-name>jobstore</application-name>
                <module><ejb>jobstore-ejb.jar</ejb></module>
                <module><web><web-uri>jobstore-web.war</web-uri><context-root>/jobstore</context-root></web></module>
                <module><web><web-uri>tests.war</web-uri><context-root>/jobstore-tests</context-root></web></module>
            </application>
            """;

    /**
     * The test runner servlet calls the store as an admin: a test states what it checks, not who
     * it is, unless the test is about who may do what (then it calls through a role's bean or
     * the HTTP API with a role's credentials).
     */
    private static final String TESTS_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <servlet>
                    <servlet-name>ArquillianServletRunnerEE9</servlet-name>
                    <run-as><role-name>admin</role-name></run-as>
                </servlet>
                <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    private Deployments() {}

    /** The real EAR with {@code testClass} (and any {@code extra} classes) in the test WAR. */
    /** As {@link #jobstoreWith}, the test WAR holding {@code library} too (the Java client's classes). */
    public static EnterpriseArchive jobstoreWithPackage(Class<?> testClass, Package library) {
        EnterpriseArchive archive = jobstoreWith(testClass);
        archive.getAsType(WebArchive.class, "tests.war").addPackage(library);
        return archive;
    }

    public static EnterpriseArchive jobstoreWith(Class<?> testClass, Class<?>... extra) {
        File ear = new File(System.getProperty("jobstore.ear"));
        EnterpriseArchive archive = ShrinkWrap.create(ZipImporter.class, "jobstore.ear")
                .importFrom(ear)
                .as(EnterpriseArchive.class);
        WebArchive tests = ShrinkWrap.create(WebArchive.class, "tests.war")
                .addClass(testClass)
                .addClasses(extra)
                .addClasses(
                        Api.class, Api.Reply.class, Await.class, Receiver.class, Receiver.Call.class, Management.class)
                // every test server exports its spans to the test WAR (arquillian.xml)
                .addClasses(OtlpReceiver.class, ExportedSpan.class, ExportedSpan.Field.class)
                .addClasses(CallsAs.class, AsProducer.class, AsWorker.class, AsViewer.class, AsAdmin.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setWebXML(new StringAsset(TESTS_WEB_XML));
        JavaArchive observers = ShrinkWrap.create(JavaArchive.class, "recorded-events.jar")
                .addClass(RecordedEvents.class)
                .addAsManifestResource(
                        new StringAsset(
                                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"all\"/>"),
                        "beans.xml");
        // the checks' batch job (load-app's dev.jobstore.load.batch), where the job store's module sees it
        File batchJobs = new File(System.getProperty("jobstore.batch-jar"));
        return archive.addAsLibrary(observers)
                .addAsLibrary(batchJobs, batchJobs.getName())
                .addAsModule(Testable.archiveToTest(tests))
                .setApplicationXML(new StringAsset(APPLICATION_XML));
    }
}
