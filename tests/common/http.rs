//! A local HTTP server for tests that fetch: `tiny_http` on 127.0.0.1 in a
//! thread, answering with a handler and logging every request it saw, and
//! a raw TCP server for answers a library server cannot get wrong on
//! purpose (a body cut short, a server that drips). Nothing leaves the
//! machine.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub headers: BTreeMap<String, String>,
}

/// What to answer.
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
}

type Handler = Arc<dyn Fn(&Hit) -> Reply + Send + Sync>;

/// A `tiny_http` server on 127.0.0.1 answering with `handler`, logging every request.
pub struct Server {
    base: String,
    pub hits: Arc<Mutex<Vec<Hit>>>,
    server: Arc<tiny_http::Server>,
}

impl Server {
    pub fn start(handler: impl Fn(&Hit) -> Reply + Send + Sync + 'static) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let hits = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let (s, log) = (server.clone(), hits.clone());
        std::thread::spawn(move || {
            for rq in s.incoming_requests() {
                let hit = Hit {
                    path: rq.url().to_string(),
                    headers: rq
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.to_string(),
                            )
                        })
                        .collect(),
                };
                log.lock().unwrap().push(hit.clone());
                let handler = handler.clone();
                std::thread::spawn(move || {
                    let r = handler(&hit);
                    let mut resp =
                        tiny_http::Response::from_data(r.body).with_status_code(r.status);
                    for (k, v) in r.headers {
                        resp.add_header(
                            tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                        );
                    }
                    let _ = rq.respond(resp);
                });
            }
        });
        Server {
            base: format!("http://127.0.0.1:{port}"),
            hits,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn hits(&self, path: &str) -> Vec<Hit> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .cloned()
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// A raw TCP server on 127.0.0.1: reads a request's head, then `answer`
/// writes to the socket whatever it likes and the connection is closed.
pub fn raw_server(answer: fn(&mut std::net::TcpStream)) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                answer(&mut conn);
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}
