package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vireo.auth.AccessToken;
import dev.vireo.auth.Role;
import dev.vireo.server.VireoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The meetings REST API of a real server: happy paths, every validation error, auth, .ics, and the OpenAPI contract. */
class MeetingsApiTest {
    static final String WEEKLY = "{\"title\":\"Weekly sync\",\"startsAt\":\"2026-11-24T14:00:00+01:00\","
            + "\"durationMinutes\":45,\"timeZone\":\"Europe/Berlin\",\"lobby\":true,\"password\":\"s3cret\","
            + "\"recurrence\":\"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6\"}";
    private static VireoServer server;
    private static MeetingsApi api;
    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @BeforeAll
    static void start() throws Exception {
        server = MeetingsApi.start(Files.createTempDirectory("vireo-meetings-api-"));
        api = new MeetingsApi(server.httpPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject create(String body) {
        MeetingsApi.Reply r = api.call("POST", "/api/meetings", body);
        assertEquals(201, r.status(), r.body());
        CONTRACT.check("/api/meetings", "POST", 201, r.body());
        return r.json();
    }

    @Test
    void scheduleReadChangeListAndDelete() {
        JsonObject m = create(WEEKLY);
        String id = m.get("id").getAsString();
        assertEquals("/api/meetings/" + id, api.call("POST", "/api/meetings", WEEKLY).header("Location")
                .replaceAll("[a-z0-9]{16}$", id));
        assertEquals("Weekly sync", m.get("title").getAsString());
        assertEquals("2026-11-24T14:00:00+01:00", m.get("startsAt").getAsString());
        assertEquals("2026-11-24T14:45:00+01:00", m.get("endsAt").getAsString());
        assertEquals("Europe/Berlin", m.get("timeZone").getAsString());
        assertTrue(m.get("lobby").getAsBoolean());
        assertTrue(m.get("hasPassword").getAsBoolean());
        assertFalse(m.toString().contains("s3cret"), "the password never comes back");
        assertEquals("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6", m.get("recurrence").getAsString());
        String room = m.get("room").getAsString();
        assertEquals(api.base() + "/room/" + room, m.get("joinUrl").getAsString());
        assertEquals(api.base() + "/api/meetings/" + id + ".ics", m.get("icsUrl").getAsString());
        String hostUrl = m.get("hostUrl").getAsString();
        assertTrue(hostUrl.startsWith(m.get("joinUrl").getAsString() + "?token="));
        AccessToken host = verify(hostUrl.substring(hostUrl.indexOf("?token=") + 7), room);
        assertEquals(Role.HOST, host.role());

        MeetingsApi.Reply got = api.call("GET", "/api/meetings/" + id, null);
        assertEquals(200, got.status());
        CONTRACT.check("/api/meetings/{id}", "GET", 200, got.body());
        assertEquals(m.get("startsAt"), got.json().get("startsAt"));

        MeetingsApi.Reply patched = api.call("PATCH", "/api/meetings/" + id,
                "{\"title\":\"Renamed\",\"lobby\":false,\"password\":null,\"durationMinutes\":30}");
        assertEquals(200, patched.status(), patched.body());
        CONTRACT.check("/api/meetings/{id}", "PATCH", 200, patched.body());
        assertEquals("Renamed", patched.json().get("title").getAsString());
        assertFalse(patched.json().get("lobby").getAsBoolean());
        assertFalse(patched.json().get("hasPassword").getAsBoolean());
        assertEquals(room, patched.json().get("room").getAsString());
        assertEquals("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6", patched.json().get("recurrence").getAsString());

        MeetingsApi.Reply list = api.call("GET", "/api/meetings?from=2026-11-23T00:00:00Z&to=2026-12-31T00:00:00Z",
                null);
        assertEquals(200, list.status(), list.body());
        CONTRACT.check("/api/meetings", "GET", 200, list.body());
        List<String> starts = occurrencesOf(list.json(), id);
        assertEquals(List.of("2026-11-24T14:00:00+01:00", "2026-11-26T14:00:00+01:00", "2026-12-01T14:00:00+01:00",
                "2026-12-03T14:00:00+01:00", "2026-12-08T14:00:00+01:00", "2026-12-10T14:00:00+01:00"), starts);
        MeetingsApi.Reply narrow = api.call("GET",
                "/api/meetings?from=2026-12-01T00:00:00%2B01:00&to=2026-12-04T00:00:00%2B01:00", null);
        assertEquals(List.of("2026-12-01T14:00:00+01:00", "2026-12-03T14:00:00+01:00"),
                occurrencesOf(narrow.json(), id));

        MeetingsApi.Reply deleted = api.call("DELETE", "/api/meetings/" + id, null);
        assertEquals(204, deleted.status());
        for (String method : List.of("GET", "DELETE")) {
            MeetingsApi.Reply gone = api.call(method, "/api/meetings/" + id, null);
            assertEquals(404, gone.status());
            CONTRACT.check("/api/meetings/{id}", method, 404, gone.body());
        }
        assertEquals(404, api.call("PATCH", "/api/meetings/" + id, "{\"title\":\"x\"}").status());
        assertEquals(List.of(), occurrencesOf(api.call("GET",
                "/api/meetings?from=2026-11-23T00:00:00Z&to=2026-12-31T00:00:00Z", null).json(), id));
    }

    private static List<String> occurrencesOf(JsonObject list, String id) {
        JsonArray all = list.getAsJsonArray("occurrences");
        return all.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("meetingId").getAsString().equals(id))
                .map(o -> o.get("startsAt").getAsString()).toList();
    }

    private static AccessToken verify(String token, String room) {
        try {
            return server.tokens().verify(token, room);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> invalidMeetings() {
        String ok = "\"title\":\"T\",\"startsAt\":\"2026-11-24T14:00:00+01:00\",\"durationMinutes\":30,"
                + "\"timeZone\":\"Europe/Berlin\"";
        return Stream.of(
                Arguments.of("{\"startsAt\":\"2026-11-24T14:00:00+01:00\",\"durationMinutes\":30,"
                        + "\"timeZone\":\"Europe/Berlin\"}", "title"),
                Arguments.of("{" + ok.replace("\"T\"", "\"" + "x".repeat(201) + "\"") + "}", "title"),
                Arguments.of("{" + ok.replace("\"T\"", "\"   \"") + "}", "title"),
                Arguments.of("{" + ok.replace("2026-11-24T14:00:00+01:00", "2026-11-24 14:00") + "}", "startsAt"),
                Arguments.of("{" + ok.replace("2026-11-24T14:00:00+01:00", "2026-11-24T14:00:00") + "}", "startsAt"),
                Arguments.of("{" + ok.replace("2026-11-24T14:00:00+01:00", "2026-02-30T14:00:00+01:00") + "}",
                        "startsAt"),
                Arguments.of("{" + ok.replace(":30,", ":0,") + "}", "durationMinutes"),
                Arguments.of("{" + ok.replace(":30,", ":-15,") + "}", "durationMinutes"),
                Arguments.of("{" + ok.replace(":30,", ":1441,") + "}", "durationMinutes"),
                Arguments.of("{" + ok.replace(":30,", ":1.5,") + "}", "durationMinutes"),
                Arguments.of("{" + ok.replace(":30,", ":\"30\",") + "}", "durationMinutes"),
                Arguments.of("{" + ok.replace("Europe/Berlin", "Mars/Olympus_Mons") + "}", "timeZone"),
                Arguments.of("{" + ok.replace("Europe/Berlin", "+01:00") + "}", "timeZone"),
                Arguments.of("{" + ok + ",\"recurrence\":\"FREQ=MONTHLY\"}", "recurrence"),
                Arguments.of("{" + ok + ",\"recurrence\":\"FREQ=WEEKLY;BYDAY=XX\"}", "recurrence"),
                Arguments.of("{" + ok + ",\"recurrence\":\"FREQ=DAILY;COUNT=2;UNTIL=20261231\"}", "recurrence"),
                // 24 Nov 2026 is a Tuesday: a Monday-only rule would leave the first occurrence undefined
                Arguments.of("{" + ok + ",\"recurrence\":\"FREQ=WEEKLY;BYDAY=MO\"}", "recurrence"),
                Arguments.of("{" + ok + ",\"lobby\":\"yes\"}", "lobby"),
                Arguments.of("{" + ok + ",\"password\":\"" + "p".repeat(129) + "\"}", "password"),
                Arguments.of("{" + ok + ",\"room\":\"no spaces\"}", "room"),
                Arguments.of("{" + ok + ",\"colour\":\"red\"}", "colour"));
    }

    @ParameterizedTest(name = "400 naming {1}: {0}")
    @MethodSource("invalidMeetings")
    void eachInvalidFieldIsA400NamingTheField(String body, String field) {
        MeetingsApi.Reply r = api.call("POST", "/api/meetings", body);
        assertEquals(400, r.status(), r.body());
        CONTRACT.check("/api/meetings", "POST", 400, r.body());
        assertEquals("invalid-field", r.json().get("error").getAsString());
        assertEquals(field, r.json().get("field").getAsString());
        assertFalse(r.json().get("message").getAsString().isBlank());
    }

    @Test
    void badJsonListWindowsPatchesAndTokenRequestsAre400s() {
        MeetingsApi.Reply notJson = api.call("POST", "/api/meetings", "{\"title\":");
        assertEquals(400, notJson.status());
        assertEquals("bad-json", notJson.json().get("error").getAsString());
        CONTRACT.check("/api/meetings", "POST", 400, notJson.body());
        assertEquals("bad-json", api.call("POST", "/api/meetings", "[1]").json().get("error").getAsString());

        for (String[] q : new String[][] {{"from=yesterday", "from"}, {"to=2026-13-01T00:00:00Z", "to"},
                {"from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to"},
                {"from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z", "to"}}) {
            MeetingsApi.Reply r = api.call("GET", "/api/meetings?" + q[0], null);
            assertEquals(400, r.status(), q[0]);
            CONTRACT.check("/api/meetings", "GET", 400, r.body());
            assertEquals(q[1], r.json().get("field").getAsString(), q[0]);
        }

        String id = create(WEEKLY).get("id").getAsString();
        for (String[] p : new String[][] {{"{\"durationMinutes\":0}", "durationMinutes"},
                {"{\"timeZone\":\"Nowhere/City\"}", "timeZone"}, {"{\"title\":\"\"}", "title"},
                {"{\"recurrence\":\"FREQ=HOURLY\"}", "recurrence"}, {"{\"room\":\"other\"}", "room"}}) {
            MeetingsApi.Reply r = api.call("PATCH", "/api/meetings/" + id, p[0]);
            assertEquals(400, r.status(), p[0]);
            CONTRACT.check("/api/meetings/{id}", "PATCH", 400, r.body());
            assertEquals(p[1], r.json().get("field").getAsString(), p[0]);
        }
        for (String[] t : new String[][] {{"{\"role\":\"participant\"}", "name"},
                {"{\"name\":\"A\",\"role\":\"king\"}", "role"},
                {"{\"name\":\"A\",\"role\":\"host\",\"ttlSeconds\":5}", "ttlSeconds"},
                {"{\"name\":\"A\",\"role\":\"host\",\"identity\":\"a b\"}", "identity"}}) {
            MeetingsApi.Reply r = api.call("POST", "/api/meetings/" + id + "/tokens", t[0]);
            assertEquals(400, r.status(), t[0]);
            CONTRACT.check("/api/meetings/{id}/tokens", "POST", 400, r.body());
            assertEquals(t[1], r.json().get("field").getAsString(), t[0]);
        }
    }

    @Test
    void withoutTheAdminKeyEveryCallIs401AndAnAccessTokenIs403() {
        String id = create(WEEKLY).get("id").getAsString();
        String room = api.call("GET", "/api/meetings/" + id, null).json().get("room").getAsString();
        String jwt = server.tokens().issue(new AccessToken(room, "h", "H", Role.HOST, Instant.now().plusSeconds(600)));
        String[][] calls = {{"POST", "/api/meetings", WEEKLY, "/api/meetings"},
                {"GET", "/api/meetings", null, "/api/meetings"},
                {"GET", "/api/meetings/" + id, null, "/api/meetings/{id}"},
                {"PATCH", "/api/meetings/" + id, "{\"title\":\"x\"}", "/api/meetings/{id}"},
                {"DELETE", "/api/meetings/" + id, null, "/api/meetings/{id}"},
                {"POST", "/api/meetings/" + id + "/tokens", "{\"name\":\"A\",\"role\":\"host\"}",
                        "/api/meetings/{id}/tokens"}};
        for (String[] c : calls) {
            for (String auth : new String[] {null, "Bearer wrong-key", "Basic " + MeetingsApi.ADMIN_KEY}) {
                MeetingsApi.Reply r = api.call(c[0], c[1], c[2], auth);
                assertEquals(401, r.status(), c[0] + " " + c[1] + " with " + auth);
                CONTRACT.check(c[3], c[0], 401, r.body());
            }
            MeetingsApi.Reply r = api.call(c[0], c[1], c[2], "Bearer " + jwt);
            assertEquals(403, r.status(), c[0] + " " + c[1] + " with a host token");
            CONTRACT.check(c[3], c[0], 403, r.body());
        }
        assertEquals(200, api.call("GET", "/api/meetings/" + id, null).status(), "nothing was changed");
        assertEquals(405, api.call("PUT", "/api/meetings/" + id, "{}").status());
    }

    @Test
    void aRoomThatAnotherMeetingUsesIs409() {
        String body = WEEKLY.replace("{", "{\"room\":\"team-standup\",");
        assertEquals("team-standup", create(body).get("room").getAsString());
        MeetingsApi.Reply again = api.call("POST", "/api/meetings", body);
        assertEquals(409, again.status());
        CONTRACT.check("/api/meetings", "POST", 409, again.body());
        assertEquals("room-taken", again.json().get("error").getAsString());
        assertEquals("room", again.json().get("field").getAsString());
    }

    @Test
    void theIcsFileIsAValidCalendarWithoutTheAdminKey() {
        JsonObject m = create(WEEKLY);
        MeetingsApi.Reply ics = api.call("GET", "/api/meetings/" + m.get("id").getAsString() + ".ics", null, null);
        assertEquals(200, ics.status());
        assertEquals("text/calendar; charset=utf-8", ics.header("Content-Type"));
        assertTrue(ics.header("Content-Disposition").startsWith("attachment"));
        assertTrue(ics.body().startsWith("BEGIN:VCALENDAR\r\n") && ics.body().endsWith("END:VCALENDAR\r\n"));
        List<String> lines = ICalendarTest.unfold(ics.body());
        for (String expected : List.of("UID:" + m.get("id").getAsString() + "@vireo",
                "DTSTART;TZID=Europe/Berlin:20261124T140000", "DURATION:PT45M",
                "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6", "URL:" + m.get("joinUrl").getAsString(),
                "SUMMARY:Weekly sync", "TZID:Europe/Berlin")) {
            assertTrue(lines.contains(expected), expected + " in\n" + ics.body());
        }
        assertFalse(ics.body().contains("token="), "the calendar carries no host token");
        MeetingsApi.Reply missing = api.call("GET", "/api/meetings/zzzzzzzzzzzzzzzz.ics", null, null);
        assertEquals(404, missing.status());
        CONTRACT.check("/api/meetings/{id}.ics", "GET", 404, missing.body());
    }

    @Test
    void tokensAreIssuedForTheMeetingsRoomWithTheAskedRoleAndLifetime() {
        JsonObject m = create(WEEKLY);
        MeetingsApi.Reply r = api.call("POST", "/api/meetings/" + m.get("id").getAsString() + "/tokens",
                "{\"name\":\"Grace\",\"role\":\"viewer\",\"ttlSeconds\":600,\"identity\":\"grace@example\"}");
        assertEquals(201, r.status(), r.body());
        CONTRACT.check("/api/meetings/{id}/tokens", "POST", 201, r.body());
        AccessToken t = verify(r.json().get("token").getAsString(), m.get("room").getAsString());
        assertEquals(Role.VIEWER, t.role());
        assertEquals("Grace", t.name());
        assertEquals("grace@example", t.identity());
        long ttl = t.expiresAt().getEpochSecond() - Instant.now().getEpochSecond();
        assertTrue(ttl > 590 && ttl <= 600, "ttl " + ttl);
        assertNotNull(r.json().get("joinUrl"));
        assertEquals(404, api.call("POST", "/api/meetings/zzzzzzzzzzzzzzzz/tokens",
                "{\"name\":\"A\",\"role\":\"host\"}").status());
    }

    @Test
    void meetingsSurviveARestartOnTheSameDataDirectory() throws Exception {
        Path dir = Files.createTempDirectory("vireo-meetings-restart-");
        String id;
        JsonObject before;
        try (VireoServer first = MeetingsApi.start(dir)) {
            MeetingsApi a = new MeetingsApi(first.httpPort());
            MeetingsApi.Reply r = a.call("POST", "/api/meetings", WEEKLY);
            assertEquals(201, r.status());
            id = r.json().get("id").getAsString();
            before = a.call("GET", "/api/meetings/" + id, null).json();
        }
        assertTrue(Files.isRegularFile(dir.resolve("vireo.db")), "SQLite file created on first start");
        try (VireoServer second = MeetingsApi.start(dir)) {
            MeetingsApi b = new MeetingsApi(second.httpPort());
            JsonObject after = b.call("GET", "/api/meetings/" + id, null).json();
            for (String field : List.of("id", "room", "title", "startsAt", "durationMinutes", "timeZone", "lobby",
                    "hasPassword", "recurrence", "createdAt")) {
                assertEquals(before.get(field), after.get(field), field);
            }
        }
    }
}
