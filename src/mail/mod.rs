//! Mail: message builders (plain text + HTML), a transactional outbox, a background worker that
//! delivers over SMTP (lettre) or into `.eml` files, and the administrators' mail page.
//!
//! To send a message from another capability: build it with a function in [`messages`] (add one
//! there, following its privacy rule), call [`store::enqueue`] on the same transaction as the
//! change that causes it, commit, then call [`MailHandle::wake`] (`state.mail.wake()`).

pub mod messages;
pub mod model;
pub mod routes;
pub mod store;
pub mod transport;
mod views;
pub mod worker;

pub use messages::{Action, Content, Unsubscribe, compose};
pub use model::{MailKind, MessageId, OutboxId, OutboxStatus, OutgoingMessage, SendErrorKind};
pub use store::enqueue;
pub use transport::{MailBackend, TransportInfo};
pub use worker::{MailHandle, Worker, WorkerConfig};
