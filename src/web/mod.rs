//! Shared HTTP parts: page layout and form components (maud), security headers, CSRF,
//! request logging, static assets and the framework-error fallback.

pub mod assets;
pub mod choices;
pub mod csrf;
pub mod date;
pub mod forms;
pub mod layout;
pub mod middleware;
pub mod respond;
pub mod routing;

pub use csrf::{CsrfForm, CsrfToken};
pub use date::When;
pub use forms::FieldErrors;
pub use layout::{NavUser, Page, table_region};
