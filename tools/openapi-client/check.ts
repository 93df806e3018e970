// A client generated from /openapi/v1.json (openapi-typescript), used with openapi-fetch against the running
// app: register, log in, refresh, list and read songs, read the profile, make a smart playlist, log out. It proves the document
// from outside twice: `tsc` only compiles these calls if each body has the fields of its own operation
// and if the fields read here are required in the responses, and at run time every JSON response is
// checked against the schema the document gives for it (no property missing that it requires, none it
// does not list). Run by run.sh, which starts the app; MUSICPLAYER_URL is its address.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Document = { components: { schemas: Record<string, Schema> }; paths: Record<string, Record<string, Operation>> };
type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };

const baseUrl = process.env.MUSICPLAYER_URL;
if (!baseUrl) throw new Error("MUSICPLAYER_URL is not set");

const document = (await (await fetch(`${baseUrl}/openapi/v1.json`)).json()) as Document;
const client = createClient<paths>({ baseUrl });
let passed = 0;
const failures: string[] = [];

function check(step: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failures.push(`${step}${detail ? `: ${detail}` : ""}`);
  console.log(`${ok ? "ok  " : "FAIL"} ${step}${!ok && detail ? ` (${detail})` : ""}`);
}

/**
 * Where `value` disagrees with `schema`: missing required properties and, when `strict`, properties the
 * schema does not list. The schemas do not forbid other properties (no additionalProperties: false), so an
 * unlisted one is valid JSON Schema; it is still a failure for the service's own JSON bodies, which must be
 * described field by field, and a note for problem details, whose extensions (traceId, errors) the
 * document does not list.
 */
function mismatches(schema: Schema, value: unknown, at: string, strict: boolean): string[] {
  if (schema.$ref) return mismatches(document.components.schemas[schema.$ref.split("/").pop()!]!, value, at, strict);
  for (const branches of [schema.oneOf, schema.anyOf])
    if (branches) {
      const fits = branches.map((b) => mismatches(b, value, at, strict));
      return fits.some((f) => f.length === 0) ? [] : fits.flat();
    }
  const types = [schema.type ?? []].flat();
  if (value === null) return types.length === 0 || types.includes("null") ? [] : [`${at} is null`];
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => mismatches(schema.items!, v, `${at}[${i}]`, strict)) : [];
  if (typeof value !== "object" || !schema.properties) return [];
  const record = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((p) => !(p in record)).map((p) => `${at}.${p} is required but missing`),
    ...(strict ? Object.keys(record).filter((p) => !(p in schema.properties!)).map((p) => `${at}.${p} is not in the schema`) : []),
    ...Object.entries(schema.properties).flatMap(([p, s]) => (p in record ? mismatches(s, record[p], `${at}.${p}`, strict) : [])),
  ];
}

/** Checks the status and the body (as openapi-fetch parsed it) of a response against its operation in the document. */
function conforms(step: string, method: string, path: string, result: { response: Response; data?: unknown; error?: unknown }, status: number): void {
  const response = result.response;
  check(`${step}: ${response.status}`, response.status === status, `expected ${status}`);
  const documented = document.paths[path]?.[method]?.responses[String(response.status)];
  check(`${step}: ${response.status} is documented`, documented !== undefined);
  const type = response.headers.get("content-type")?.split(";")[0] ?? "";
  const schema = documented?.content?.[type]?.schema;
  if (response.status === 204 || response.status === 304) return;
  check(`${step}: ${type} body is documented`, schema !== undefined);
  if (schema === undefined) return;
  const body = result.data ?? result.error;
  const problems = mismatches(schema, body, "body", type === "application/json");
  check(`${step}: body matches its schema`, problems.length === 0, problems.join("; "));
  const unlisted = type === "application/json" ? [] : mismatches(schema, body, "body", true).filter((p) => !problems.includes(p));
  if (unlisted.length > 0) console.log(`note ${step}: ${unlisted.join("; ")} (allowed: the schema does not forbid other properties)`);
}

const name = `client-${Date.now().toString(36)}`;
const email = `${name}@example.test`;
const password = "client-password-1";

const registered = await client.POST("/api/v1/auth/register", {
  body: { username: name, email, password, firstName: "Generated", lastName: "Client" },
});
conforms("register", "post", "/api/v1/auth/register", registered, 201);
const user: components["schemas"]["UserDto"] | undefined = registered.data;
check("register: the new user", user?.email === email && user.role === "user", JSON.stringify(user));

const login = await client.POST("/api/v1/auth/login", { body: { email, password } });
conforms("login", "post", "/api/v1/auth/login", login, 200);
const tokens = login.data;
if (!tokens) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
check("login: a bearer token pair", tokens.tokenType === "Bearer" && tokens.userId === user?.id && tokens.expiresIn > 0);

const wrong = await client.POST("/api/v1/auth/login", { body: { email, password: "not-the-password-1" } });
conforms("login with a wrong password", "post", "/api/v1/auth/login", wrong, 401);
check("login with a wrong password: a problem", wrong.error?.status === 401);

const refreshed = await client.POST("/api/v1/auth/refresh", { body: { refreshToken: tokens.refreshToken } });
conforms("refresh", "post", "/api/v1/auth/refresh", refreshed, 200);
const pair = refreshed.data;
if (!pair) throw new Error(`refresh failed: ${JSON.stringify(refreshed.error)}`);
check("refresh: a new refresh token", pair.refreshToken !== tokens.refreshToken);
const headers = { Authorization: `Bearer ${pair.accessToken}` };

const songs = await client.GET("/api/v1/songs", { params: { query: { page: 1, pageSize: 5, sort: "-likeCount" } } });
conforms("list songs", "get", "/api/v1/songs", songs, 200);
const page = songs.data;
check("list songs: a page of the demo library", page !== undefined && page.items.length > 0 && page.totalPages >= 1,
  JSON.stringify(page)?.slice(0, 200));

const first = page?.items[0];
if (first) {
  const song = await client.GET("/api/v1/songs/{id}", { params: { path: { id: first.id } }, headers });
  conforms("get a song", "get", "/api/v1/songs/{id}", song, 200);
  check("get a song: the listed one", song.data?.id === first.id && song.data.title === first.title && Array.isArray(song.data.albums));
}

const me = await client.GET("/api/v1/users/me", { headers });
conforms("my profile", "get", "/api/v1/users/me", me, 200);
check("my profile: the refreshed token's user", me.data?.username === name);

const profile = await client.GET("/api/v1/users/{id}", { params: { path: { id: tokens.userId } }, headers });
conforms("a user's profile", "get", "/api/v1/users/{id}", profile, 200);

// A smart playlist built from the generated types: the enums and the typed value union must compile.
const smart = await client.POST("/api/v1/playlists", {
  body: {
    name: "Most liked baroque",
    isPublic: false,
    rules: {
      match: "all",
      conditions: [
        { field: "genre", operator: "is", value: "baroque" },
        { field: "duration", operator: "between", value: [60, 600] },
        { field: "likedByOwner", operator: "is", value: false },
      ],
      sort: "-likeCount",
      limit: 10,
    },
  },
  headers,
});
conforms("create a smart playlist", "post", "/api/v1/playlists", smart, 201);
check("create a smart playlist: smart, with its rules", smart.data?.isSmart === true && smart.data.rules?.conditions.length === 3);
if (smart.data) {
  const evaluated = await client.GET("/api/v1/playlists/{id}/songs", { params: { path: { id: smart.data.id }, query: { pageSize: 5 } }, headers });
  conforms("a smart playlist's songs", "get", "/api/v1/playlists/{id}/songs", evaluated, 200);
  check("a smart playlist's songs: the demo library's baroque songs", (evaluated.data?.items.length ?? 0) > 0
    && evaluated.data!.items.every((e) => e.song.genre.toLowerCase() === "baroque" && e.entryId === null));
  const badRule = await client.POST("/api/v1/playlists", {
    body: { name: "bad", rules: { match: "any", conditions: [{ field: "title", operator: "gt", value: "x" }] } },
    headers,
  });
  conforms("an invalid rule", "post", "/api/v1/playlists", badRule, 400);
}

const logout = await client.POST("/api/v1/auth/logout", { body: { refreshToken: pair.refreshToken }, headers });
conforms("logout", "post", "/api/v1/auth/logout", logout, 204);
const afterLogout = await client.POST("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
conforms("refresh after logout", "post", "/api/v1/auth/refresh", afterLogout, 401);

console.log(`${passed} passed, ${failures.length} failed`);
if (failures.length > 0) process.exit(1);
