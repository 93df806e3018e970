// Verifies access tokens of the running app with jose (https://github.com/panva/jose), a JOSE implementation
// that is not ours, the way another service would: it knows only the JWKS URL, the issuer, the audience and the
// algorithm. Checks that a fresh token verifies, that a tampered one does not, and that after a key rotation the
// new key's tokens verify (jose fetches the JWKS again for an unknown kid) and the old key's still do.
// Run by run.sh, which starts the app; MUSICPLAYER_URL is its address, JWT_ALGORITHM its Jwt:Algorithm.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

const baseUrl = process.env.MUSICPLAYER_URL;
const algorithm = process.env.JWT_ALGORITHM;
if (!baseUrl || !algorithm) throw new Error("MUSICPLAYER_URL and JWT_ALGORITHM must be set");

const jwksUrl = new URL("/.well-known/jwks.json", baseUrl);
const expected = { issuer: "musicplayer", audience: "musicplayer", algorithms: [algorithm] };
let failures = 0;

function check(step, ok, detail = "") {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${algorithm} ${step}${!ok && detail ? ` (${detail})` : ""}`);
}

async function post(path, body, token) {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function signUp() {
  const name = `jose${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const password = "correct-horse-42";
  await post("/api/v1/auth/register", { username: name, email: `${name}@example.com`, password, firstName: "Jose" });
  return post("/api/v1/auth/login", { email: `${name}@example.com`, password });
}

async function verifies(token, keys) {
  try {
    return await jwtVerify(token, keys, expected);
  } catch (error) {
    return { error };
  }
}

// A fresh key set per verifier, as a new service would start; cooldown 0 so that an unknown kid refetches at once.
const keySet = () => createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 });

const jwksResponse = await fetch(jwksUrl);
check("JWKS is public and cacheable", jwksResponse.ok && /public/.test(jwksResponse.headers.get("cache-control") ?? "")
  && /max-age=300/.test(jwksResponse.headers.get("cache-control") ?? ""), `${jwksResponse.status} ${jwksResponse.headers.get("cache-control")}`);

const login = await signUp();
const header = decodeProtectedHeader(login.accessToken);
check("token names its key and algorithm", header.alg === algorithm && typeof header.kid === "string" && header.kid.length > 0, JSON.stringify(header));

const first = await verifies(login.accessToken, keySet());
check("token verifies against the JWKS", !first.error && first.payload?.sub === String(login.userId), first.error?.message);

const [h, p, s] = login.accessToken.split(".");
const payload = JSON.parse(Buffer.from(p, "base64url").toString());
const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: "admin" })).toString("base64url")}.${s}`;
check("tampered token is refused", (await verifies(tampered, keySet())).error !== undefined);

const admin = await post("/api/v1/auth/login", { email: "admin@musicplayer.local", password: "admin-password-1" });
const rotated = await post("/api/v1/admin/signing-keys/rotate", undefined, admin.accessToken);
check("rotation makes a new key", rotated.kid !== header.kid && rotated.algorithm === algorithm, JSON.stringify(rotated));

const verifier = keySet();
const after = await signUp();
const afterResult = await verifies(after.accessToken, verifier);
check("new key's token verifies", !afterResult.error && decodeProtectedHeader(after.accessToken).kid === rotated.kid, afterResult.error?.message);
const before = await verifies(login.accessToken, verifier);
check("old key's token still verifies", !before.error, before.error?.message);

console.log(failures === 0 ? `jwks-check ${algorithm}: all checks passed` : `jwks-check ${algorithm}: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
