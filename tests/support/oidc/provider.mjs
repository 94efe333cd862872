// A real OpenID provider (the certified `oidc-provider` package) for Palaute's single sign-on tests.
//
//   node provider.mjs --port 0 --users users.json
//
// users.json: {"anna": {"password": "...", "name": "Anna A", "email": "...", "groups": ["product"]}, ...}.
// One client, `palaute` / `palaute-secret`, a native application, so any loopback port of the redirect
// addresses below is accepted (RFC 8252, as the big providers do for desktop apps).
// Test hooks under /__test/ change what the provider does next, as a real provider's admin or a network
// attacker would: a user's groups, a user removed (disabled), or the next ID token tampered / for another
// audience / expired. Refresh tokens are issued at every sign-in and rotated at every refresh.
// Prints "oidc provider listening on URL" once it accepts connections. A new signing key at every start, so a
// restart on the same port is a key rotation.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";
import * as jose from "jose";

const { values } = parseArgs({
  options: { port: { type: "string", default: "0" }, users: { type: "string" } },
});
const users = JSON.parse(readFileSync(values.users, "utf8"));
let nextTokenMode = null; // "tamper" | "wrong_audience" | "expired"

const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: crypto.randomUUID(), alg: "RS256", use: "sig" };

const server = createServer();
await new Promise((resolve) => server.listen(Number(values.port), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "palaute",
      client_secret: "palaute-secret",
      application_type: "native",
      redirect_uris: ["http://127.0.0.1/callback", "http://127.0.0.1/web/signin/sso/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [signingJwk] },
  claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
  scopes: ["openid", "profile", "email", "groups"],
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  // As Entra ID, Okta and Keycloak do when told to: the groups are in the ID token itself.
  conformIdTokenClaims: false,
  cookies: { keys: ["palaute-test-cookie-key"] },
  ttl: {
    AuthorizationCode: 60,
    IdToken: 300,
    AccessToken: 300,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
    RefreshToken: 3600,
  },
  // As Keycloak does (Entra ID and Okta with the offline_access scope): a refresh token at every sign-in,
  // and rotated at each use, as Okta and Entra ID do for public clients: a spent one is refused (and, if
  // spent twice, the whole grant revoked), so the server must keep the newest.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  rotateRefreshToken: true,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = users[sub];
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, name: user.name, preferred_username: sub, email: user.email, groups: user.groups };
      },
    };
  },
  // A first-party client: no consent screen, the grant is made at once.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(" ") : "openid");
    grant.addOIDCClaims(["name", "preferred_username", "email", "groups"]);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

// The test hook rewrites the token endpoint's ID token, re-signed with the real key where the test wants a
// well-signed token that is wrong in another way.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== "/token" || ctx.method !== "POST" || !nextTokenMode || !ctx.body?.id_token) return;
  const mode = nextTokenMode;
  nextTokenMode = null;
  const token = ctx.body.id_token;
  if (mode === "tamper") {
    const [head, body, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url"));
    claims.groups = ["admins", "product"];
    ctx.body = { ...ctx.body, id_token: [head, Buffer.from(JSON.stringify(claims)).toString("base64url"), sig].join(".") };
    return;
  }
  const claims = jose.decodeJwt(token);
  if (mode === "wrong_audience") claims.aud = "someone-else";
  if (mode === "expired") Object.assign(claims, { iat: claims.iat - 7200, exp: claims.iat - 3600 });
  const resigned = await new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: signingJwk.kid }).sign(privateKey);
  ctx.body = { ...ctx.body, id_token: resigned };
});

const page = (body) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Test provider sign-in</title></head><body>${body}</body></html>`;
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw;
}
const readForm = async (req) => Object.fromEntries(new URLSearchParams(await readBody(req)));

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const uid = details.uid;
  if (req.method === "POST") {
    const form = await readForm(req);
    const user = users[form.login];
    if (!user || user.password !== form.password) {
      res.writeHead(401, { "content-type": "text/html" });
      res.end(page(`<p id="error">Wrong user name or password.</p>${loginForm(uid, form.login)}`));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: form.login } }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === "login") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(page(loginForm(uid, "")));
    return;
  }
  await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
}

function loginForm(uid, login) {
  return `<h1>Example Org sign-in</h1><form method="post" action="/interaction/${uid}">
<label>User <input name="login" value="${escape(login || "")}"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button></form>`;
}

async function testHook(req, res, url) {
  const form = JSON.parse((await readBody(req)) || "{}");
  if (url.pathname === "/__test/groups") users[form.user].groups = form.groups;
  else if (url.pathname === "/__test/remove") delete users[form.user];
  else if (url.pathname === "/__test/next-token") nextTokenMode = form.mode;
  else return res.writeHead(404).end();
  res.writeHead(204).end();
}

const callback = provider.callback();
server.on("request", (req, res) => {
  const url = new URL(req.url, issuer);
  const handle = url.pathname.startsWith("/interaction/")
    ? interaction(req, res)
    : url.pathname.startsWith("/__test/")
      ? testHook(req, res, url)
      : Promise.resolve(callback(req, res));
  handle.catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(`provider error: ${error.message}`);
  });
});
console.log(`oidc provider listening on ${issuer}`);
