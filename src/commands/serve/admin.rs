//! The editing forms at `/admin/` (see [`crate::commands::cms`]): the admin page, its
//! generated configuration and the CMS bundle read from `cms/node_modules`.
//! Only answered to requests from this computer; the forms save through a
//! local backend (`decap-server`, started by `cms/edit.sh`) that listens on
//! loopback too.

use std::path::{Path, PathBuf};

use crate::commands::cms::{self, Backend};

/// What `/admin/` serves, worked out once when the server starts.
#[derive(Debug)]
pub struct Admin {
    config: String,
    policy: String,
    /// The CMS bundle's folder, or why it is missing.
    bundle: Result<PathBuf, String>,
}

/// One answer: status, content type, body, and the page's policy when the
/// answer is a page.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub policy: Option<String>,
}

impl Admin {
    /// The forms for the portal in `portal_dir`, saving through the local
    /// backend at `$GLASSBOX_CMS_BACKEND` (default [`cms::DEFAULT_LOCAL_BACKEND`]).
    pub fn new(portal_dir: &Path) -> Admin {
        let url = std::env::var("GLASSBOX_CMS_BACKEND")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| cms::DEFAULT_LOCAL_BACKEND.to_string());
        let backend = Backend::Local { url };
        Admin {
            config: cms::config_text(&backend),
            policy: cms::admin_policy(&backend),
            bundle: cms::bundle_dir(portal_dir),
        }
    }

    /// The answer for `path` (which starts with [`cms::ADMIN_PATH`]), asked
    /// from a loopback address or not.
    pub fn answer(&self, path: &str, from_loopback: bool) -> Answer {
        if !from_loopback {
            return text(
                403,
                "The editing forms only open on the computer that runs glassbox serve.\n",
            );
        }
        let name = &path[cms::ADMIN_PATH.len()..];
        match name {
            "" | "index.html" => match &self.bundle {
                Ok(_) => Answer {
                    status: 200,
                    content_type: "text/html; charset=utf-8",
                    body: cms::ADMIN_HTML.as_bytes().to_vec(),
                    policy: Some(self.policy.clone()),
                },
                Err(why) => Answer {
                    status: 503,
                    content_type: "text/html; charset=utf-8",
                    body: missing_page(why).into_bytes(),
                    policy: Some(
                        "default-src 'none'; base-uri 'none'; form-action 'none'".to_string(),
                    ),
                },
            },
            "config.yml" => Answer {
                status: 200,
                content_type: "text/yaml; charset=utf-8",
                body: self.config.clone().into_bytes(),
                policy: None,
            },
            _ if cms::is_bundle_file(name) => {
                let Ok(dir) = &self.bundle else {
                    return text(404, "Not found.\n");
                };
                match std::fs::read(dir.join(name)) {
                    Ok(body) => Answer {
                        status: 200,
                        content_type: cms::bundle_content_type(name),
                        body,
                        policy: None,
                    },
                    Err(_) => text(404, "Not found.\n"),
                }
            }
            _ => text(404, "Not found.\n"),
        }
    }
}

fn text(status: u16, message: &str) -> Answer {
    Answer {
        status,
        content_type: "text/plain; charset=utf-8",
        body: message.as_bytes().to_vec(),
        policy: None,
    }
}

/// The page shown when the CMS is not installed: what to run.
fn missing_page(why: &str) -> String {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, why);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>The editing forms are not installed</title></head>\n<body>\n\
         <main>\n<h1>The editing forms are not installed</h1>\n<p>{escaped}.</p>\n\
         <p>Then reload this page. See docs/editing.md in the glassbox folder.</p>\n</main>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin(bundle: Result<PathBuf, String>) -> Admin {
        let backend = Backend::Local {
            url: cms::DEFAULT_LOCAL_BACKEND.into(),
        };
        Admin {
            config: cms::config_text(&backend),
            policy: cms::admin_policy(&backend),
            bundle,
        }
    }

    #[test]
    fn only_this_computer_gets_the_forms() {
        let a = admin(Err("missing".into()));
        assert_eq!(a.answer("/admin/", false).status, 403);
        assert_eq!(a.answer("/admin/config.yml", false).status, 403);
        assert_eq!(a.answer("/admin/config.yml", true).status, 200);
    }

    #[test]
    fn a_missing_bundle_says_how_to_install_it() {
        let a = admin(Err("no decap-cms.js in <x>; run `bash cms/setup.sh`".into()));
        let page = a.answer("/admin/", true);
        assert_eq!(page.status, 503);
        let body = String::from_utf8(page.body).unwrap();
        assert!(body.contains("bash cms/setup.sh"), "{body}");
        assert!(body.contains("&lt;x&gt;"), "{body}");
        assert_eq!(a.answer("/admin/decap-cms.js", true).status, 404);
    }

    #[test]
    fn bundle_files_come_from_the_bundle_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("decap-cms.js"), "/* cms */").unwrap();
        std::fs::write(dir.path().join("secret.map"), "x").unwrap();
        let a = admin(Ok(dir.path().to_path_buf()));
        let page = a.answer("/admin/", true);
        assert_eq!(page.status, 200);
        assert!(page.policy.unwrap().contains("script-src 'self'"));
        let js = a.answer("/admin/decap-cms.js", true);
        assert_eq!(
            (js.status, js.content_type),
            (200, "text/javascript; charset=utf-8")
        );
        assert_eq!(a.answer("/admin/secret.map", true).status, 404);
        assert_eq!(a.answer("/admin/../Cargo.toml", true).status, 404);
        assert_eq!(a.answer("/admin/sub/decap-cms.js", true).status, 404);
    }
}
