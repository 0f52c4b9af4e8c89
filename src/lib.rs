//! madoguchi: a public information site for local support services, built from content
//! files. The data flows one way, in six steps; every module's first line names its own:
//!
//! 1. `content`: TOML read, translated and checked, errors with file:line:column;
//! 2. `model`: the validated site, one per language;
//! 3. `schedule`: holidays, open now, next dates (pure functions of the model and an
//!    instant);
//! 4. `view`: one struct per page kind and the shared parts, askama templates;
//! 5. `render`: the page list and the one renderer;
//! 6. `server` (hyper, with axum's types) or the static export (`cmd::build`).
//!
//! A module never reaches back up this chain. `search` stands beside it: a pure text engine
//! over plain entries, which knows nothing of the model. So does `parallel`: work shared
//! out between the cores, which loading and rendering both use. And `store`: readers'
//! reports in SQLite, which the server writes and `madoguchi feedback` reads.

pub mod cmd;
pub mod content;
pub mod model;
mod parallel;
pub mod render;
pub mod schedule;
mod search;
pub mod server;
pub mod store;
pub mod view;
