//! Step 4 of the flow (view): one struct per page kind, built from the model and
//! `schedule`, each rendered by its askama template in `templates/`, and the other
//! outputs (calendars, JSON-LD, open data, status, sitemap) said the same way. Templates
//! only loop and branch; every word and format comes from here (and so from the content).
//! It reads `model` and `schedule`, never `content`, `render` or `server`.
//!
//! `pages` is the registry (which pages exist, and the context they are built from),
//! `parts` what several page kinds share, and each page kind has a file of its own.

mod about;
mod access;
mod accessibility;
mod audience;
pub mod calendar;
pub mod contact;
pub mod dates;
mod faq;
pub mod feedback;
pub mod filters;
pub mod format;
pub mod handout;
mod home;
pub mod hsds;
pub mod jsonld;
pub mod layout;
mod message;
mod pages;
mod parts;
pub mod qr;
pub mod report;
pub mod search;
mod service;
pub mod sitemap;
pub mod status;
pub mod unknowns;
mod untranslated;
mod urgent;
pub mod urls;

pub use about::{AboutPage, VerificationRow};
pub use access::AccessPage;
pub use accessibility::{AccessibilityPage, ResultRow};
pub use audience::AudiencePage;
pub use faq::{FaqPage, QuestionView};
pub use handout::{HandoutFormPage, HandoutPage};
pub use home::{Featured, HomePage};
pub use message::MessagePage;
pub use pages::{Ctx, Page, PageView, page_list, page_path, page_title};
pub use parts::{
    ChecksView, DateView, EventPlace, EventView, LinkView, OccurrenceView, PhoneLink, PlaceView,
    ReadOnView, SourceView,
};
pub use service::{Fact, FactValue, ServicePage};
pub use untranslated::Untranslated;
pub use urgent::{UrgentLineView, UrgentPage};
