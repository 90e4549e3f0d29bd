package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.AnnotatedHandler;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Browser;
import dev.jobstore.it.support.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against the real server: what a viewer and an admin see and
 * do, checked afterwards through the API. Each screen is saved under {@code
 * target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient // drives a browser on the test machine
class DashboardIT {

    private final Api admin = new Api();

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(DashboardIT.class, AnnotatedHandler.class);
    }

    @Test
    void a_viewer_sees_queues_jobs_and_a_job_but_no_action_control() {
        String queue = queue("view");
        String id = create(queue, "{\"report\":\"quarterly\"}");
        try (Browser browser = Browser.open()) {
            browser.signIn("viewer", "viewer");
            String row = browser.until(driver -> driver.findElement(By.cssSelector("tr[data-queue='" + queue + "']"))
                    .getText());
            assertTrue(row.contains(queue), row);
            assertTrue(
                    browser.driver()
                            .findElements(By.cssSelector("[data-action]"))
                            .isEmpty(),
                    "no queue actions");
            browser.visible(By.cssSelector("#chart-throughput .uplot"));
            browser.screenshot("overview-viewer");

            browser.go("#/jobs?queue=" + queue);
            browser.visible(By.cssSelector("tr[data-id='" + id + "']"));
            assertTrue(browser.driver().findElements(By.id("bulk")).isEmpty(), "no bulk actions");
            assertTrue(
                    browser.driver().findElements(By.cssSelector("input.pick")).isEmpty(), "no selection");
            browser.screenshot("jobs-viewer");

            browser.go("#/jobs/" + id);
            browser.visible(By.cssSelector("#job-detail h1"));
            assertTrue(browser.driver().findElements(By.id("job-actions")).isEmpty(), "no job actions");
            assertTrue(
                    browser.driver().findElement(By.id("job-detail")).getText().contains("quarterly"));
            browser.screenshot("job-viewer");
        }
        // and the server refuses the viewer anyway
        assertEquals(403, Api.as("viewer").post("jobs/" + id + "/cancel", "").status());
    }

    @Test
    void wrong_credentials_are_refused_at_sign_in() {
        try (Browser browser = Browser.open()) {
            browser.go("");
            browser.visible(By.id("user")).sendKeys("admin");
            browser.driver().findElement(By.id("password")).sendKeys("not-the-password");
            browser.driver().findElement(By.id("sign-in-button")).click();
            WebElement error = browser.visible(By.id("sign-in-error"));
            assertTrue(error.getText().contains("not accepted"), error.getText());
            assertFalse(browser.driver().findElement(By.id("nav")).isDisplayed());
            browser.screenshot("sign-in-refused");
        }
    }

    @Test
    void an_admin_finds_a_job_by_payload_text_opens_it_and_cancels_it() {
        String queue = queue("find");
        String needle = "needle-" + UUID.randomUUID();
        create(queue, "{\"customer\":\"someone else\"}");
        String id = create(queue, "{\"customer\":\"" + needle + "\",\"total\":42}");
        create(queue, "{\"customer\":\"a third\"}");
        try (Browser browser = Browser.open()) {
            browser.signIn("admin", "admin");
            browser.go("#/jobs");
            browser.visible(By.id("filter-text")).sendKeys(needle.toUpperCase());
            browser.driver().findElement(By.id("filter-apply")).click();
            browser.until(ExpectedConditions.textToBe(By.id("match-count"), "1 job matches"));
            List<String> listed =
                    browser.until(driver -> driver.findElements(By.cssSelector("#jobs-table tbody tr")).stream()
                            .map(row -> row.getAttribute("data-id"))
                            .toList());
            assertEquals(List.of(id), listed);
            browser.screenshot("jobs-search");

            browser.click(By.cssSelector("#jobs-table tr[data-id='" + id + "'] a"));
            browser.visible(By.cssSelector("#job-actions button[data-action='cancel']"));
            browser.screenshot("job-admin");
            browser.click(By.cssSelector("#job-actions button[data-action='cancel']"));
            browser.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#job-detail h1 .status"), "CANCELLED"));
            browser.screenshot("job-cancelled");
        }
        assertEquals("CANCELLED", admin.get("jobs/" + id).object().getString("status"));
    }

    @Test
    void an_admin_retries_every_failed_job_of_a_queue_in_one_bulk_action() {
        String queue = queue("bulk");
        int failed = 7;
        for (int i = 0; i < failed; i++) {
            create(queue, "{\"n\":" + i + "}", 1);
        }
        String untouched = create(queue, "{\"n\":\"still pending\"}");
        failAll(queue, failed);
        try (Browser browser = Browser.open()) {
            browser.signIn("admin", "admin");
            browser.go("#/jobs?queue=" + queue + "&status=FAILED");
            browser.until(ExpectedConditions.textToBe(By.id("match-count"), failed + " jobs match"));
            new Select(browser.driver().findElement(By.id("bulk-action"))).selectByValue("restart");
            browser.until(ExpectedConditions.textToBe(By.id("bulk-all"), "… all " + failed + " matching"));
            browser.driver().findElement(By.id("bulk-all")).click();
            WebElement confirm = browser.visible(By.cssSelector("dialog.confirm"));
            assertTrue(confirm.getText().contains("restart all " + failed + " jobs matching"), confirm.getText());
            browser.screenshot("bulk-confirm");
            browser.driver().findElement(By.id("confirm-ok")).click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("bulk-status"), "restart: " + failed + " done, 0 refused of " + failed));
            browser.until(ExpectedConditions.textToBe(By.id("match-count"), "0 jobs match"));
            browser.screenshot("bulk-done");
        }
        assertEquals(0, count(queue, "FAILED"));
        assertEquals(failed + 1, count(queue, "PENDING"));
        assertEquals("PENDING", admin.get("jobs/" + untouched).object().getString("status"));
    }

    @Test
    void an_admin_pauses_a_queue_from_the_overview() {
        String queue = queue("pause");
        create(queue, "{}");
        try (Browser browser = Browser.open()) {
            browser.signIn("admin", "admin");
            By pause = By.cssSelector("tr[data-queue='" + queue + "'] button[data-action='pause-queue']");
            browser.visible(pause);
            browser.click(pause);
            browser.visible(By.cssSelector("tr[data-queue='" + queue + "'] button[data-action='resume-queue']"));
            browser.screenshot("overview-admin");
        }
        JsonObject stats = admin.get("queues").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(each -> each.getString("queue").equals(queue))
                .findFirst()
                .orElseThrow();
        assertTrue(stats.getBoolean("paused"));
    }

    @Test
    void the_workers_screen_and_a_phone_sized_window() {
        String queue = queue("phone");
        create(queue, "{\"on\":\"a phone\"}");
        try (Browser browser = Browser.open()) {
            browser.signIn("viewer", "viewer");
            browser.go("#/workers");
            browser.visible(By.xpath("//table[@id='pools-table']//td[text()='" + AnnotatedHandler.QUEUE + "']"));
            browser.screenshot("workers");
            browser.width(390, 844);
            browser.go("#/");
            browser.visible(By.cssSelector("tr[data-queue='" + queue + "']"));
            browser.screenshot("overview-phone");
            browser.go("#/jobs?queue=" + queue);
            browser.visible(By.cssSelector("#jobs-table tbody tr[data-id]"));
            browser.screenshot("jobs-phone");
        }
    }

    private static String queue(String purpose) {
        return "dash-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(String queue, String payload) {
        return create(queue, payload, 3);
    }

    private String create(String queue, String payload, int maxAttempts) {
        String body = "{\"payload\":" + payload + ",\"maxAttempts\":" + maxAttempts + "}";
        Api.Reply reply = admin.post("queues/" + queue + "/jobs", body);
        assertEquals(201, reply.status(), reply.text());
        return reply.object().getString("id");
    }

    /** Leases {@code n} jobs of {@code queue} and fails each for good. */
    private void failAll(String queue, int n) {
        JsonArray leased = admin.post("queues/" + queue + "/leases", "{\"worker\":\"dash\",\"max\":" + n + "}")
                .array();
        assertEquals(n, leased.size());
        for (JsonValue each : leased) {
            JsonObject job = each.asJsonObject();
            String token = job.getJsonObject("lease").getString("token");
            Api.Reply reply = admin.post(
                    "jobs/" + job.getString("id") + "/failure",
                    "{\"token\":\"" + token + "\",\"error\":\"card declined\",\"retry\":false}");
            assertEquals(200, reply.status(), reply.text());
        }
    }

    private long count(String queue, String status) {
        return admin.get("jobs/count?queue=" + queue + "&status=" + status)
                .object()
                .getJsonNumber("count")
                .longValue();
    }
}
