//! The webview's fences: which pages it may show and which links may leave it.
//!
//! The window only ever shows the app's own bundled pages; any navigation to
//! another origin is refused (see [`is_app_url`], wired in `lib.rs`). Links
//! to the web go through [`check_external_url`] and the opener, https only.
//! The CSP and the capability set live in `tauri.conf.json` and
//! `capabilities/`; `tests/security.rs` pins them.

use tauri::Url;

use crate::error::ErrorDto;

/// Whether `url` is one of the app's own pages (the embedded frontend).
pub fn is_app_url(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        // How the embedded frontend is served where custom schemes are not.
        ("http" | "https", Some("tauri.localhost")) => url.port().is_none(),
        _ => false,
    }
}

/// Accepts only `https://` links with a host, for the opener.
pub fn check_external_url(text: &str) -> Result<(), ErrorDto> {
    let refused = || ErrorDto::app("refused_link", "only https:// links can be opened");
    let url = Url::parse(text.trim()).map_err(|_| refused())?;
    if url.scheme() != "https" || url.host_str().is_none_or(str::is_empty) {
        return Err(refused());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn only_the_apps_own_pages_are_app_urls() {
        assert!(is_app_url(&url("tauri://localhost/")));
        assert!(is_app_url(&url("tauri://localhost/index.html#/letters")));
        assert!(is_app_url(&url("http://tauri.localhost/")));
        assert!(!is_app_url(&url("https://example.org/")));
        assert!(!is_app_url(&url("http://localhost:5173/")));
        assert!(!is_app_url(&url("http://tauri.localhost:8080/")));
        assert!(!is_app_url(&url("file:///etc/passwd")));
        assert!(!is_app_url(&url("tauri://evil.example/")));
    }

    #[test]
    fn only_https_links_leave_the_app() {
        assert!(check_external_url("https://www.hrw.org/news").is_ok());
        for bad in [
            "http://www.hrw.org/",
            "file:///home/user/.ssh/id_rsa",
            "javascript:alert(1)",
            "mailto:someone@example.org",
            "https://",
            "not a url",
        ] {
            let err = check_external_url(bad).unwrap_err();
            assert_eq!(err.code, "refused_link", "{bad}");
        }
    }
}
