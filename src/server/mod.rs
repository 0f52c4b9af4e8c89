//! Step 6 of the flow (server): HTTP over prerendered documents. It knows paths, statuses,
//! encodings, caching and the clock, not how a page is built. A request is a lookup in the
//! current `Snapshot`; the snapshot is rebuilt when the content changes or when the next
//! time-dependent change (a line opens or closes, an event date passes) is reached.
//! Internal errors are logged, never shown; bad requests get a 4xx page.

mod bucket;
mod feedback;
mod handle;
mod harden;
mod limit;
mod listen;
mod live;
// The one module with `unsafe`: glibc's allocator controls (see its comments).
#[allow(unsafe_code)]
pub mod memory;
pub mod reload;
mod respond;
mod snapshot;

pub use feedback::{ClientAddr, DeskSettings, FeedbackDesk, MAX_BODY_BYTES};
pub use handle::{MAX_URI_BYTES, site};
pub use harden::{Hsts, MAX_CONCURRENT};
pub use listen::{Timeouts, serve};
pub use live::{Clock, Live, render_ahead};
pub use snapshot::{Prepared, Snapshot, Variant};
