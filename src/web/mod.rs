//! Shared HTTP parts: page layout and form components (maud), security headers, CSRF,
//! request logging, static assets, the framework-error fallback and the panic-catching layer.

pub mod assets;
pub mod choices;
pub mod client_addr;
pub mod connections;
pub mod csrf;
pub mod date;
pub mod deadlines;
pub mod forms;
pub mod layout;
pub mod middleware;
pub mod panics;
pub mod respond;
pub mod routing;

pub use client_addr::client_addr;
pub use csrf::{CsrfForm, CsrfToken};
pub use date::When;
pub use forms::FieldErrors;
pub use layout::{NavUser, Page, table_region};
