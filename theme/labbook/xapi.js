// labbook: xAPI statements from a SCO page (`labbook export scorm --xapi`), after scorm.js.
//
// Where to: the launch URL's parameters when it has them — cmi5's `endpoint`, `fetch` (POSTed
// once for the auth token), `actor`, `registration`, `activityId`, or the older `endpoint`,
// `auth`, `actor`, `registration` — else the endpoint and auth the package was exported with
// (`labbook-xapi`, `labbook-xapi-auth` meta tags). The actor is the launch's, else the SCORM
// learner (an account on this page's origin). Statements use ADL's verbs: `attempted` when the
// page opens, `answered` for every grade or checked answer, then `passed` or `failed` (a lab's
// grade; a quiz once every question is answered) with the score and the time since the page
// opened. They are plain xAPI statements: the cmi5-defined ones (launched, initialized, …) are
// not sent. A failed send is a console warning; nothing is retried.
(() => {
  "use strict";

  const sco = window.labbook && window.labbook.sco;
  const meta = (name) => {
    const m = document.querySelector(`meta[name="${name}"]`);
    return m ? m.content.trim() : "";
  };
  const configured = meta("labbook-xapi");
  if (!sco || !configured) return;
  const params = new URLSearchParams(location.search);
  const fromMeta = configured === "launch" ? "" : configured;
  const endpointText = params.get("endpoint") || fromMeta;
  if (!endpointText) {
    console.warn("labbook: xAPI is on, but the launch URL names no `endpoint` and the package none; no statements are sent");
    return;
  }
  const endpoint = endpointText.endsWith("/") ? endpointText : `${endpointText}/`;
  const activityId = params.get("activityId") || meta("labbook-xapi-activity");
  const registration = params.get("registration");

  function actor() {
    try {
      const a = params.get("actor");
      if (a) return JSON.parse(a);
    } catch (_) {
      console.warn("labbook: the launch's `actor` is not JSON; using the LMS's learner");
    }
    const learner = sco.learner();
    if (learner && learner.id) return { objectType: "Agent", name: learner.name || learner.id, account: { homePage: location.origin, name: learner.id } };
    return { objectType: "Agent", account: { homePage: location.origin, name: "anonymous" } };
  }

  /** The Authorization header: the launch's `auth`, cmi5's token from `fetch`, or the package's. */
  let authorization = null;
  function auth() {
    if (!authorization) {
      const fetchUrl = params.get("fetch");
      authorization = params.get("auth")
        ? Promise.resolve(params.get("auth"))
        : fetchUrl
          ? fetch(fetchUrl, { method: "POST" })
              .then((r) => r.json())
              .then((j) => `Basic ${j["auth-token"]}`)
          : Promise.resolve(meta("labbook-xapi-auth"));
    }
    return authorization;
  }

  const who = actor();
  const activity = {
    objectType: "Activity",
    id: activityId,
    definition: {
      name: { "en-US": sco.title || sco.unit },
      type: `http://adlnet.gov/expapi/activities/${{ quiz: "assessment", chapter: "module" }[sco.kind] || "interaction"}`,
    },
  };

  async function send(verb, result) {
    const statement = {
      id: crypto.randomUUID(),
      actor: who,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } },
      object: activity,
      timestamp: new Date().toISOString(),
    };
    if (result) statement.result = result;
    if (registration) statement.context = { registration };
    try {
      const headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
      const a = await auth();
      if (a) headers.Authorization = a;
      const r = await fetch(`${endpoint}statements`, { method: "POST", headers, body: JSON.stringify(statement), keepalive: true });
      if (!r.ok) console.warn(`labbook: the LRS answered ${r.status} to the "${verb}" statement`);
    } catch (err) {
      console.warn(`labbook: the "${verb}" statement could not be sent: ${err && err.message ? err.message : err}`);
    }
  }

  function resultOf(r) {
    const scaled = r.max > 0 ? r.score / r.max : 0;
    return {
      score: { raw: r.score, min: 0, max: r.max, scaled: Math.round(scaled * 10000) / 10000 },
      success: r.passed,
      completion: r.complete,
      duration: `PT${((Date.now() - sco.started) / 1000).toFixed(2)}S`,
    };
  }

  send("attempted");
  window.addEventListener("labbook:sco", (e) => {
    const r = e.detail;
    if (!r || r.type !== "result") return;
    send("answered", resultOf(r));
    if (r.passed) send("passed", resultOf(r));
    else if (r.complete) send("failed", resultOf(r));
  });
})();
