//! The preview's HTTP server: the one module that uses hyper and tokio's
//! networking. It answers from the site held in memory ([`super::Shared`]),
//! never from the disk, and streams reload events to open pages.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::Full;
use http_body_util::combinators::BoxBody;
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

use super::Shared;
use super::overlay::{self, EVENTS_PATH, SCRIPT_PATH, STYLE_PATH};
use super::routes::{self, Route};

type ResponseBody = BoxBody<Bytes, Infallible>;

/// How often an idle event stream sends a comment, so proxies and browsers
/// keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Binds the listening socket.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves until `shutdown` turns true, then lets open requests finish (at
/// most a second) and returns.
pub async fn run(listener: TcpListener, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let graceful = GracefulShutdown::new();
    // Bound to this computer only, the preview answers only to this
    // computer's own names, so a web page that points its own name at
    // 127.0.0.1 (DNS rebinding) cannot read it.
    let bound_loopback = listener
        .local_addr()
        .map(|a| is_loopback(a.ip()))
        .unwrap_or(true);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let shared = shared.clone();
                let stop = shutdown.clone();
                let peer_local = is_loopback(peer.ip());
                let service = service_fn(move |request: Request<Incoming>| {
                    let shared = shared.clone();
                    let stop = stop.clone();
                    let host = loopback_host(&request);
                    async move {
                        if bound_loopback && host == Some(false) {
                            return Ok::<_, Infallible>(secured(text(
                                StatusCode::MISDIRECTED_REQUEST,
                                "This preview answers only to this computer's own addresses \
                                 (127.0.0.1, localhost). Open it with one of them.\n",
                            )));
                        }
                        // The editing forms need both: a request from this
                        // computer, addressed to this computer.
                        let local = peer_local && host == Some(true);
                        Ok::<_, Infallible>(respond(request, &shared, stop, local))
                    }
                });
                let connection = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(1), graceful.shutdown()).await;
}

fn respond(
    request: Request<Incoming>,
    shared: &Shared,
    stop: watch::Receiver<bool>,
    from_loopback: bool,
) -> Response<ResponseBody> {
    let head = match *request.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => {
            let mut response = text(
                StatusCode::METHOD_NOT_ALLOWED,
                "Only GET and HEAD are served.\n",
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
    };
    let path = request.uri().path();
    let response = match path {
        EVENTS_PATH => return events(shared, stop),
        SCRIPT_PATH => file(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            overlay::SCRIPT.into(),
        ),
        STYLE_PATH => file(
            StatusCode::OK,
            "text/css; charset=utf-8",
            overlay::STYLE.into(),
        ),
        _ if path.starts_with(overlay::PREFIX) => text(StatusCode::NOT_FOUND, "Not found.\n"),
        _ if path.starts_with(crate::commands::cms::ADMIN_PATH) => {
            admin(path, shared, from_loopback)
        }
        _ => page(path, shared),
    };
    let response = secured(response);
    if head {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, empty());
    }
    response
}

/// Headers every answer carries: `nosniff`, and a Content-Security-Policy
/// header that forbids framing. A page's header repeats the policy of its
/// meta tag (the one the preview extended for its own script), since
/// `frame-ancestors` only works in a header; anything else gets a policy
/// that allows nothing.
fn secured(mut response: Response<ResponseBody>) -> Response<ResponseBody> {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let is_html = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        let policy = match headers.get(PAGE_POLICY).and_then(|v| v.to_str().ok()) {
            Some(page) => format!("{page}; frame-ancestors 'none'"),
            // The preview's own pages (the list of problems before a first
            // build) use only its stylesheet, script and event stream.
            None if is_html => "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'".to_string(),
            None => "default-src 'none'; frame-ancestors 'none'".to_string(),
        };
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    headers.remove(PAGE_POLICY);
    response
}

/// An internal header that carries a page's own policy from [`html`] to
/// [`secured`]; it never leaves the server.
const PAGE_POLICY: &str = "x-glassbox-page-policy";

/// A page of the site, decorated for the preview, with its policy noted for
/// the CSP header.
fn html(status: StatusCode, page: String) -> Response<ResponseBody> {
    let policy = overlay::page_policy(&page).map(str::to_string);
    let mut response = file(status, "text/html; charset=utf-8", page.into());
    if let Some(value) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        response.headers_mut().insert(PAGE_POLICY, value);
    }
    response
}

/// The editing forms ([`super::admin`]).
fn admin(path: &str, shared: &Shared, from_loopback: bool) -> Response<ResponseBody> {
    let answer = shared.admin.answer(path, from_loopback);
    let mut response = file(
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        answer.content_type,
        Bytes::from(answer.body),
    );
    if let Some(policy) = answer.policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// A file of the site, the theme's 404 page, or a refusal.
fn page(path: &str, shared: &Shared) -> Response<ResponseBody> {
    let (site, problems) = shared.snapshot();
    let Some(site) = site else {
        // Nothing has built yet: every page is the list of problems.
        let body = overlay::problems_page(problems.as_deref().map_or("", |p| p.as_str()));
        return file(StatusCode::OK, "text/html; charset=utf-8", body.into());
    };
    let problems = problems.as_deref().map(String::as_str);
    match routes::resolve(path, &site.root_path, |p| site.has(p)) {
        Route::File(name) => {
            let content_type = routes::content_type(&name);
            let bytes = match site.file(&name) {
                Some(Ok(bytes)) => bytes,
                // An old version's page the theme cannot make: the theme's
                // error, as plain text.
                Some(Err(problem)) => {
                    return file(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "text/plain; charset=utf-8",
                        Bytes::from(problem),
                    );
                }
                None => return text(StatusCode::NOT_FOUND, "Not found.\n"),
            };
            if content_type.starts_with("text/html") {
                let page = String::from_utf8_lossy(&bytes);
                html(StatusCode::OK, overlay::decorate(&page, problems))
            } else {
                file(
                    StatusCode::OK,
                    content_type,
                    Bytes::from(bytes.into_owned()),
                )
            }
        }
        Route::Redirect(to) => {
            let mut response = text(StatusCode::MOVED_PERMANENTLY, "Moved.\n");
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Route::NotFound => match site.files.get("404.html") {
            Some(bytes) => {
                let page = String::from_utf8_lossy(bytes);
                html(StatusCode::NOT_FOUND, overlay::decorate(&page, problems))
            }
            None => text(StatusCode::NOT_FOUND, "Not found.\n"),
        },
        Route::Refused => text(
            StatusCode::BAD_REQUEST,
            "This address is not part of the site.\n",
        ),
    }
}

/// The server-sent event stream: `hello` with the current build number at
/// once, then `reload` after every build, until the server stops.
fn events(shared: &Shared, mut stop: watch::Receiver<bool>) -> Response<ResponseBody> {
    let mut builds = shared.builds.subscribe();
    let (send, receive) = mpsc::channel::<Bytes>(4);
    tokio::spawn(async move {
        let hello = format!(
            "retry: 500\nevent: hello\ndata: {}\n\n",
            *builds.borrow_and_update()
        );
        if send.send(hello.into()).await.is_err() {
            return;
        }
        loop {
            let message = tokio::select! {
                changed = builds.changed() => {
                    if changed.is_err() { break }
                    format!("event: reload\ndata: {}\n\n", *builds.borrow_and_update())
                }
                _ = tokio::time::sleep(KEEP_ALIVE) => ": still here\n\n".to_string(),
                _ = stop.changed() => break,
            };
            if send.send(message.into()).await.is_err() {
                break;
            }
        }
    });
    let mut response = Response::new(BoxBody::new(EventStream(receive)));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A body that yields whatever arrives on a channel, and ends when the
/// sending side is dropped.
struct EventStream(mpsc::Receiver<Bytes>);

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|c| Ok(Frame::data(c))))
    }
}

fn file(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<ResponseBody> {
    let mut response = Response::new(BoxBody::new(Full::new(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must always show the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn text(status: StatusCode, message: &'static str) -> Response<ResponseBody> {
    file(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(message.as_bytes()),
    )
}

fn empty() -> ResponseBody {
    BoxBody::new(Full::new(Bytes::new()))
}

/// Loopback, counting an IPv4 loopback address written as IPv6
/// (`::ffff:127.0.0.1`, as a dual-stack socket reports it).
fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map_or(v6.is_loopback(), |v4| v4.is_loopback()),
        IpAddr::V4(v4) => v4.is_loopback(),
    }
}

/// Whether the request's `Host` names this computer (`localhost`, a
/// loopback address, with or without a port); `None` without a `Host`.
fn loopback_host<B>(request: &Request<B>) -> Option<bool> {
    let host = request.headers().get(header::HOST)?.to_str().ok()?;
    Some(host_is_loopback(host))
}

fn host_is_loopback(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(is_loopback)
}

#[cfg(test)]
mod host_tests {
    use super::host_is_loopback;

    #[test]
    fn only_this_computers_names_are_loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST:4455",
            "127.0.0.1",
            "127.0.0.1:4455",
            "127.1.2.3:80",
            "[::1]:4455",
            "[::ffff:127.0.0.1]:4455",
        ] {
            assert!(host_is_loopback(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:4455",
            "localhost.evil.example",
            "10.0.0.1:4455",
            "[::2]:4455",
            "127.0.0.1.nip.io",
            "",
        ] {
            assert!(!host_is_loopback(host), "{host}");
        }
    }
}
