//! The theme downloads (`themes` and `coded-answers`, as CSV or XLSX): the cells shared by both
//! formats (`model`), the streamed bodies (`stream`, `xlsx`) and the signed-in handlers
//! (`routes`; the API's are in `crate::api::themes`).

pub mod model;
pub mod routes;
pub mod stream;
pub mod xlsx;

pub use stream::{EXPORTS_AT_ONCE, Export, Format, respond};
