package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Scheduled meetings in real Chromium: schedule one on /meetings, a guest waits in the lobby until the host (in
 * another browser) admits them and both then decode each other's video, the password prompt, and the "not open yet"
 * page.
 */
class MeetingsE2eTest {
    private static final Duration JOIN = Duration.ofSeconds(20);
    private static final Duration UI = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    private static JsonObject rest(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Authorization", "Bearer " + VireoTestServer.ADMIN_KEY)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonObject out = r.body().isEmpty() ? new JsonObject() : JsonParser.parseString(r.body()).getAsJsonObject();
            out.addProperty("_status", r.statusCode());
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject scheduleNow(String extra) {
        String start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonObject m = rest("POST", "/api/meetings", "{\"title\":\"E2E\",\"startsAt\":\"" + start
                + "\",\"durationMinutes\":60,\"timeZone\":\"Europe/Berlin\"" + extra + "}");
        assertEquals(201, m.get("_status").getAsInt(), m.toString());
        return m;
    }

    private static WebElement await(ChromiumBrowser b, String css) {
        return Poll.until(b.label() + " showing " + css, UI, () -> {
            List<WebElement> found = b.driver().findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, b::diagnostics);
    }

    @Test
    void scheduleListAndDeleteOnTheMeetingsPage() {
        ChromiumBrowser b = fleet.launchOne("scheduler");
        b.open(server.baseUrl() + "/meetings");
        await(b, "#admin-key").sendKeys(VireoTestServer.ADMIN_KEY);
        b.driver().findElement(By.id("key-save")).click();
        String zone = (String) b.js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        String date = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        b.driver().findElement(By.id("title")).sendKeys("Planning from the page");
        b.js("document.getElementById('date').value = arguments[0];"
                + "document.getElementById('time').value = '14:30';"
                + "document.getElementById('repeat').value = 'FREQ=WEEKLY';"
                + "document.getElementById('count').value = '3';", date);
        WebElement duration = b.driver().findElement(By.id("duration"));
        duration.clear();
        duration.sendKeys("45");
        b.driver().findElement(By.id("lobby")).click();
        b.driver().findElement(By.id("schedule")).click();

        WebElement row = Poll.until("the scheduled meeting listed", UI, () -> b.driver()
                .findElements(By.cssSelector("#meeting-list li")).stream()
                .filter(li -> li.getText().contains("Planning from the page")).findFirst().orElse(null),
                b::diagnostics);
        String id = row.getAttribute("data-meeting-id");
        JsonObject stored = rest("GET", "/api/meetings/" + id, null);
        assertEquals(200, stored.get("_status").getAsInt());
        assertEquals(zone, stored.get("timeZone").getAsString(), "the browser's time zone");
        assertTrue(stored.get("startsAt").getAsString().startsWith(date + "T14:30:00"), stored.toString());
        assertEquals(45, stored.get("durationMinutes").getAsInt());
        assertTrue(stored.get("lobby").getAsBoolean());
        assertEquals("FREQ=WEEKLY;COUNT=3", stored.get("recurrence").getAsString());
        assertEquals(3, b.driver().findElements(By.cssSelector("#meeting-list li[data-meeting-id='" + id + "']"))
                .size(), "three weekly occurrences within 30 days");
        assertEquals(stored.get("icsUrl").getAsString(),
                row.findElement(By.cssSelector(".ics-link")).getAttribute("href"));
        assertEquals(stored.get("joinUrl").getAsString(),
                row.findElement(By.cssSelector(".copy-join")).getAttribute("data-link"));
        assertTrue(row.findElement(By.cssSelector(".copy-host")).getAttribute("data-link").contains("?token="));
        String ics = (String) b.js("return fetch(arguments[0]).then(r => r.text())",
                stored.get("icsUrl").getAsString());
        assertTrue(ics.contains("DTSTART;TZID=" + zone + ":" + date.replace("-", "") + "T143000"), ics);

        row.findElement(By.cssSelector(".delete")).click();
        Poll.until("the meeting gone from the list", UI, () -> b.driver()
                .findElements(By.cssSelector("#meeting-list li[data-meeting-id='" + id + "']")).isEmpty() ? true
                : null, b::diagnostics);
        assertEquals(404, rest("GET", "/api/meetings/" + id, null).get("_status").getAsInt());
        List<String> errors = b.consoleLog().stream().filter(line -> line.startsWith("SEVERE")).toList();
        assertTrue(errors.isEmpty(), "console errors on /meetings:\n" + String.join("\n", errors));
    }

    @Test
    void aGuestWaitsInTheLobbyUntilTheHostAdmitsThemThenBothDecodeVideo() {
        JsonObject m = scheduleNow(",\"lobby\":true");
        List<ChromiumBrowser> browsers = fleet.launch("host", "guest");
        ChromiumBrowser hostBrowser = browsers.get(0);
        ChromiumBrowser guestBrowser = browsers.get(1);
        hostBrowser.open(m.get("hostUrl").getAsString() + "&autojoin=1&name=Host");
        VireoPage host = new VireoPage(hostBrowser, fleet::diagnostics);
        String hostId = host.awaitJoined(JOIN);

        guestBrowser.open(m.get("joinUrl").getAsString() + "?autojoin=1&name=Guest");
        WebElement lobby = await(guestBrowser, "#lobby");
        assertTrue(lobby.getText().contains("Waiting to be let in"), lobby.getText());
        assertEquals("lobby", new VireoPage(guestBrowser, fleet::diagnostics).state());

        WebElement knock = await(hostBrowser, "#knock-list li");
        assertTrue(knock.getText().contains("Guest"), knock.getText());
        knock.findElement(By.cssSelector(".admit")).click();

        VireoPage guest = new VireoPage(guestBrowser, fleet::diagnostics);
        String guestId = guest.awaitJoined(JOIN);
        Poll.until("the knock gone from the host's list", UI,
                () -> hostBrowser.driver().findElements(By.cssSelector("#knock-list li")).isEmpty() ? true : null,
                fleet::diagnostics);
        assertTrue(guestBrowser.driver().findElement(By.id("lobby")).getAttribute("hidden") != null);
        MediaChecks.awaitFirstVideo(List.of(new MediaChecks.Expectation(host, guestId, "guest"),
                new MediaChecks.Expectation(guest, hostId, "host")), JOIN);
    }

    @Test
    void aDeniedGuestIsToldAndNeverJoins() {
        JsonObject m = scheduleNow(",\"lobby\":true");
        List<ChromiumBrowser> browsers = fleet.launch("host2", "guest2");
        browsers.get(0).open(m.get("hostUrl").getAsString() + "&autojoin=1&name=Host&video=0&audio=0");
        new VireoPage(browsers.get(0), fleet::diagnostics).awaitJoined(JOIN);
        browsers.get(1).open(m.get("joinUrl").getAsString() + "?autojoin=1&name=Mallory&video=0&audio=0");
        await(browsers.get(1), "#lobby");
        await(browsers.get(0), "#knock-list li .deny").click();
        WebElement left = await(browsers.get(1), "#left");
        assertTrue(left.getText().contains("Not admitted"), left.getText());
    }

    @Test
    void thePasswordIsAskedForAndAWrongOneIsSaidSo() {
        JsonObject m = scheduleNow(",\"password\":\"tulip\"");
        ChromiumBrowser b = fleet.launchOne("pw");
        b.open(m.get("joinUrl").getAsString() + "?autojoin=1&name=Pat&video=0&audio=0");
        await(b, "#password-screen #meeting-password").sendKeys("rose");
        b.driver().findElement(By.id("password-submit")).click();
        await(b, "#password-wrong");
        WebElement input = await(b, "#meeting-password");
        input.sendKeys("tulip");
        b.driver().findElement(By.id("password-submit")).click();
        new VireoPage(b, fleet::diagnostics).awaitJoined(JOIN);
    }

    @Test
    void joiningBeforeTheRoomOpensShowsWhenItStarts() {
        String start = OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(ChronoUnit.MINUTES).toString();
        JsonObject m = rest("POST", "/api/meetings", "{\"title\":\"Later\",\"startsAt\":\"" + start
                + "\",\"durationMinutes\":30,\"timeZone\":\"Europe/Berlin\"}");
        String berlinTime = OffsetDateTime.parse(m.get("startsAt").getAsString()).toLocalTime().toString();
        ChromiumBrowser b = fleet.launchOne("early");
        b.open(m.get("joinUrl").getAsString() + "?autojoin=1&name=Early&video=0&audio=0");
        WebElement left = await(b, "#left");
        assertTrue(left.getText().contains("This meeting is not open"), left.getText());
        assertTrue(left.getText().contains("starts at " + berlinTime + " Europe/Berlin"), left.getText());
    }
}
