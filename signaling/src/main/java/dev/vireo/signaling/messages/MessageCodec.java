package dev.vireo.signaling.messages;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text frame to {@link ClientMessage} and {@link ServerMessage} to text frame, for protocol version 1.
 *
 * <p>Decoding validates every field, so the session code only sees well-formed messages: a room name of 1-64
 * {@code [A-Za-z0-9_.-]}, a trimmed display name of 1-64 characters, a participant id of 1-64 URL-safe characters,
 * a resume token of 1-128 URL-safe characters, a non-empty SDP, a candidate that is empty or starts with {@code candidate:}.
 */
public final class MessageCodec {
    /** The only protocol version this server speaks. */
    public static final int VERSION = 1;

    public static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    public static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    public static final Pattern RESUME_TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern POSITION = Pattern.compile("line \\d+ column \\d+");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final TypeAdapter<JsonElement> TREE = GSON.getAdapter(JsonElement.class);

    private MessageCodec() {
    }

    /** Parses and validates one client text frame. */
    public static ClientMessage decode(String text) throws ProtocolException {
        JsonObject object = parseObject(text);
        JsonFields fields = new JsonFields(object, null);
        String type = fields.requiredString("type");
        fields = new JsonFields(object, type);
        return switch (type) {
            case Join.TYPE -> decodeJoin(fields);
            case PublishOffer.TYPE -> new PublishOffer(sdp(fields));
            case SubscribeAnswer.TYPE -> new SubscribeAnswer(sdp(fields));
            case Candidate.TYPE -> decodeCandidate(fields);
            case Mute.TYPE -> decodeMute(fields);
            case VideoLayout.TYPE -> decodeVideoLayout(object, fields);
            case Leave.TYPE -> new Leave();
            case LobbyDecision.ADMIT, LobbyDecision.DENY -> decodeLobbyDecision(fields, type);
            case Ping.TYPE -> new Ping();
            case HostAction.TYPE -> decodeHostAction(fields);
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type '" + printable(type) + "'", null);
        };
    }

    /** The JSON text frame for a server message, {@code "type"} first, null fields left out. */
    public static String encode(ServerMessage message) {
        JsonObject out = new JsonObject();
        out.addProperty("type", message.type());
        for (Map.Entry<String, JsonElement> field : GSON.toJsonTree(message).getAsJsonObject().entrySet()) {
            out.add(field.getKey(), field.getValue());
        }
        return GSON.toJson(out);
    }

    private static JsonObject parseObject(String text) throws ProtocolException {
        JsonElement root;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            // Strict: a browser's JSON.stringify never needs leniency, and lenient parsing would accept junk.
            reader.setStrictness(Strictness.STRICT);
            root = TREE.read(reader);
            boolean more;
            try {
                more = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true;
            }
            if (more) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "unexpected text after the JSON object", null);
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON" + where(e.getMessage()), null);
        } catch (StackOverflowError e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "JSON nested too deeply", null);
        }
        if (root == null || !root.isJsonObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a message must be a JSON object", null);
        }
        return root.getAsJsonObject();
    }

    private static final int MAX_TOKEN_CHARS = 8192;

    private static Join decodeJoin(JsonFields fields) throws ProtocolException {
        int version = fields.requiredInt("version");
        if (version != VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this server speaks version " + VERSION,
                    Join.TYPE);
        }
        String room = fields.requiredString("room");
        if (!ROOM_NAME.matcher(room).matches()) {
            throw fields.badRequest("room", "must be 1-64 characters of A-Z a-z 0-9 _ - .");
        }
        String token = fields.optionalString("token");
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN_CHARS)) {
            throw fields.badRequest("token", "must be a JWT of 1-" + MAX_TOKEN_CHARS + " characters");
        }
        // With a token the name may come from the token instead.
        String typed = token == null ? fields.requiredString("name") : fields.optionalString("name");
        String name = typed == null ? null : typed.strip();
        if (name != null && name.isEmpty() && token != null) {
            name = null;
        }
        if (name != null && (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
                || name.codePoints().anyMatch(Character::isISOControl))) {
            throw fields.badRequest("name", "must be 1-64 characters without control characters");
        }
        String participantId = fields.optionalString("participantId");
        if (participantId != null && !PARTICIPANT_ID.matcher(participantId).matches()) {
            throw fields.badRequest("participantId", "must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        String resumeToken = fields.optionalString("resumeToken");
        if (resumeToken != null && !RESUME_TOKEN.matcher(resumeToken).matches()) {
            // The message names the field only: a token, even a malformed one, is never echoed.
            throw fields.badRequest("resumeToken", "must be 1-128 characters of A-Z a-z 0-9 _ -");
        }
        String password = fields.optionalString("password");
        if (password != null && (password.isEmpty() || password.length() > Join.MAX_PASSWORD_CHARS)) {
            throw fields.badRequest("password", "must be 1-" + Join.MAX_PASSWORD_CHARS + " characters");
        }
        return new Join(version, room, name, participantId, resumeToken, token, password);
    }

    private static String sdp(JsonFields fields) throws ProtocolException {
        String sdp = fields.requiredString("sdp");
        if (sdp.isBlank()) {
            throw fields.badRequest("sdp", "must not be empty");
        }
        return sdp;
    }

    private static Candidate decodeCandidate(JsonFields fields) throws ProtocolException {
        String pc = fields.requiredString("pc");
        if (!pc.equals(Candidate.PUBLISH) && !pc.equals(Candidate.SUBSCRIBE)) {
            throw fields.badRequest("pc", "must be \"publish\" or \"subscribe\"");
        }
        // A browser's end-of-candidates event carries candidate "" (older ones null): both mean the same.
        String candidate = fields.optionalString("candidate");
        if (candidate == null) {
            candidate = "";
        }
        if (!candidate.isEmpty() && !candidate.startsWith("candidate:")) {
            throw fields.badRequest("candidate", "must start with \"candidate:\" (or be \"\" for end of candidates)");
        }
        String sdpMid = fields.optionalString("sdpMid");
        Integer sdpMLineIndex = fields.optionalInt("sdpMLineIndex");
        if (sdpMLineIndex != null && sdpMLineIndex < 0) {
            throw fields.badRequest("sdpMLineIndex", "must not be negative");
        }
        return new Candidate(pc, candidate, sdpMid, sdpMLineIndex);
    }

    private static Mute decodeMute(JsonFields fields) throws ProtocolException {
        Boolean audio = fields.optionalBoolean("audio");
        Boolean video = fields.optionalBoolean("video");
        if (audio == null && video == null) {
            throw fields.badRequest("audio", "or 'video' is required");
        }
        return new Mute(audio, video);
    }

    private static VideoLayout decodeVideoLayout(JsonObject object, JsonFields fields) throws ProtocolException {
        JsonElement list = object.get("tiles");
        if (list == null || !list.isJsonArray()) {
            throw fields.badRequest("tiles", "must be an array of {participantId, width, height, visible}");
        }
        if (list.getAsJsonArray().size() > VideoLayout.MAX_TILES) {
            throw fields.badRequest("tiles", "must hold at most " + VideoLayout.MAX_TILES + " tiles");
        }
        java.util.List<VideoLayout.Tile> tiles = new java.util.ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                throw fields.badRequest("tiles", "must hold objects");
            }
            JsonFields tile = new JsonFields(e.getAsJsonObject(), VideoLayout.TYPE);
            String id = tile.requiredString("participantId");
            if (!PARTICIPANT_ID.matcher(id).matches()) {
                throw fields.badRequest("participantId", "must be 1-64 characters of A-Z a-z 0-9 _ -");
            }
            int width = tile.requiredInt("width");
            int height = tile.requiredInt("height");
            if (width < 0 || height < 0 || width > VideoLayout.MAX_SIZE || height > VideoLayout.MAX_SIZE) {
                throw fields.badRequest(width < 0 || width > VideoLayout.MAX_SIZE ? "width" : "height",
                        "must be 0-" + VideoLayout.MAX_SIZE);
            }
            Boolean visible = tile.optionalBoolean("visible");
            Boolean priority = tile.optionalBoolean("priority");
            tiles.add(new VideoLayout.Tile(id, width, height, visible == null || visible,
                    priority != null && priority));
        }
        return new VideoLayout(tiles);
    }

    private static HostAction decodeHostAction(JsonFields fields) throws ProtocolException {
        String name = fields.requiredString("action");
        HostAction.Action action = HostAction.Action.parse(name);
        if (action == null) {
            throw fields.badRequest("action", "must be one of mute-audio, mute-video, remove, make-host, end-meeting");
        }
        String participantId = fields.optionalString("participantId");
        if (action.needsTarget() && participantId == null) {
            throw fields.badRequest("participantId", "is required for " + action.wireName());
        }
        if (participantId != null && !PARTICIPANT_ID.matcher(participantId).matches()) {
            throw fields.badRequest("participantId", "must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return new HostAction(action, action.needsTarget() ? participantId : null);
    }

    private static LobbyDecision decodeLobbyDecision(JsonFields fields, String type) throws ProtocolException {
        String knockId = fields.requiredString("knockId");
        if (!PARTICIPANT_ID.matcher(knockId).matches()) {
            throw fields.badRequest("knockId", "must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return new LobbyDecision(type, knockId);
    }

    /** " at line 1 column 18" from a Gson message; Gson's advice on leniency is no use to a client. */
    private static String where(String gsonMessage) {
        Matcher m = gsonMessage == null ? null : POSITION.matcher(gsonMessage);
        return m != null && m.find() ? " at " + m.group() : "";
    }

    /** Echoes a client-chosen string back safely: bounded and without control characters. */
    private static String printable(String s) {
        String cut = s.length() <= 40 ? s : s.substring(0, 40) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
