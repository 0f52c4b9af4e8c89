//! madoguchi: a public information site for local support services, built from content
//! files. The data flows one way:
//!
//! `content` (TOML → checked) → `model` → `schedule` (holidays, open now, next dates) → `view` (one struct per page kind, askama
//! templates) → `render` (the page list and the one renderer) → `server` (axum).
//!
//! A module never reaches back up this chain. `search` stands beside it: a pure text engine
//! over plain entries, which knows nothing of the model. So does `parallel`: work shared
//! out between the cores, which loading and rendering both use.

pub mod cmd;
pub mod content;
pub mod model;
pub mod parallel;
pub mod render;
pub mod schedule;
pub mod search;
pub mod server;
pub mod view;
