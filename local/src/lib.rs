//! A local Peeker: the partner API of spec/openapi.yaml served over HTTP on
//! this machine, with SQLite state, fake provisioning on a time scale,
//! signed webhooks with retries, and fault injection (local/README.md).

mod admin;
mod api;
mod app;
mod error;
mod eventlog;
mod faults;
mod page;
mod provision;
mod registry;
mod server;
mod store;
mod util;
mod webhooks;

pub use app::{BASE_PATH, Config, LOCAL_PATH};
pub use server::{Running, start};
