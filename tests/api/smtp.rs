//! A real SMTP server on 127.0.0.1:0 inside the test process, for black-box mail tests.
//!
//! Hand-written (about 150 lines of tokio) rather than a crate: the tests need to make the
//! server misbehave on cue — answer 451 or 550 after DATA, hang after DATA, or drop the
//! connection as a crash would — which the embeddable SMTP server crates do not offer without
//! more code than this. It speaks just enough SMTP for lettre: EHLO/HELO, MAIL FROM, RCPT TO,
//! DATA (with dot-unstuffing), RSET, NOOP and QUIT.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers the end of a message's DATA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// 250: accepted and recorded.
    Accept,
    /// Answers with this code (451 temporary, 550 permanent); nothing recorded.
    Reply(u16),
    /// Never answers; holds the connection until the client goes away.
    Stall,
    /// Closes the connection without answering, like a server crash.
    CloseAfterData,
}

/// One accepted message.
#[derive(Clone, Debug)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parseable message")
    }
}

struct Inner {
    mode: Mode,
    next: VecDeque<Mode>,
    received: Vec<Received>,
    data_seen: usize,
    delay: Duration,
}

#[derive(Clone)]
pub struct SmtpServer {
    pub port: u16,
    inner: Arc<Mutex<Inner>>,
}

impl SmtpServer {
    /// Starts a server answering every message with `mode`.
    pub async fn start(mode: Mode) -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let inner = Arc::new(Mutex::new(Inner {
            mode,
            next: VecDeque::new(),
            received: Vec::new(),
            data_seen: 0,
            delay: Duration::ZERO,
        }));
        let server = SmtpServer { port, inner };
        let shared = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = shared.clone();
                tokio::spawn(async move {
                    let _ = s.session(stream).await;
                });
            }
        });
        server
    }

    /// The `CHORUS_SMTP_URL` for this server (plain SMTP on loopback).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Changes how later messages are answered.
    pub fn set_mode(&self, mode: Mode) {
        self.inner.lock().unwrap().mode = mode;
    }

    /// Answers the next messages with these modes, one each, then goes back to the set mode.
    pub fn then(&self, modes: &[Mode]) {
        self.inner
            .lock()
            .unwrap()
            .next
            .extend(modes.iter().copied());
    }

    /// Waits this long before answering the end of each message, like a busy server.
    pub fn set_delay(&self, delay: Duration) {
        self.inner.lock().unwrap().delay = delay;
    }

    /// Every accepted message so far.
    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().unwrap().received.clone()
    }

    /// How many message bodies arrived, accepted or not.
    pub fn data_seen(&self) -> usize {
        self.inner.lock().unwrap().data_seen
    }

    /// Waits (up to 15 s) until `n` messages have been accepted.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {n} messages, got {} ({} bodies seen)",
            self.received().len(),
            self.data_seen()
        );
    }

    async fn session(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut reader = BufReader::new(read);
        write
            .write_all(b"220 localhost test SMTP ready\r\n")
            .await?;
        let mut mail_from = String::new();
        let mut rcpt_to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_owned();
            let upper = command.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                write
                    .write_all(b"250-localhost\r\n250 8BITMIME\r\n")
                    .await?;
            } else if upper.starts_with("HELO") {
                write.write_all(b"250 localhost\r\n").await?;
            } else if upper.starts_with("MAIL FROM:") {
                mail_from = address(&command);
                rcpt_to.clear();
                write.write_all(b"250 OK\r\n").await?;
            } else if upper.starts_with("RCPT TO:") {
                rcpt_to.push(address(&command));
                write.write_all(b"250 OK\r\n").await?;
            } else if upper == "DATA" {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut reader).await?;
                let delay = self.inner.lock().unwrap().delay;
                tokio::time::sleep(delay).await;
                let mode = {
                    let mut inner = self.inner.lock().unwrap();
                    inner.data_seen += 1;
                    let mode = inner.next.pop_front().unwrap_or(inner.mode);
                    if mode == Mode::Accept {
                        inner.received.push(Received {
                            mail_from: mail_from.clone(),
                            rcpt_to: rcpt_to.clone(),
                            data,
                        });
                    }
                    mode
                };
                match mode {
                    Mode::Accept => write.write_all(b"250 OK queued\r\n").await?,
                    Mode::Reply(code) => {
                        write
                            .write_all(format!("{code} refused for this test\r\n").as_bytes())
                            .await?
                    }
                    Mode::Stall => {
                        let mut sink = Vec::new();
                        let _ = reader.read_to_end(&mut sink).await;
                        return Ok(());
                    }
                    Mode::CloseAfterData => return Ok(()),
                }
            } else if upper == "RSET" {
                mail_from.clear();
                rcpt_to.clear();
                write.write_all(b"250 OK\r\n").await?;
            } else if upper == "NOOP" {
                write.write_all(b"250 OK\r\n").await?;
            } else if upper == "QUIT" {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            } else {
                write.write_all(b"500 Unknown command\r\n").await?;
            }
        }
    }
}

fn address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command.rfind('>').unwrap_or(command.len());
    command[start..end].to_owned()
}

/// Reads DATA lines up to the lone dot, undoing dot-stuffing.
async fn read_data<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(data);
        }
        let body = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(body);
    }
}
