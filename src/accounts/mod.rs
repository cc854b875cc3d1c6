//! Accounts: stewards and their roles, first-run setup, invitations, sign-in sessions,
//! sign-in throttling and API tokens.

pub mod admin;
pub mod model;
pub mod password;
pub mod routes;
pub mod secrets;
pub mod session;
pub mod store;
pub mod throttle;
pub mod tokens;
mod views;

pub use model::{ActingSteward, EmailAddress, Password, PersonName, Role, Steward, StewardId};
pub use secrets::SetupGate;
pub use session::CurrentSteward;
pub use throttle::SignInThrottle;
pub use tokens::ApiSteward;
