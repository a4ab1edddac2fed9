//! Pins the webview's security settings: the exact CSP, no global Tauri
//! object, and the exact capability set (no fs:, shell:, dialog: or opener:
//! permissions). Changing any of them must be a deliberate edit here too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};

fn read_json(rel: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn csp_allows_only_the_apps_own_origin() {
    let conf = read_json("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(
        csp,
        &json!({
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self' data:",
            "font-src": "'self'",
            "connect-src": "ipc: http://ipc.localhost",
            "object-src": "'none'",
            "base-uri": "'none'",
            "form-action": "'none'",
            "frame-ancestors": "'none'"
        })
    );
    // Every source is the app itself, nothing, inline data images, or the
    // IPC bridge: no remote host, no unsafe-eval, no unsafe-inline.
    let allowed = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];
    for (directive, sources) in csp.as_object().unwrap() {
        for source in sources.as_str().unwrap().split_whitespace() {
            assert!(
                allowed.contains(&source),
                "{directive}: {source} is not allowed"
            );
        }
    }
    assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
}

#[test]
fn no_global_tauri_object_and_no_dev_server() {
    let conf = read_json("tauri.conf.json");
    assert_eq!(conf["app"]["withGlobalTauri"], json!(false));
    // The binary always embeds the built UI, in tests too.
    assert!(conf["build"]["devUrl"].is_null());
    assert_eq!(conf["build"]["frontendDist"], json!("../ui/dist"));
}

#[test]
fn the_capability_set_is_exactly_the_listed_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        vec!["main.json".to_string()],
        "one capability file only"
    );
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["windows"], json!(["main"]));
    assert!(cap["remote"].is_null(), "no remote URLs may use the IPC");
    assert_eq!(
        cap["permissions"],
        json!(["core:event:allow-listen", "core:event:allow-unlisten"])
    );
}
