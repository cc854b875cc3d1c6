//! Projects: an HLS "system of interest" organised around an outcome, with its members
//! (stewards and practitioners) and a named safeguarding lead.

pub mod access;
pub mod model;
pub mod routes;
pub mod save;
pub mod store;
pub mod views;

pub use access::{Granted, ProjectAccess};
pub use model::{MemberRole, NewProject, Project, ProjectId, Scale};
pub use save::{save, save_in};
pub use store::Access;
